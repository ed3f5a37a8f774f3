"""The front door's operations: logging a contact, and linking it to a person's record.

Each is one transaction that leaves an activity event.
"""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.contacts.models import Contact
from carershub.contacts.rules import ADD_CONTACT, VIEW_CONTACT_LIST
from carershub.core import panels
from carershub.core.locking import update_if
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.people import services as people_services


# What other apps do when a contact is logged or linked, in the same transaction (casework raises
# the alert and the tasks of an urgent contact and moves them to the record once it is linked).
# Registered in their AppConfig.ready(), so the front door knows nothing of them.
_after_logged = []
_after_linked = []


def on_logged(hook) -> None:
    """Add ``hook(contact, *, actor, follow_up: dict)``; ``follow_up`` holds the form's call-back answers."""
    if hook not in _after_logged:
        _after_logged.append(hook)


def on_linked(hook) -> None:
    """Add ``hook(contact, person, *, actor)``."""
    if hook not in _after_linked:
        _after_linked.append(hook)


FOLLOW_UP_FIELDS = ("call_back", "call_back_on", "call_back_time")


# Parts other apps add to a contact's page (signposting's "Signposted to"), registered in their
# AppConfig.ready(), so the front door knows nothing of them (core/panels.py).
Panel = panels.Panel
_detail_panels = panels.Panels()


def register_detail_panel(provider) -> None:
    """Add ``provider(user, contact) -> Panel | None``; it checks the user's permissions itself."""
    _detail_panels.register(provider)


def detail_panels(user, contact) -> list[Panel]:
    return _detail_panels.for_page(user, contact)


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
    follow_up = {name: form.cleaned_data.get(name) for name in FOLLOW_UP_FIELDS}
    for hook in _after_logged:
        hook(contact, actor=actor, follow_up=follow_up)
    return contact


@transaction.atomic
def link_contact(contact, person, *, actor):
    """Link a contact to a person's record; only a contact still unlinked, so two workers cannot both."""
    update_if(Contact, contact.pk, expect={"person__isnull": True}, person=person)
    contact.person = person
    record_event(EventKind.CONTACT_LINKED, actor=actor, person=person, obj=contact)
    # A caller first logged without a record: the contact is now theirs, so its "logged" event
    # joins their record and their timeline shows it when it happened. Only the person changes;
    # the area it was counted in (none yet) stays as it was.
    Event.objects.filter(
        kind=EventKind.CONTACT_LOGGED, object_type=Contact._meta.label_lower, object_id=contact.pk, person__isnull=True
    ).update(person=person)
    for hook in _after_linked:
        hook(contact, person, actor=actor)


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
