"""Who may find, see and change person records."""

import rules

from carershub.accounts.rules import is_partner_worker, is_service_worker, is_team_manager

SEARCH_PEOPLE = "people.search_people"
VIEW_PERSON = "people.view_person"
ADD_PERSON = "people.add_person"
CHANGE_PERSON = "people.change_person"
MANAGE_CONSENT = "people.manage_consent"
EXPORT_PERSON = "people.export_person"
VIEW_ACCESS_HISTORY = "people.view_access_history"


@rules.predicate
def person_is_shared_with_users_organisation(user, person):
    from carershub.people.models import Consent

    if person is None or not user.organisation_id:
        return False
    return Consent.objects.active().filter(person=person, organisation_id=user.organisation_id).exists()


can_see_person = is_service_worker | (is_partner_worker & person_is_shared_with_users_organisation)

rules.add_perm(SEARCH_PEOPLE, is_service_worker | is_partner_worker)
rules.add_perm(VIEW_PERSON, can_see_person)
rules.add_perm(ADD_PERSON, is_service_worker)
rules.add_perm(CHANGE_PERSON, is_service_worker)
rules.add_perm(MANAGE_CONSENT, is_service_worker)
rules.add_perm(EXPORT_PERSON, is_team_manager)
rules.add_perm(VIEW_ACCESS_HISTORY, is_team_manager)
