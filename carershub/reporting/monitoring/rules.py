"""Who may see and change contract monitoring (issue 12). Counts and commissioning records only, no personal data."""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_MONITORING = "monitoring.view_monitoring"

rules.add_perm(VIEW_MONITORING, is_commissioner | is_team_manager)
