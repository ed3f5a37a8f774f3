"""Who may see and change the carers survey (issue 12). Counts and commissioning records only, no personal data."""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_SURVEY = "survey.view_survey"

rules.add_perm(VIEW_SURVEY, is_commissioner | is_team_manager)
