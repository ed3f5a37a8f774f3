"""Who may see and manage carers' direct payments.

Service workers who may open the carer's record see their direct payments (as they see the
plan). The council that pays manages them: its practitioners and managers set one up for a
carer they work with (from a plan their council agreed, or as a one-off grant), record payments,
returns and recoveries, and end it; they see the council's position and export what is due.
"""

import rules

from carershub.accounts.rules import is_practitioner_or_manager, is_service_worker
from carershub.people.rules import record_opened, works_with

VIEW_PAYMENTS = "payments.view_agreement"
ADD_AGREEMENT = "payments.add_agreement"
MANAGE_AGREEMENT = "payments.change_agreement"
VIEW_COUNCIL_POSITION = "payments.view_council_position"


@rules.predicate
def paid_by_users_council(user, agreement):
    """The agreement is paid by the user's council; without one (a menu) the role decides."""
    if agreement is None:
        return True
    return bool(user.organisation_id) and agreement.council_id == user.organisation_id


@rules.predicate
def works_with_the_carer(user, agreement):
    """Changing needs a relationship with the carer; a broken glass only lets one look."""
    return agreement is None or works_with(user, agreement.carer)


@rules.predicate
def works_for_a_council(user):
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.kind == "council"


rules.add_perm(VIEW_PAYMENTS, is_service_worker & record_opened)
rules.add_perm(ADD_AGREEMENT, is_practitioner_or_manager & works_for_a_council & works_with)
rules.add_perm(MANAGE_AGREEMENT, is_practitioner_or_manager & paid_by_users_council & works_with_the_carer)
rules.add_perm(VIEW_COUNCIL_POSITION, is_practitioner_or_manager & works_for_a_council)
