"""Who may log, see and link front-door contacts."""

import rules

from carershub.accounts.rules import is_front_door_or_practitioner, is_service_worker
from carershub.people.rules import can_see_person

ADD_CONTACT = "contacts.add_contact"
VIEW_CONTACT_LIST = "contacts.view_contact_list"
VIEW_CONTACT = "contacts.view_contact"
CHANGE_CONTACT = "contacts.change_contact"


@rules.predicate
def can_see_contact(user, contact):
    if contact is None:
        return False
    if contact.person_id is None:
        return is_service_worker(user)
    return can_see_person(user, contact.person)


rules.add_perm(ADD_CONTACT, is_front_door_or_practitioner)
rules.add_perm(VIEW_CONTACT_LIST, is_service_worker)
rules.add_perm(VIEW_CONTACT, can_see_contact)
rules.add_perm(CHANGE_CONTACT, is_service_worker)
