"""Who may see and change budgets, contracts and spend (issue 12). Counts and commissioning records only, no personal data."""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_MONEY = "money.view_money"

rules.add_perm(VIEW_MONEY, is_commissioner | is_team_manager)
