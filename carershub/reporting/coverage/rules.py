"""Who may see and change coverage against the Census (issue 12). Counts and commissioning records only, no personal data."""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_COVERAGE = "coverage.view_coverage"

rules.add_perm(VIEW_COVERAGE, is_commissioner | is_team_manager)
