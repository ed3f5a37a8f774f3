"""Who may see and change the carers survey (issue 12). Counts and commissioning records only, no personal data.

Returns are anonymous answers, entered by commissioners and team managers; the same people see the
measures worked out from them.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_SURVEY = "survey.view_survey"
ENTER_SURVEY_RETURN = "survey.add_surveyreturn"

rules.add_perm(VIEW_SURVEY, is_commissioner | is_team_manager)
rules.add_perm(ENTER_SURVEY_RETURN, is_commissioner | is_team_manager)
