"""Who may log, see and link front-door contacts."""

import rules

from carershub.accounts.rules import is_front_door_or_practitioner, is_service_worker

ADD_CONTACT = "contacts.add_contact"
VIEW_CONTACT_LIST = "contacts.view_contact_list"
VIEW_CONTACT = "contacts.view_contact"
CHANGE_CONTACT = "contacts.change_contact"


@rules.predicate
def can_see_contact(user, contact):
    """The same rule as the contact list: Contact.objects.visible_to(user)."""
    from carershub.contacts.models import Contact

    if contact is None:
        return False
    return Contact.objects.visible_to(user).filter(pk=contact.pk).exists()


rules.add_perm(ADD_CONTACT, is_front_door_or_practitioner)
rules.add_perm(VIEW_CONTACT_LIST, is_service_worker)
rules.add_perm(VIEW_CONTACT, can_see_contact)
rules.add_perm(CHANGE_CONTACT, is_service_worker)
