"""Who may see and change action plans (issue 12). Counts and commissioning records only, no personal data.

Commissioners and team managers see and change the plans of their own organisation, and no other's:
the views fetch plans through ``services.visible(user)`` (scoped on the server, so another
organisation's plan answers 404), and the object permission says the same.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_ACTION_PLANS = "actionplans.view_actionplans"
CHANGE_ACTION_PLAN = "actionplans.change_actionplan"

is_plan_keeper = is_commissioner | is_team_manager


@rules.predicate
def of_own_organisation(user, plan):
    return plan is not None and bool(user.organisation_id) and plan.organisation_id == user.organisation_id


rules.add_perm(VIEW_ACTION_PLANS, is_plan_keeper)
rules.add_perm(CHANGE_ACTION_PLAN, is_plan_keeper & of_own_organisation)
