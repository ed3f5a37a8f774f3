"""Who may use the directory pages: permissions named as constants, built on accounts.rules.

The directory holds no carer data. Service workers, partner workers and commissioners browse it
(commissioners to see what is out there); a partner worker or service worker proposes changes to
the services of their own organisation, or a new one for it; administrators (and superusers, who
administer the service) decide proposals and import other directories' feeds. Emergency responders
have no pages here.
"""

import rules

from carershub.accounts.rules import is_administrator, is_commissioner, is_partner_worker, is_service_worker

VIEW_DIRECTORY = "directory.view_service"
PROPOSE_CHANGE = "directory.add_changeproposal"
DECIDE_PROPOSALS = "directory.change_changeproposal"
IMPORT_FEED = "directory.import_feed"


@rules.predicate
def is_superuser(user):
    return user.is_authenticated and user.is_superuser


@rules.predicate
def runs_service(user, service):
    """The user's organisation runs the service (with no service, a new one: any organisation will do)."""
    if not user.organisation_id:
        return False
    return service is None or service.organisation_id == user.organisation_id


is_directory_administrator = is_administrator | is_superuser

rules.add_perm(VIEW_DIRECTORY, is_service_worker | is_partner_worker | is_commissioner | is_directory_administrator)
rules.add_perm(PROPOSE_CHANGE, (is_service_worker | is_partner_worker) & runs_service)
rules.add_perm(DECIDE_PROPOSALS, is_directory_administrator)
rules.add_perm(IMPORT_FEED, is_directory_administrator)
