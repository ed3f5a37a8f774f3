"""Providers for tests of the care-at-home apps (issue 13): ``make_provider`` builds one on the register.

The tests of arrangements, matching and the provider mix import it too. It writes the
rows directly (no events), so a test that counts events counts only its own.
"""

import datetime

from django.utils import timezone

from carershub.partnership.models import Area, Organisation
from carershub.providers import checklist
from carershub.providers.models import Check, Provider, Worker
from carershub.providers.services import SECTOR_FOR_TYPE


def _areas(area) -> list[Area]:
    if isinstance(area, Area):
        return [area]
    return list(area)


def record_complete_checklist(provider: Provider, *, actor=None, on: datetime.date | None = None) -> None:
    """Every essential item met for the provider and each current worker, expiring in a year where it expires."""
    on = on or timezone.localdate()
    workers = [w for w in provider.workers.all() if w.is_current(on)]
    for item in checklist.ITEMS:
        if not item.essential:
            continue
        expires = on + datetime.timedelta(days=365) if item.expires else None
        for worker in (workers if item.per_worker else [None]):
            Check.objects.create(
                provider=provider, worker=worker, item=item.code, outcome=checklist.MET,
                evidence="Seen by the test", checked_on=on, expires_on=expires, recorded_by=actor,
            )


def make_provider(
    *,
    name,
    area,
    actor,
    provider_type="micro_enterprise",
    status="active",
    complete=True,
    workers=("Test Worker",),
    services=("personal_care", "companionship"),
    availability=("mon:morning", "tue:morning", "wed:morning"),
    welsh_spoken=False,
    registered_on=None,
    postcode_districts="",
) -> Provider:
    """A provider on the register serving ``area`` (an Area or several; the first is its organisation's).

    ``complete=True``: every essential checklist item met and in date (a year to run where it expires),
    for the provider and each of ``workers``; with ``status="active"`` it can take new people
    (services.new_people_problems is empty).
    """
    areas = _areas(area)
    organisation = Organisation.objects.create(
        name=name, kind=Organisation.Kind.CARE_PROVIDER, sector=SECTOR_FOR_TYPE[provider_type],
        area=areas[0] if areas else None,
    )
    provider = Provider.objects.create(
        organisation=organisation, provider_type=provider_type, status=status,
        services=list(services), availability=list(availability), welsh_spoken=welsh_spoken,
        registered_on=registered_on, registration_number="TEST-REG" if registered_on else "",
        postcode_districts=postcode_districts, contact_name="Test Contact", created_by=actor,
    )
    provider.areas.set(areas)
    today = timezone.localdate()
    for worker in workers:
        Worker.objects.create(provider=provider, name=worker, started_on=today - datetime.timedelta(days=100))
    if complete:
        record_complete_checklist(provider, actor=actor, on=today)
    return provider
