"""Referrals between the partners, under the carer's consent, and information-sharing agreements."""
