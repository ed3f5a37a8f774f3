"""Demo identification in settings (to be called at the end of demo/region.py's load(), beside groups).

Each demo council area gets twelve synthetic GP practices (the two or so the region lists, and made-up
ones to make up the number), schools, pharmacies and employers; the Marchester hospitals trust is
used as it is. Over the last year the carers centre and the councils engaged with most Afon Valley
practices (all but one) and about two thirds of Marchester's (half visited, two more through training), named carers champions and gave training.
Some existing demo contacts are then marked as sent by the carer's own GP practice or school, so each
setting has carers identified. All names are made up; ODS codes are made-up codes of the right shape.
Engagement and training go through the services (with their events), then are moved back to their day.
"""

import itertools
from datetime import datetime, time, timedelta

from django.utils import timezone

from carershub.activity.models import Event
from carershub.contacts.models import Contact
from carershub.identification import services
from carershub.identification.models import Engagement, Training
from carershub.partnership.models import Organisation

K = Organisation.Kind
PRACTICES_PER_AREA = 12
PLACES = {
    "Afon Valley": ["Aberafon", "Cwmfelin", "Pontafon", "Glanrhyd", "Tonyfelin", "Bryncoch", "Penybont Isaf",
                    "Llwyn Onn", "Ffynnon Las", "Cefn Mawr", "Nantgwyn", "Rhosafon"],
    "Marchester": ["Marchester", "Northgate", "Ashby Marches", "Eastwick", "Millbrook", "Hollins Green",
                   "St Jude's", "Westfield", "Canal Basin", "Orchard Park", "Tanners Row", "Kingsmead"],
}
SUFFIXES = ["Surgery", "Medical Centre", "Health Centre", "Family Practice"]


def _on(day):
    return timezone.make_aware(datetime.combine(day, time(11)))


def _back_engagement(engagement, day):
    Engagement.objects.filter(pk=engagement.pk).update(date=day)
    Event.objects.filter(object_type="identification.engagement", object_id=engagement.pk).update(occurred_at=_on(day))


def _back_training(training, day):
    Training.objects.filter(pk=training.pk).update(date=day)
    Event.objects.filter(object_type="identification.training", object_id=training.pk).update(occurred_at=_on(day))


