"""Demo groups for the synthetic region (called at the end of demo/region.py's load()).

A peer support group in the Afon Valley with past sessions (register taken) and coming ones; a
moving-and-handling course across the region that is full, with two carers waiting; counselling
with a waiting list several weeks long; and carers information packs given. All made through the
groups services, so every booking, attendance and wait has its event, as the product writes them.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from carershub.activity.models import Event
from carershub.people.models import Person
from carershub.support.groups import services
from carershub.support.groups.models import Session, WaitingListEntry


def _back(entry_or_session_model, pk, **changes):
    entry_or_session_model.objects.filter(pk=pk).update(**changes)


def _waiting_since(entry, days_ago):
    """The carer joined ``days_ago`` days ago: the entry and its event say so."""
    # Mid-morning of that UK day, so the days waited do not depend on the clocks changing in between.
    when = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(10)))
    WaitingListEntry.objects.filter(pk=entry.pk).update(joined_at=when)
    Event.objects.filter(object_type="groups.waitinglistentry", object_id=entry.pk).update(occurred_at=when)


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}. The demo carers are already made."""
    manager, frontdoor = staff["manager"], staff["frontdoor"]
    council = orgs["Afon Valley County Borough Council"]
    centre = orgs["Afon and Marches Carers Centre"]
    carers = list(Person.objects.filter(carer__isnull=False, area=council.area).order_by("pk")[10:40])
    if len(carers) < 20:
        return

    # A fortnightly peer support group, bilingual, run by the council in the Afon Valley.
    cuppa = services.create_activity(
        actor=manager, kind="peer_support", name="Paned a Sgwrs carers' group (Pontafon)", organisation=council,
        areas=[council.area], language="bilingual", for_whom="any", places=12,
        description="A cup of tea and a chat with other carers, every other Tuesday morning. Sitting can be arranged.",
    )
    for weeks in (-4, -2, 0, 2, 4):
        day = today + timedelta(weeks=weeks)
        session = services.add_session(
            cuppa, date=max(day, today), starts_at=time(10, 30), ends_at=time(12), venue="Pontafon Community Hall",
            places=12, actor=manager,
        )
        booked = [services.book(c, activity=cuppa, session=session, actor=manager) for c in carers[:6 if weeks <= 0 else 4]]
        if weeks < 0:
            _back(Session, session.pk, date=day)
            session.refresh_from_db()
            marks = {b.pk: ("did_not_attend" if i == 4 else "attended") for i, b in enumerate(booked)}
            services.take_register(session, marks=marks, expected_version=session.version, actor=manager)

    # A moving-and-handling course across the region, run by the carers centre: full, two waiting.
    course = services.create_activity(
        actor=frontdoor, kind="training", name="Moving and handling for carers", organisation=centre,
        language="en", for_whom="adult", places=6,
        description="Safe ways to help the person you care for to move, stand and transfer. Two mornings.",
    )
    first = services.add_session(
        course, date=today + timedelta(days=9), starts_at=time(9, 30), ends_at=time(12, 30),
        venue="Afon and Marches Carers Centre, training room", places=6, actor=frontdoor,
    )
    services.add_session(
        course, date=today + timedelta(days=16), starts_at=time(9, 30), ends_at=time(12, 30),
        venue="Afon and Marches Carers Centre, training room", places=6, actor=frontdoor,
    )
    for carer in carers[6:12]:
        services.book(carer, activity=course, session=first, actor=frontdoor)
    for days, carer in ((12, carers[12]), (5, carers[13])):
        _waiting_since(services.join_waiting_list(course, person=carer, actor=frontdoor, note="Any weekday"), days)

    # Counselling: ongoing places, all taken, and a waiting list of several weeks.
    counselling = services.create_activity(
        actor=frontdoor, kind="counselling", name="Carers' counselling (six sessions)", organisation=centre,
        language="bilingual", for_whom="any", places=3, ongoing=True,
        description="Up to six one-to-one sessions with a qualified counsellor, in person or by phone.",
    )
    for carer in carers[14:17]:
        services.book(carer, activity=counselling, actor=frontdoor)
    for days, carer in ((58, carers[17]), (41, carers[18]), (23, carers[19]), (9, carers[0])):
        _waiting_since(services.join_waiting_list(counselling, person=carer, actor=frontdoor), days)

    # Befriending for young carers, with places free.
    services.create_activity(
        actor=frontdoor, kind="befriending", name="Young carers' befriending", organisation=centre,
        language="cy", for_whom="young", places=5, ongoing=True,
    )

    # The carers information pack, given to the newest carers in the ways they asked for.
    for i, carer in enumerate(carers[:8]):
        services.issue_pack(
            carer, issued_on=today - timedelta(days=3 * i), format=("printed", "emailed", "read_out")[i % 3],
            language="cy" if i % 2 else "en", actor=frontdoor,
        )
