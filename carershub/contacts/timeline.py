"""The front door's part of the person page: its contacts on the timeline, and "Log a contact".

Registered in ``ContactsConfig.ready()`` (people/timeline.py, people/sections.py).
"""

from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from carershub.accounts.models import SERVICE_ROLES
from carershub.activity.models import EventKind
from carershub.contacts.models import CallerRole, Channel, Contact, Outcome
from carershub.contacts.rules import ADD_CONTACT
from carershub.core import reversing
from carershub.core.queries import Prepared
from carershub.people.sections import Action
from carershub.people.timeline import Entry

KINDS = (EventKind.CONTACT_LOGGED, EventKind.CONTACT_LINKED)


# The contacts of a page of the timeline, by id and person, compiled once per number of ids (decision
# 65; a page holds at most 25 events, people/timeline.page_for, so at most 25 shapes). Django built
# and compiled this query again on every person page with contacts.
_CONTACTS_BY_ID = Prepared.keyed(
    lambda count, person, *ids: Contact.objects.filter(pk__in=ids, person_id=person).order_by(),
    name="the timeline's contacts",
)


def _label(choice_class, value) -> str:
    return str(dict(choice_class.choices).get(value, value or ""))


def describe(user, events) -> dict:
    """A contact: how it came, who got in touch and its outcomes; never what was said.

    The timeline shows only events of a person this user may open, and a contact about a person
    the user may open is one they may see (``Contact.objects.visible_to``): so the contacts are
    read by their person rather than asking that rule again. What the caller said stays on the
    contact's own page, which checks access and logs it.
    """
    person = events[0].person
    pks = {e.object_id for e in events if e.object_type == "contacts.contact" and e.object_id is not None}
    contacts = {contact.pk: contact for contact in _CONTACTS_BY_ID(len(pks), person.pk, *pks)} if pks else {}
    found = {}
    for event in events:
        contact = contacts.get(event.object_id) if event.object_type == "contacts.contact" else None
        data = event.data or {}
        channel = _label(Channel, contact.channel if contact else data.get("channel"))
        # A partner opens only the contacts its own organisation logged (Contact.objects.visible_to).
        opens = contact is not None and (
            user.has_role(*SERVICE_ROLES) or contact.organisation_id == user.organisation_id
        )
        href = reversing.url("contacts:detail", contact.pk) if opens else None
        if event.kind == EventKind.CONTACT_LINKED:
            detail = ""
            if contact:
                detail = _("The contact of %(date)s: %(channel)s") % {
                    "date": formats.date_format(timezone.localtime(contact.received_at), "j F Y"),
                    "channel": channel,
                }
            found[event.pk] = Entry(_("Contact linked to this record"), detail, href)
            continue
        outcomes = contact.outcomes if contact else data.get("outcomes")
        parts = [_label(CallerRole, contact.caller_role)] if contact else []
        parts += [_label(Outcome, code) for code in outcomes or ()]
        title = _("Contact logged: %(channel)s") % {"channel": channel} if channel else _("Contact logged")
        found[event.pk] = Entry(title, "; ".join(p for p in parts if p), href)
    return found


def actions(user, person):
    if not user.has_perm(ADD_CONTACT):
        return []
    href = reversing.url("contacts:new") + "?" + urlencode({"person": person.pk})
    return [Action(_("Log a contact"), href, order=10, primary=True)]
