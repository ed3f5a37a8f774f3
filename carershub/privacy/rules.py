"""Who may record, manage and act on data-rights requests, erase records and review retention.

Requests can arrive at any door (a call to the front door, a letter to a practitioner), so every
service worker may record one. Answering them, downloading everything held about a person and
erasing a record are for team managers only: they decide what is released and what is destroyed.
"""

import rules

from carershub.accounts.rules import is_service_worker, is_team_manager

RECORD_DATA_RIGHTS_REQUEST = "privacy.record_datarightsrequest"
MANAGE_DATA_RIGHTS = "privacy.manage_datarightsrequest"
DOWNLOAD_SUBJECT_ACCESS = "privacy.download_subject_access"
ERASE_PERSON = "privacy.erase_person"
REVIEW_RETENTION = "privacy.review_retention"

rules.add_perm(RECORD_DATA_RIGHTS_REQUEST, is_service_worker)
rules.add_perm(MANAGE_DATA_RIGHTS, is_team_manager)
rules.add_perm(DOWNLOAD_SUBJECT_ACCESS, is_team_manager)
rules.add_perm(ERASE_PERSON, is_team_manager)
rules.add_perm(REVIEW_RETENTION, is_team_manager)
