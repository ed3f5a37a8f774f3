"""Who may see and change options appraisals (issue 12). Counts and commissioning records only, no personal data.

Commissioners and team managers see and change the appraisals of their own organisation, and no
other's: the views fetch appraisals through ``services.visible(user)`` (scoped on the server, so an
appraisal of another organisation answers 404), and the object permission says the same.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_APPRAISALS = "appraisal.view_appraisals"
CHANGE_APPRAISAL = "appraisal.change_appraisal"

is_appraisal_keeper = is_commissioner | is_team_manager


@rules.predicate
def of_own_organisation(user, appraisal):
    return appraisal is not None and bool(user.organisation_id) and appraisal.organisation_id == user.organisation_id


rules.add_perm(VIEW_APPRAISALS, is_appraisal_keeper)
rules.add_perm(CHANGE_APPRAISAL, is_appraisal_keeper & of_own_organisation)
