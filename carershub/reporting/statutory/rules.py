"""Who may see and change the statutory returns (issue 12).

The returns' tables (SALT LTS003, the Welsh measures, the number of Client Level Data rows and
problems by field) are counts with small numbers hidden: commissioners and team managers see them.
The Client Level Data file itself is personal data (NHS number, date of birth, postcode, ethnicity
of each carer with an event in the period): it is the council's return to NHS England, so only a
team manager of a council in England downloads it, with that council's area's rows only, and each
download is written to the access log against every carer in it (audit.AccessEvent, "Exported").
The list of problems names records (by kind and number) but no person, and goes with the file.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_STATUTORY = "statutory.view_statutory"
DOWNLOAD_CLIENT_LEVEL_DATA = "statutory.download_client_level_data"


@rules.predicate
def works_at_council_in_england(user):
    organisation = getattr(user, "organisation", None)
    if organisation is None or organisation.kind != "council" or organisation.area_id is None:
        return False
    return organisation.area.nation == "england"


rules.add_perm(VIEW_STATUTORY, is_commissioner | is_team_manager)
rules.add_perm(DOWNLOAD_CLIENT_LEVEL_DATA, is_team_manager & works_at_council_in_england)
