"""The front door's operations: logging a contact, and linking it to a person's record.

Each is one transaction that leaves an activity event.
"""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.contacts.models import Contact
from carershub.contacts.rules import ADD_CONTACT, VIEW_CONTACT_LIST
from carershub.core.locking import update_if
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.people import services as people_services


@transaction.atomic
def log_contact(form, *, actor):
    contact = form.save(commit=False)
    contact.recorded_by = actor
    contact.organisation_id = actor.organisation_id
    contact.save()
    # One event for the contact and one per outcome, so each figure is a simple count.
    record_event(
        EventKind.CONTACT_LOGGED,
        actor=actor,
        person=contact.person,
        obj=contact,
        data={"channel": contact.channel, "outcomes": contact.outcomes, "referred_to": contact.referred_to_id},
        occurred_at=contact.received_at,
    )
    return contact


@transaction.atomic
def link_contact(contact, person, *, actor):
    """Link a contact to a person's record; only a contact still unlinked, so two workers cannot both."""
    update_if(Contact, contact.pk, expect={"person__isnull": True}, person=person)
    contact.person = person
    record_event(EventKind.CONTACT_LINKED, actor=actor, person=person, obj=contact)


@transaction.atomic
def create_carer_from_contact(form, contact, *, actor):
    """Make the carer's record from a new-carer form opened from a contact, and link the contact.

    Raises StaleRecordError, and makes no record, if somebody else linked the contact first.
    """
    data = form.cleaned_data
    person = people_services.create_carer(
        form.save(commit=False),
        actor=actor,
        is_parent_carer=data.get("is_parent_carer", False),
        case_worker=data.get("case_worker"),
        identified_from={"contact_id": contact.pk},
    )
    link_contact(contact, person, actor=actor)
    return person


def contact_or_404(user, pk, *, related=()):
    """A contact this user may see, or 404."""
    contacts = Contact.objects.visible_to(user)
    return get_object_or_404(contacts.select_related(*related) if related else contacts, pk=pk)


def home_items(user):
    items = []
    if user.has_perm(ADD_CONTACT):
        items.append(Shortcut(reverse("contacts:new"), _("Log a new contact"), primary=True))
    if user.has_perm(VIEW_CONTACT_LIST):
        unlinked = Contact.objects.unlinked_visible_to(user).count()
        items.append(
            WorkQueue(
                reverse("contacts:list") + "?show=unlinked", _("Contacts not yet linked to a record"), unlinked, order=10
            )
        )
    return items
