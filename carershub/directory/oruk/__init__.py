"""The Open Referral UK 3.0 API over the directory: public and read-only."""
