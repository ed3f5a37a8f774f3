"""Who may log, see and link front-door contacts."""

import rules

from carershub.accounts.rules import is_front_door_or_practitioner, is_partner_worker, is_service_worker
from carershub.people.rules import works_with

ADD_CONTACT = "contacts.add_contact"
VIEW_CONTACT_LIST = "contacts.view_contact_list"
VIEW_CONTACT = "contacts.view_contact"
CHANGE_CONTACT = "contacts.change_contact"
# A partner worker logs their own contacts and support sessions with a carer shared with their
# organisation (an accepted referral under consent: people/relationships.py reason 6), from the
# carer's record; never a contact from an unknown caller. They count in the figures like any other.
LOG_CONTACT_WITH_CARER = "contacts.log_contact_with_carer"


@rules.predicate
def can_see_contact(user, contact):
    """The same rule as the contact list: Contact.objects.visible_to(user)."""
    from carershub.contacts.models import Contact

    if contact is None:
        return False
    return Contact.objects.visible_to(user).filter(pk=contact.pk).exists()


@rules.predicate
def about_a_carer_worked_with(user, person):
    """A carer is named and the user works with them (a partner: under an accepted referral)."""
    return person is not None and works_with(user, person)


rules.add_perm(ADD_CONTACT, is_front_door_or_practitioner)
rules.add_perm(LOG_CONTACT_WITH_CARER, is_front_door_or_practitioner | (is_partner_worker & about_a_carer_worked_with))
rules.add_perm(VIEW_CONTACT_LIST, is_service_worker)
rules.add_perm(VIEW_CONTACT, can_see_contact)
rules.add_perm(CHANGE_CONTACT, is_service_worker)
