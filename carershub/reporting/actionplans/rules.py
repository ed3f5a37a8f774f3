"""Who may see and change action plans (issue 12). Counts and commissioning records only, no personal data."""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_ACTION_PLANS = "actionplans.view_actionplans"

rules.add_perm(VIEW_ACTION_PLANS, is_commissioner | is_team_manager)
