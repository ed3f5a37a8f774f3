"""Who may match people who need care at home to providers (issue 13).

Finding care is the service's work with a person: front door workers, practitioners and team
managers record a request, see the ranked providers, introduce and record the outcome, for people
they may open (checked per person on every page: people.services.visible_person_or_404, and the
queue scoped to them). Commissioners, partners and providers do not see these requests: they hold
health and care details of a named person.
"""

import rules

from carershub.accounts.rules import is_service_worker

VIEW_CARE_REQUESTS = "matching.view_carerequest"
ADD_CARE_REQUEST = "matching.add_carerequest"
MANAGE_CARE_REQUEST = "matching.change_carerequest"

rules.add_perm(VIEW_CARE_REQUESTS, is_service_worker)
rules.add_perm(ADD_CARE_REQUEST, is_service_worker)
rules.add_perm(MANAGE_CARE_REQUEST, is_service_worker)
