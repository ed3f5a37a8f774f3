"""Who may see and arrange short breaks.

Service workers who may open the carer's record see their breaks. Practitioners and team managers
who work with the carer grant allowances (from a plan: only the plan's own council, as for the
plan itself, support/rules.py), book breaks and move bookings on. Only a team manager adjusts an
allowance or books beyond its balance, always with a reason.
"""

import rules

from carershub.accounts.rules import is_practitioner_or_manager, is_service_worker, is_team_manager
from carershub.people.rules import record_opened, works_with
from carershub.support.rules import plan_made_by_users_council

VIEW_BREAKS = "breaks.view_breaks"
GRANT_ALLOWANCE = "breaks.add_allowance"
GRANT_FROM_PLAN = "breaks.add_allowance_from_plan"
BOOK_BREAK = "breaks.add_booking"
CHANGE_BOOKING = "breaks.change_booking"
ADJUST_ALLOWANCE = "breaks.adjust_allowance"
OVERRIDE_BALANCE = "breaks.override_balance"
VIEW_BREAKS_QUEUE = "breaks.view_queue"


@rules.predicate
def works_with_the_carer(user, booking_or_allowance):
    """The booking's or allowance's carer is one the user works with (not through a broken glass)."""
    if booking_or_allowance is None:
        return True
    return works_with(user, booking_or_allowance.carer)


rules.add_perm(VIEW_BREAKS, is_service_worker & record_opened)
rules.add_perm(GRANT_ALLOWANCE, is_practitioner_or_manager & works_with)
# Takes the plan: its council's staff (or its assessor) grant from it.
rules.add_perm(GRANT_FROM_PLAN, is_practitioner_or_manager & plan_made_by_users_council)
rules.add_perm(BOOK_BREAK, is_practitioner_or_manager & works_with_the_carer)
rules.add_perm(CHANGE_BOOKING, is_practitioner_or_manager & works_with_the_carer)
rules.add_perm(ADJUST_ALLOWANCE, is_team_manager & works_with_the_carer)
rules.add_perm(OVERRIDE_BALANCE, is_team_manager & works_with_the_carer)
rules.add_perm(VIEW_BREAKS_QUEUE, is_practitioner_or_manager)
