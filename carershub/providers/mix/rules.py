"""Who may see and enter the provider mix (issue 13).

The mix is hours of care by sector, about councils, not about any person: commissioners and team
managers see it and enter returns. A return is changed by staff (commissioners, team managers) of
the organisation whose worker entered it, as a grant round is run by its funder; the published
table loaded from the ADSS Cymru report has no such organisation and stays as published.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_PROVIDER_MIX = "providermix.view_mix"
ENTER_MIX_RETURN = "providermix.add_mixreturn"
CHANGE_MIX_RETURN = "providermix.change_mixreturn"

is_mix_keeper = is_commissioner | is_team_manager


@rules.predicate
def entered_by_own_organisation(user, mix_return):
    if mix_return is None:
        return False
    entered_by = mix_return.entered_by
    return bool(user.organisation_id) and entered_by is not None and entered_by.organisation_id == user.organisation_id


rules.add_perm(VIEW_PROVIDER_MIX, is_mix_keeper)
rules.add_perm(ENTER_MIX_RETURN, is_mix_keeper)
rules.add_perm(CHANGE_MIX_RETURN, is_mix_keeper & entered_by_own_organisation)
