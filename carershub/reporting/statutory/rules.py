"""Who may see and change the statutory returns (issue 12). Counts and commissioning records only, no personal data."""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_STATUTORY = "statutory.view_statutory"

rules.add_perm(VIEW_STATUTORY, is_commissioner | is_team_manager)
