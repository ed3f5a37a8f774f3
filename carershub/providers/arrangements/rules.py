"""Who may do what with care arrangements (issue 13).

- Arrangements are about a person's care: service workers (front door, practitioners, team managers)
  arrange, change and end them, for people they may open (people.services.visible_person_or_404).
- A provider's list of arrangements: whoever may see the provider (providers.rules VIEW_PROVIDER)
  sees the counts and the limit; only service workers see names, and only of people they may open.
  A provider's own partner worker and commissioners see counts only.
"""

import rules

from carershub.accounts.rules import is_service_worker
from carershub.providers.rules import VIEW_PROVIDER

VIEW_PROVIDER_ARRANGEMENTS = "arrangements.view_provider_arrangements"
SEE_ARRANGED_NAMES = "arrangements.see_arranged_names"
VIEW_ARRANGEMENT = "arrangements.view_arrangement"
ADD_ARRANGEMENT = "arrangements.add_arrangement"
CHANGE_ARRANGEMENT = "arrangements.change_arrangement"


@rules.predicate
def may_view_provider(user, provider):
    return user.has_perm(VIEW_PROVIDER, provider)


rules.add_perm(VIEW_PROVIDER_ARRANGEMENTS, may_view_provider)
rules.add_perm(SEE_ARRANGED_NAMES, is_service_worker)
rules.add_perm(VIEW_ARRANGEMENT, is_service_worker)
rules.add_perm(ADD_ARRANGEMENT, is_service_worker)
rules.add_perm(CHANGE_ARRANGEMENT, is_service_worker)
