"""Signposting's operations: a pick from the directory (or words for what it does not list), and
what other apps show of the picks through their registries.

A pick is one transaction that writes one ``signposted`` event (decision 6): the figures count
services from those events alone (reporting.figures, decision 36).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse

from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.directory import services as directory_services
from carershub.directory.models import Service
from carershub.signposting.models import Signpost

# The most picks a list shows (a person's page, a contact, a plan): a carer pointed to more than this
# has the full list on the signposting page of their record.
LIST_LIMIT = 50


class NotAllowed(Exception):
    """The pick cannot be made: the message says why, in words for the worker."""


@dataclass(frozen=True)
class Origin:
    """Where a pick is made from, and whom it is about (``person`` None: an unknown caller's contact)."""

    source: str
    person: object = None
    contact: object = None
    assessment: object = None
    plan: object = None

    def query(self) -> dict:
        """The query string that carries this origin through the directory's search and back."""
        found = {}
        if self.person is not None:
            found["person"] = self.person.pk
        for name in ("contact", "assessment", "plan"):
            obj = getattr(self, name)
            if obj is not None:
                found[name] = obj.pk
        return found


@transaction.atomic
def signpost(origin: Origin, *, actor, service: Service | None = None, not_listed: str = "", note: str = "") -> Signpost:
    """Record one pick and its event, in one transaction. ``service`` or ``not_listed``, not both."""
    not_listed = (not_listed or "").strip()
    if (service is None) == (not not_listed):
        raise ValueError("A pick names a service from the directory or says what was not listed, not both")
    pick = Signpost.objects.create(
        service=service,
        not_listed=not_listed,
        person=origin.person,
        contact=origin.contact,
        assessment=origin.assessment,
        plan=origin.plan,
        note=(note or "").strip(),
        signposted_by=actor,
        organisation_id=actor.organisation_id,
    )
    record_event(
        EventKind.SIGNPOSTED,
        actor=actor,
        person=origin.person,
        obj=pick,
        data={"service_id": str(service.pk) if service is not None else None, "source": origin.source},
    )
    return pick


def give_person(contact, person, *, actor=None) -> None:
    """A contact's caller now has a record (``contacts.services.on_linked``): their picks, and the
    events of those picks, become the person's. The area the events were counted in stays as it was."""
    picks = Signpost.objects.filter(contact=contact, person__isnull=True)
    ids = list(picks.values_list("pk", flat=True))
    if not ids:
        return
    picks.update(person=person)
    Event.objects.filter(
        kind=EventKind.SIGNPOSTED, object_type=Signpost._meta.label_lower, object_id__in=ids, person__isnull=True
    ).update(person=person)


# --- reading the picks -----------------------------------------------------------------------------


def _listed(queryset):
    return queryset.select_related("service__organization", "signposted_by").order_by("-signposted_at", "-id")


def for_person(person, *, limit=LIST_LIMIT) -> list[Signpost]:
    return list(_listed(Signpost.objects.filter(person=person))[:limit])


def for_contact(contact, *, limit=LIST_LIMIT) -> list[Signpost]:
    return list(_listed(Signpost.objects.filter(contact=contact))[:limit])


def for_plan(plan, *, limit=LIST_LIMIT) -> list[Signpost]:
    return list(_listed(Signpost.objects.filter(plan=plan))[:limit])


def for_assessment(assessment, *, limit=LIST_LIMIT) -> list[Signpost]:
    return list(_listed(Signpost.objects.filter(assessment=assessment))[:limit])


def advice_for_letter(assessment, language: str) -> list[dict]:
    """What a not-eligible letter lists under "information and advice": each service picked for this
    assessment once, as ``directory.services.describe`` words it, and what was not listed, in words."""
    services = Service.objects.select_related("organization").prefetch_related(
        "phones", "service_at_locations__location__addresses"
    )
    picks = (
        Signpost.objects.filter(assessment=assessment)
        .prefetch_related(Prefetch("service", queryset=services))
        .order_by("signposted_at", "id")[:LIST_LIMIT]
    )
    found, seen = [], set()
    for pick in picks:
        key = pick.service_id or pick.not_listed.casefold()
        if key in seen:
            continue
        seen.add(key)
        if pick.service_id:
            found.append(directory_services.describe(pick.service, language))
        else:
            found.append({"name": pick.not_listed, "organisation": "", "phone": "", "email": "", "url": "", "address": ""})
    return found


# --- links -----------------------------------------------------------------------------------------


def directory_search_url(origin: Origin) -> str:
    """The directory's search, opened for this origin: its "Signpost" links bring the pick back here."""
    query = urlencode(origin.query())
    return f"{reverse('directory:search')}?{query}" if query else reverse("directory:search")


def not_listed_url(origin: Origin) -> str:
    return f"{reverse('signposting:new')}?{urlencode({**origin.query(), 'not_listed': 1})}"


# Written in place of what the directory did not list, once erased: the constraint needs one of the two.
ERASED_TEXT = "Erased"


def for_subject_access(person):
    return list(
        Signpost.objects.filter(person=person)
        .select_related("service", "organisation", "signposted_by__organisation")
        .order_by("signposted_at", "pk")
    )


def erase_of(person) -> dict:
    """A data-protection erasure (privacy): the notes go, and what was typed for a service the
    directory does not list; the picks of listed services stay (they say nothing of the person)."""
    picks = Signpost.objects.filter(person=person)
    changed = picks.update(note="")
    picks.exclude(not_listed="").update(not_listed=ERASED_TEXT)
    return {"signposts": changed}
