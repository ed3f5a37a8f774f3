"""Who may do what with groups, courses and waiting lists.

Service workers (front door, practitioners, team managers) see what is offered where they work and
book the carers they work with onto it, or onto its waiting list. An activity is run, and its
sessions and registers kept, by the service workers of the organisation that runs it, or by a team
manager. Partner workers, commissioners, emergency responders and administrators have no pages here
(commissioners count the events in the figures).
"""

import rules

from carershub.accounts.rules import is_service_worker, is_team_manager
from carershub.people.rules import can_open, works_with

VIEW_ACTIVITIES = "groups.view_activity"
ADD_ACTIVITY = "groups.add_activity"
MANAGE_ACTIVITY = "groups.change_activity"
BOOK = "groups.add_booking"
VIEW_CARER_GROUPS = "groups.view_carer_groups"
ISSUE_PACK = "groups.add_informationpack"


@rules.predicate
def runs_activity(user, activity):
    """The user's organisation runs the activity (with no activity, a menu: the role decides)."""
    return activity is None or (bool(user.organisation_id) and activity.organisation_id == user.organisation_id)


rules.add_perm(VIEW_ACTIVITIES, is_service_worker)
rules.add_perm(ADD_ACTIVITY, is_service_worker)
rules.add_perm(MANAGE_ACTIVITY, is_service_worker & (runs_activity | is_team_manager))
rules.add_perm(BOOK, is_service_worker & works_with)
rules.add_perm(VIEW_CARER_GROUPS, is_service_worker & can_open)
rules.add_perm(ISSUE_PACK, is_service_worker & works_with)
