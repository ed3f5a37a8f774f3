"""Who may find, see and change person records.

The relationship that makes a record someone's business is decided in one place,
people/relationships.py; these predicates ask it about one person.
"""

import rules

from carershub.accounts.rules import is_partner_worker, is_service_worker, is_team_manager
from carershub.people import relationships

SEARCH_PEOPLE = "people.search_people"
VIEW_PERSON = "people.view_person"
ADD_PERSON = "people.add_person"
CHANGE_PERSON = "people.change_person"
MANAGE_CONSENT = "people.manage_consent"
EXPORT_PERSON = "people.export_person"
VIEW_ACCESS_HISTORY = "people.view_access_history"
REVIEW_ACCESS_REASONS = "people.review_access_reasons"


def _answer(user, question: str, person_pk: int) -> bool:
    """Ask relationships.py, once per request for each question and person."""
    from carershub.people.models import Person

    def ask():
        people = Person.objects.visible_to(user) if question == "open" else Person.objects.related_to(user)
        return people.filter(pk=person_pk).exists()

    return relationships.answer(user, question, person_pk, ask)


@rules.predicate
def can_open(user, person):
    """A relationship, or a reason given to break the glass (relationships.py, reasons 1-8)."""
    return person is not None and _answer(user, "open", person.pk)


@rules.predicate
def record_opened(user, person):
    """The person's record is open to the user; with no person (a menu, a button) the role decides."""
    return person is None or can_open(user, person)


@rules.predicate
def works_with(user, person):
    """A relationship (reasons 1-7): what changing a record needs; a broken glass only lets one look.

    Without a person (a menu, a button) the question is only whether the role allows it.
    """
    return person is None or _answer(user, "related", person.pk)


rules.add_perm(SEARCH_PEOPLE, is_service_worker | is_partner_worker)
rules.add_perm(VIEW_PERSON, can_open)
rules.add_perm(ADD_PERSON, is_service_worker)
rules.add_perm(CHANGE_PERSON, is_service_worker & works_with)
rules.add_perm(MANAGE_CONSENT, is_service_worker & works_with)
rules.add_perm(EXPORT_PERSON, is_team_manager & works_with)
rules.add_perm(VIEW_ACCESS_HISTORY, is_team_manager & works_with)
rules.add_perm(REVIEW_ACCESS_REASONS, is_team_manager)
