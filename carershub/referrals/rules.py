"""Who may use the referrals pages: permissions named as constants, built on accounts.rules.

Any partner refers (service workers and partner workers, for a carer they work with); the
receiving organisation's staff receive, accept, decline and complete; the sending organisation's
staff withdraw. Information-sharing agreements are read by staff of the partnership and kept by a
team manager of one of the agreement's organisations (or added by the administrator, who
keeps any agreement in Django admin).
"""

import rules

from carershub.accounts.rules import is_administrator, is_partner_worker, is_service_worker, is_team_manager
from carershub.people.rules import works_with

SEND_REFERRAL = "referrals.add_referral"
VIEW_REFERRALS = "referrals.view_referral"
VIEW_SHARED = "referrals.view_shared_carers"
VIEW_SHARING_AGREEMENTS = "referrals.view_sharingagreement"
ADD_SHARING_AGREEMENT = "referrals.add_sharingagreement"
MANAGE_SHARING_AGREEMENTS = "referrals.change_sharingagreement"


@rules.predicate
def has_organisation(user):
    return user.is_authenticated and user.organisation_id is not None


@rules.predicate
def signed_agreement(user, agreement):
    """The user's organisation is a party to the agreement (with no agreement, a menu: the role decides)."""
    if agreement is None:
        return True
    return bool(user.organisation_id) and agreement.parties.filter(pk=user.organisation_id).exists()


is_staff_of_a_partner = (is_service_worker | is_partner_worker) & has_organisation

rules.add_perm(SEND_REFERRAL, is_staff_of_a_partner & works_with)
rules.add_perm(VIEW_REFERRALS, is_staff_of_a_partner)
rules.add_perm(VIEW_SHARED, is_staff_of_a_partner)
rules.add_perm(VIEW_SHARING_AGREEMENTS, is_staff_of_a_partner | is_administrator)
rules.add_perm(ADD_SHARING_AGREEMENT, is_team_manager | is_administrator)
# The administrator keeps any agreement in Django admin (referrals/admin.py); the product's page is
# for the team managers of the organisations that signed it.
rules.add_perm(MANAGE_SHARING_AGREEMENTS, is_team_manager & signed_agreement)
