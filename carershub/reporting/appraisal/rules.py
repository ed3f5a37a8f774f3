"""Who may see and change options appraisals (issue 12). Counts and commissioning records only, no personal data."""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_APPRAISALS = "appraisal.view_appraisals"

rules.add_perm(VIEW_APPRAISALS, is_commissioner | is_team_manager)