def _setting(name, kind, area, ods_code=""):
    found = Organisation.objects.filter(name=name, kind=kind).first()
    if found is not None:
        return found
    return Organisation.objects.create(
        name=name, kind=kind, area=area, ods_code=ods_code, sector=services.SECTOR_OF_KIND[kind]
    )


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}. The demo carers and contacts are already made."""
    frontdoor, manager, practitioner = staff["frontdoor"], staff["manager"], staff["practitioner"]
    council_workers = {"Afon Valley": manager, "Marchester": practitioner}
    codes = itertools.count(101)
    practices, schools, pharmacies = {}, {}, {}
    for area_name, places in PLACES.items():
        area = next((o.area for o in orgs.values() if o.area and o.area.name == area_name), None)
        if area is None:
            continue
        listed = list(Organisation.objects.filter(kind=K.GP_PRACTICE, area=area).order_by("name"))
        prefix = "W" if area.nation == "wales" else "Y"
        for n, place in enumerate(places):
            if len(listed) >= PRACTICES_PER_AREA:
                break
            name = f"{place} {SUFFIXES[n % len(SUFFIXES)]}"
            listed.append(_setting(name, K.GP_PRACTICE, area, f"{prefix}99{next(codes):03d}"))
        practices[area_name] = listed
        schools[area_name] = list(Organisation.objects.filter(kind=K.SCHOOL, area=area).order_by("name")) + [
            _setting(f"{places[1]} Primary School", K.SCHOOL, area),
            _setting(f"{places[2]} High School", K.SCHOOL, area),
        ]
        pharmacies[area_name] = [_setting(f"{places[n]} Pharmacy", K.PHARMACY, area, f"FZ{next(codes) % 100:02d}{'AB'[n % 2]}")
                                 for n in (0, 3)]
        _setting(f"{places[0]} Borough Leisure Trust", K.EMPLOYER, area)
    trust = Organisation.objects.filter(kind=K.NHS_TRUST).first()

    # Afon Valley: every practice but the last engaged in the last year; Marchester: every other one.
    for area_name, listed in practices.items():
        worker = council_workers[area_name]
        for n, practice in enumerate(listed):
            if area_name == "Afon Valley" and n == len(listed) - 1:
                engagement = services.record_engagement(practice, actor=frontdoor, date=today, kind="visit")
                _back_engagement(engagement, today - timedelta(days=430))  # last seen more than a year ago
                continue
            if area_name == "Marchester" and n % 2:
                continue
            by = frontdoor if n % 3 else worker
            engagement = services.record_engagement(
                practice, actor=by, date=today, kind=["register_check", "awareness", "stand", "meeting"][n % 4],
                with_whom="Practice manager and reception team", notes="Carers' register reviewed; posters and leaflets left.",
            )
            _back_engagement(engagement, today - timedelta(days=20 + 27 * n))
            if n % 4 == 0:
                signed = services.record_engagement(
                    practice, actor=by, date=today, kind="commitment", notes="Signed the carers' charter.",
                    commitment_until=today + timedelta(days=300 - 10 * n),
                )
                _back_engagement(signed, today - timedelta(days=60 + 5 * n))
            if n % 3 == 0:
                services.add_champion(
                    practice, actor=by, name=["Sioned Harris", "Mark Ellis", "Priya Nair", "Gwenllian Rowe"][n % 4],
                    role=["Receptionist", "Practice nurse", "Practice manager", "Social prescriber"][n % 4],
                    email=f"champion{n}@practice.demo.invalid", since=today - timedelta(days=200 + n),
                    trained_on=today - timedelta(days=150 + n) if n % 2 == 0 else None,
                )
        for school in schools[area_name][:2]:
            engagement = services.record_engagement(school, actor=frontdoor, date=today, kind="awareness", unit="Year 9")
            _back_engagement(engagement, today - timedelta(days=45))
            services.add_champion(school, actor=frontdoor, name="Elin Parry" if area_name == "Afon Valley" else "Tom Hughes",
                                  role="Young carers lead", unit="Pastoral team", since=today - timedelta(days=300))
        stand = services.record_engagement(pharmacies[area_name][0], actor=frontdoor, date=today, kind="stand")
        _back_engagement(stand, today - timedelta(days=90))
        training = services.record_training(
            actor=worker, date=today, title="Identifying carers at the front desk", for_settings=listed[:4],
            delivered_by=worker.organisation, trainer="Carers Centre training team", attending=23,
            roles=["reception", "nurse"],
        )
        _back_training(training, today - timedelta(days=75))
    if trust is not None:
        ward = services.record_engagement(trust, actor=frontdoor, date=today, kind="meeting", unit="Ward 7 (elderly care)",
                                          with_whom="Discharge co-ordinators")
        _back_engagement(ward, today - timedelta(days=30))
        services.add_champion(trust, actor=frontdoor, name="Grace Adeyemi", role="Discharge co-ordinator",
                              unit="Ward 7 (elderly care)", since=today - timedelta(days=120))
    open_session = services.record_training(
        actor=frontdoor, date=today, title="Carer awareness for employers (open session)", for_settings=[],
        delivered_by=frontdoor.organisation, attending=11, roles=["hr"],
    )
    _back_training(open_session, today - timedelta(days=40))

    # Carers identified: about a third of the demo contacts came from the carer's own GP practice or school.
    contacts = Contact.objects.filter(person__isnull=False, source_organisation__isnull=True).select_related("person")
    for n, contact in enumerate(contacts.order_by("pk")):
        if n % 3:
            continue
        person = contact.person
        setting_id = person.school_id if person.school_id and n % 2 else person.gp_practice_id
        if setting_id:
            Contact.objects.filter(pk=contact.pk).update(source_organisation_id=setting_id)
