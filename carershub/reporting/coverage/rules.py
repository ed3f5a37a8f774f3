"""Who may see and change coverage against the Census (issue 12). Counts and commissioning records only, no personal data.

Commissioners and team managers see coverage and import the Census table: published figures about
areas, not about anybody, so any of them may replace an area's figures with the published ones.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_COVERAGE = "coverage.view_coverage"
IMPORT_CENSUS = "coverage.import_census_unpaid_care"

rules.add_perm(VIEW_COVERAGE, is_commissioner | is_team_manager)
rules.add_perm(IMPORT_CENSUS, is_commissioner | is_team_manager)
