"""Groups, courses and waiting lists through the pages a worker uses: sessions fill, the next carer
waits on the list with their position, a cancellation shows who is next, the register records who
came, and bad input is refused on the field with nothing saved."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent, AccessPart
from carershub.support.groups import services
from carershub.support.groups.models import Activity, Booking, InformationPack, Session, WaitingListEntry
from tests import formdata
from tests.pages import Page


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker)
    client.user = worker
    return client


def _book(client, session, person):
    page = Page(client.get(f"/groups/sessions/{session.pk}/book/?person={person.pk}"))
    return client.post(f"/groups/sessions/{session.pk}/book/?person={person.pk}", page.form_data())


def _join(client, activity, person, note=""):
    url = f"/groups/activities/{activity.pk}/waiting/new/?person={person.pk}"
    return client.post(url, {**Page(client.get(url)).form_data(), "note": note})


# ---------------------------------------------------------------- activities and sessions


def test_a_worker_adds_an_activity_and_a_session(signed_in, region):
    page = Page(signed_in.get("/groups/activities/new/"))
    data = {**page.form_data(), "kind": "training", "name": "Moving and handling", "organisation": region["orgs"]["council"].pk,
            "language": "en", "for_whom": "any", "places": "12", "is_active": "on", "areas": [region["areas"]["afon"].pk]}
    response = signed_in.post("/groups/activities/new/", data)
    activity = Activity.objects.get(name="Moving and handling")
    assert response.url == f"/groups/activities/{activity.pk}/"
    assert list(activity.areas.all()) == [region["areas"]["afon"]]

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    url = f"/groups/activities/{activity.pk}/sessions/new/"
    data = {**Page(signed_in.get(url)).form_data(), **formdata.date_parts("date", tomorrow), "starts_at": "10:00",
            "ends_at": "13:00", "venue": "Leisure centre", "places": "12"}
    response = signed_in.post(url, data)
    session = Session.objects.get(activity=activity)
    assert response.url == f"/groups/sessions/{session.pk}/"
    assert Page(signed_in.get(f"/groups/activities/{activity.pk}/")).table_rows()[0][2] == "12 of 12"


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"places": "0"}, "places", "Enter at least 1 place"),
        ({"places": "-3"}, "places", "Enter at least 1 place"),
        ({"places": "ten"}, "places", "Enter the number of places as a whole number, like 12"),
        ({"places": "100000000000000000000"}, "places", "Enter 500 places or fewer"),
        ({"starts_at": "14:00", "ends_at": "13:00"}, "ends_at", "The end time must be after the start time"),
        ({"starts_at": "14:00", "ends_at": "14:00"}, "ends_at", "The end time must be after the start time"),
        ({"starts_at": "25:00"}, "starts_at", "Enter the time like 14:30"),
        ({"venue": ""}, "venue", "Enter the venue"),
    ],
)
def test_a_session_with_bad_times_or_places_is_refused_on_the_field(signed_in, make_activity, typed, field, message):
    activity = make_activity()
    url = f"/groups/activities/{activity.pk}/sessions/new/"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {**Page(signed_in.get(url)).form_data(), **formdata.date_parts("date", tomorrow), "starts_at": "10:00",
            "ends_at": "12:00", "venue": "Hall", "places": "8", **typed}

    response = signed_in.post(url, data)

    assert response.status_code == 200
    assert Page(response).error_for(field) == message
    assert not Session.objects.exists()


def test_a_session_in_the_past_is_refused(signed_in, make_activity):
    activity = make_activity()
    url = f"/groups/activities/{activity.pk}/sessions/new/"
    data = {**Page(signed_in.get(url)).form_data(), **formdata.date_parts("date", timezone.localdate() - datetime.timedelta(days=1)),
            "starts_at": "10:00", "ends_at": "12:00", "venue": "Hall", "places": "8"}

    response = signed_in.post(url, data)

    assert Page(response).error_for("date") == "Date must be today or in the future"
    assert not Session.objects.exists()


def test_places_cannot_be_made_fewer_than_the_bookings(signed_in, make_activity, make_session, make_carer):
    session = make_session(make_activity(), places=3)
    for name in ("Ann", "Bea"):
        services.book(make_carer(given=name), activity=session.activity, session=session, actor=signed_in.user)

    response = signed_in.post(f"/groups/sessions/{session.pk}/", {"version": session.version, "places": "1"})

    assert response.status_code == 200
    assert Page(response).error_for("places") == "2 places are already booked: cancel bookings before you make the places fewer"
    session.refresh_from_db()
    assert session.places == 3


def test_an_ongoing_activitys_places_cannot_fall_below_its_clients(signed_in, make_activity, make_carer):
    activity = make_activity(kind="counselling", ongoing=True, places=2)
    for name in ("Ann", "Bea"):
        services.book(make_carer(given=name), activity=activity, actor=signed_in.user)
    url = f"/groups/activities/{activity.pk}/edit/"

    response = signed_in.post(url, {**Page(signed_in.get(url)).form_data(), "places": "1"})

    assert Page(response).error_for("places") == "2 places are already booked: cancel bookings before you make the places fewer"
    activity.refresh_from_db()
    assert activity.places == 2


# ---------------------------------------------------------------- filling a session and the waiting list


def test_a_full_session_offers_the_waiting_list_and_keeps_each_carers_position(signed_in, make_activity, make_session, make_carer):
    session = make_session(make_activity(), places=2)
    ann, bea, cai, dee = (make_carer(given=n) for n in ("Ann", "Bea", "Cai", "Dee"))
    assert _book(signed_in, session, ann).status_code == 302
    assert _book(signed_in, session, bea).status_code == 302

    page = Page(signed_in.get(f"/groups/sessions/{session.pk}/book/?person={cai.pk}"))
    assert "There are no places left. Add the carer to the waiting list instead." in page.text
    assert f"/groups/activities/{session.activity_id}/waiting/new/?person={cai.pk}" in page.links()
    assert not page.find_all("form", None) or "form_token" not in page.form_data()
    refused = signed_in.post(f"/groups/sessions/{session.pk}/book/?person={cai.pk}", {"person": cai.pk})
    assert refused.status_code == 200
    assert Booking.objects.filter(session=session).count() == 2

    response = _join(signed_in, session.activity, cai, note="Tuesdays only")
    assert response.status_code == 302
    follow = Page(signed_in.get(response.url))
    assert "Cai Testcarer is on the waiting list, number 1" in follow.text
    _join(signed_in, session.activity, dee)
    rows = Page(signed_in.get(f"/groups/activities/{session.activity_id}/")).table_rows()
    waiting_rows = [r for r in rows if "Testcarer" in r[1]]
    assert [r[0].split()[0] for r in waiting_rows] == ["1", "2"]
    assert "Cai Testcarer" in waiting_rows[0][1] and "Next to be offered a place" in waiting_rows[0][0]
    assert waiting_rows[0][3] == "Less than a day"
    assert Event.objects.filter(kind=EventKind.WAITING_LIST_JOINED, person=cai).exists()


def test_the_same_carer_cannot_join_a_list_twice(signed_in, make_activity, make_carer):
    activity = make_activity()
    carer = make_carer()
    _join(signed_in, activity, carer)

    response = _join(signed_in, activity, carer)

    assert response.status_code == 200
    assert "The carer is already on this waiting list" in Page(response).error_summary
    assert WaitingListEntry.objects.count() == 1


def test_a_cancellation_shows_the_next_carer_and_booking_them_takes_them_off_the_list(
    signed_in, make_activity, make_session, make_carer
):
    session = make_session(make_activity(), places=1)
    ann, bea, cai = (make_carer(given=n) for n in ("Ann", "Bea", "Cai"))
    booking = services.book(ann, activity=session.activity, session=session, actor=signed_in.user)
    first = services.join_waiting_list(session.activity, person=bea, actor=signed_in.user)
    services.join_waiting_list(session.activity, person=cai, actor=signed_in.user)
    nine_days_ago = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=9), datetime.time(12))
    )
    WaitingListEntry.objects.filter(pk=first.pk).update(joined_at=nine_days_ago)

    url = f"/groups/bookings/{booking.pk}/cancel/"
    response = signed_in.post(url, {**Page(signed_in.get(url)).form_data(), "reason": "In hospital"})

    page = Page(signed_in.get(response.url))
    assert "Bea Testcarer is next on the waiting list: offer them the place" in page.text
    assert "A place is free. Next on the waiting list: Bea Testcarer, waiting 9 days." in page.by_id("next-to-offer").text()
    cancelled = Event.objects.get(kind=EventKind.SESSION_CANCELLED)
    assert cancelled.person == ann and cancelled.data["minutes"] == 120

    assert _book(signed_in, session, bea).status_code == 302

    first.refresh_from_db()
    assert first.outcome == "offered" and first.left_at is not None
    left = Event.objects.get(kind=EventKind.WAITING_LIST_LEFT, person=bea)
    assert left.data["days_waited"] == 9 and left.data["outcome"] == "offered"
    booked = Event.objects.filter(kind=EventKind.SESSION_BOOKED, person=bea).get()
    assert booked.data["days_waited"] == 9 and booked.data["activity_kind"] == "peer_support"
    assert services.positions(services.waiting(session.activity)) == {
        WaitingListEntry.objects.get(person=cai).pk: 1
    }


def test_a_carer_leaves_the_list_with_an_outcome(signed_in, make_activity, make_carer):
    activity = make_activity(kind="counselling", ongoing=True, places=1)
    entry = services.join_waiting_list(activity, person=make_carer(), actor=signed_in.user)
    url = f"/groups/waiting/{entry.pk}/leave/"

    missing = signed_in.post(url, {"version": entry.version})
    assert Page(missing).error_for("outcome") == "Select why they are leaving the list"
    response = signed_in.post(url, {"version": entry.version, "outcome": "not_wanted"})

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.outcome == "not_wanted"
    assert Event.objects.get(kind=EventKind.WAITING_LIST_LEFT).data == {
        "days_waited": 0, "outcome": "not_wanted", "activity_kind": "counselling", "activity": activity.pk
    }


def test_waiting_measures_on_the_activity_page(signed_in, make_activity, make_carer):
    activity = make_activity(kind="counselling", ongoing=True, places=1)
    for days, name in ((40, "Ann"), (21, "Bea"), (7, "Cai")):
        entry = services.join_waiting_list(activity, person=make_carer(given=name), actor=signed_in.user)
        # Noon of the UK day that many days ago: a day count must not move when the clocks change.
        joined = timezone.make_aware(datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=days),
                                                               datetime.time(12)))
        WaitingListEntry.objects.filter(pk=entry.pk).update(joined_at=joined)

    page = Page(signed_in.get(f"/groups/activities/{activity.pk}/"))

    assert "Median wait 21 days" in " ".join(page.text.split())
    assert "Longest wait 40 days" in " ".join(page.text.split())


# ---------------------------------------------------------------- what cannot be booked


def test_a_carer_cannot_be_booked_twice_on_one_session(signed_in, make_activity, make_session, make_carer):
    session = make_session(make_activity())
    carer = make_carer()
    services.book(carer, activity=session.activity, session=session, actor=signed_in.user)

    with pytest.raises(services.Refused) as refused:
        services.book(carer, activity=session.activity, session=session, actor=signed_in.user)
    assert refused.value.code == "already_booked"
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(activity=session.activity, session=session, person=carer)


def test_a_closed_activity_or_a_past_session_takes_no_booking(signed_in, make_activity, make_session, make_carer):
    past = make_session(make_activity(), days=-2)
    carer = make_carer()
    response = signed_in.post(f"/groups/carer/{carer.pk}/book/", {"choice": f"s{past.pk}"})
    assert response.status_code == 200
    page = Page(signed_in.get(f"/groups/sessions/{past.pk}/book/?person={carer.pk}"))
    assert "This session has already happened: you cannot book a carer onto it" in page.text
    assert signed_in.post(f"/groups/sessions/{past.pk}/book/?person={carer.pk}", {"person": carer.pk}).status_code == 200

    closed = make_activity(name="Closed group")
    later = make_session(closed)
    Activity.objects.filter(pk=closed.pk).update(is_active=False)
    page = Page(signed_in.get(f"/groups/sessions/{later.pk}/book/?person={carer.pk}"))
    assert "This activity is closed: it takes no new bookings" in page.text
    assert not Booking.objects.exists()


# ---------------------------------------------------------------- the register


def test_the_register_records_who_came_in_one_form(signed_in, make_activity, make_session, make_carer):
    session = make_session(make_activity(), days=0, starts=datetime.time(9), ends=datetime.time(10, 30))
    ann, bea = make_carer(given="Ann"), make_carer(given="Bea")
    a = services.book(ann, activity=session.activity, session=session, actor=signed_in.user)
    b = services.book(bea, activity=session.activity, session=session, actor=signed_in.user)
    before = AccessEvent.objects.filter(part=AccessPart.GROUPS).count()
    page = Page(signed_in.get(f"/groups/sessions/{session.pk}/"))
    assert AccessEvent.objects.filter(part=AccessPart.GROUPS).count() == before + 2, "each carer on the register is logged"

    incomplete = signed_in.post(f"/groups/sessions/{session.pk}/register/", {**page.form_data(f"/groups/sessions/{session.pk}/register/"), f"b{a.pk}": "attended"})
    assert Page(incomplete).error_for(f"b{b.pk}") == "Select whether Bea Testcarer attended"
    response = signed_in.post(
        f"/groups/sessions/{session.pk}/register/",
        {"version": session.version, f"b{a.pk}": "attended", f"b{b.pk}": "did_not_attend"},
    )

    assert response.status_code == 302
    assert dict(Booking.objects.values_list("person__given_name", "status")) == {"Ann": "attended", "Bea": "did_not_attend"}
    attended = Event.objects.get(kind=EventKind.SESSION_ATTENDED)
    assert attended.person == ann and attended.data["minutes"] == 90 and attended.data["activity_kind"] == "peer_support"
    assert Event.objects.get(kind=EventKind.SESSION_MISSED).person == bea
    session.refresh_from_db()
    assert session.register_taken_at is not None


def test_a_corrected_register_says_what_it_corrects_so_the_figures_take_the_attendance_back(
    signed_in, make_activity, make_session, make_carer
):
    session = make_session(make_activity(), days=0)
    booking = services.book(make_carer(given="Ann"), activity=session.activity, session=session, actor=signed_in.user)
    services.take_register(session, marks={booking.pk: "attended"}, expected_version=session.version,
                           actor=signed_in.user)
    session.refresh_from_db()

    services.take_register(session, marks={booking.pk: "did_not_attend"}, expected_version=session.version,
                           actor=signed_in.user)

    first, correction = Event.objects.filter(kind__in=[EventKind.SESSION_ATTENDED, EventKind.SESSION_MISSED]).order_by("pk")
    assert first.kind == EventKind.SESSION_ATTENDED and "corrects" not in first.data
    assert correction.kind == EventKind.SESSION_MISSED and correction.data["corrects"] == "attended"


def test_the_register_cannot_be_taken_before_the_day(signed_in, make_activity, make_session, make_carer):
    session = make_session(make_activity(), days=3)
    a = services.book(make_carer(), activity=session.activity, session=session, actor=signed_in.user)

    response = signed_in.post(f"/groups/sessions/{session.pk}/register/", {"version": session.version, f"b{a.pk}": "attended"})

    assert "You can take the register on the day of the session or after it" in Page(response).error_summary
    assert Booking.objects.get().status == "booked"


def test_a_worker_of_another_organisation_books_but_does_not_keep_the_register(client_for, make_activity, make_session, make_carer):
    session = make_session(make_activity(), days=0)
    front_door = client_for(Role.FRONT_DOOR)
    carer = make_carer()

    assert _book(front_door, session, carer).status_code == 302
    page = Page(front_door.get(f"/groups/sessions/{session.pk}/"))
    assert "Register" not in [h.text() for h in page.find_all("h2")]
    assert front_door.post(f"/groups/sessions/{session.pk}/register/", {"version": 1}).status_code == 403


# ---------------------------------------------------------------- scope and audit


def test_a_partner_worker_has_no_groups_pages(client_for, make_activity):
    activity = make_activity()
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    assert partner.get("/groups/").status_code == 403
    assert partner.get(f"/groups/activities/{activity.pk}/").status_code == 403


def test_another_councils_activity_is_not_shown(signed_in, make_activity, marches_council):
    theirs = make_activity(name="Marches group", organisation=marches_council, areas=[marches_council.area])
    region_wide = make_activity(name="Region group", organisation=marches_council, areas=[])

    assert signed_in.get(f"/groups/activities/{theirs.pk}/").status_code == 404
    names = [r[0] for r in Page(signed_in.get("/groups/")).table_rows()]
    assert "Region group" in " ".join(names) and "Marches group" not in " ".join(names)
    assert signed_in.get(f"/groups/activities/{region_wide.pk}/").status_code == 200


def test_the_register_names_only_carers_the_worker_may_open(signed_in, make_activity, make_session, marches_carer, make_user):
    session = make_session(make_activity(areas=[]))
    centre = make_user(Role.FRONT_DOOR)
    services.book(marches_carer(), activity=session.activity, session=session, actor=centre)

    page = Page(signed_in.get(f"/groups/sessions/{session.pk}/"))

    assert "1 more carer is booked whose record you do not work with." in page.text
    assert "Testcarer" not in page.text


# ---------------------------------------------------------------- one carer: bookings, lists and the pack


def test_the_information_pack_is_recorded_and_shown_on_the_record(signed_in, make_carer):
    carer = make_carer()
    url = f"/groups/carer/{carer.pk}/packs/new/"
    bad = signed_in.post(url, {**Page(signed_in.get(url)).form_data(), "format": "",
                               **formdata.date_parts("issued_on", timezone.localdate() + datetime.timedelta(days=2))})
    assert Page(bad).error_for("format") == "Select how it was given"
    assert Page(bad).error_for("issued_on") == "Date issued must be today or in the past"
    assert not InformationPack.objects.exists()

    response = signed_in.post(url, {**Page(signed_in.get(url)).form_data(), "format": "read_out", "language": "cy"})

    assert response.url == f"/groups/carer/{carer.pk}/"
    event = Event.objects.get(kind=EventKind.INFORMATION_PACK_ISSUED)
    assert event.person == carer and event.data == {"format": "read_out", "language": "cy"}
    record = Page(signed_in.get(f"/people/{carer.pk}/")).text
    assert f"Information pack given {timezone.localdate():%-d %B %Y}" in record
    assert "Carers information pack given" in Page(signed_in.get(f"/people/{carer.pk}/timeline/")).text


def test_the_carers_page_shows_bookings_waiting_and_the_timeline_entries(signed_in, make_activity, make_session, make_carer):
    carer = make_carer()
    session = make_session(make_activity(name="Carers' cuppa"))
    services.book(carer, activity=session.activity, session=session, actor=signed_in.user)
    ongoing = make_activity(kind="counselling", name="Counselling", ongoing=True, places=1)
    services.book(make_carer(given="Zed"), activity=ongoing, actor=signed_in.user)
    services.join_waiting_list(ongoing, person=make_carer(given="Yan"), actor=signed_in.user)
    services.join_waiting_list(ongoing, person=carer, actor=signed_in.user)

    page = Page(signed_in.get(f"/groups/carer/{carer.pk}/"))

    assert "Carers' cuppa" in page.table_rows()[0][0]
    assert "number 2 on the list, waiting Less than a day" in " ".join(page.text.split())
    assert AccessEvent.objects.filter(person_ref=carer.pk, part=AccessPart.GROUPS).exists()
    timeline = Page(signed_in.get(f"/people/{carer.pk}/timeline/")).text
    assert "Booked: Carers' cuppa" in timeline and "Added to the waiting list: Counselling" in timeline
    # The record's own page: its entries are described from the rows the groups section read.
    record = Page(signed_in.get(f"/people/{carer.pk}/"))
    assert "Booked: Carers' cuppa" in record.text and "Added to the waiting list: Counselling" in record.text
    assert reverse("groups:session", args=[session.pk]) in record.html


def test_booking_from_the_carers_record(signed_in, make_activity, make_session, make_carer):
    carer = make_carer()
    session = make_session(make_activity(), places=1)
    services.book(make_carer(given="Other"), activity=session.activity, session=session, actor=signed_in.user)

    full = signed_in.post(f"/groups/carer/{carer.pk}/book/", {**Page(signed_in.get(f"/groups/carer/{carer.pk}/book/")).form_data(), "choice": f"s{session.pk}"})

    page = Page(full)
    assert page.error_for("choice") == "There are no places left. Add the carer to the waiting list instead."
    assert f"/groups/activities/{session.activity_id}/waiting/new/?person={carer.pk}" in page.links()
    assert Booking.objects.filter(person=carer).count() == 0


def test_the_home_page_counts_registers_to_take(signed_in, make_activity, make_session, make_carer):
    session = make_session(make_activity(), days=0)
    services.book(make_carer(), activity=session.activity, session=session, actor=signed_in.user)

    items = {item.text: item for item in services.home_items(signed_in.user)}

    assert items["Group sessions this week without a register"].count == 1
    listed = Page(signed_in.get("/groups/?registers=1")).text
    assert "Sessions this week without a register" in listed


# ---------------------------------------------------------------- data-protection rights


def test_subject_access_and_erasure(signed_in, make_activity, make_session, make_carer):
    carer = make_carer()
    session = make_session(make_activity())
    booking = services.book(carer, activity=session.activity, session=session, actor=signed_in.user)
    services.cancel_booking(booking, expected_version=booking.version, reason="Her husband is in hospital", actor=signed_in.user)
    services.join_waiting_list(session.activity, person=carer, actor=signed_in.user, note="Mornings; husband's dialysis")
    services.issue_pack(carer, issued_on=timezone.localdate(), format="printed", language="en", actor=signed_in.user)

    held = services.for_subject_access(carer)
    assert [len(held[k]) for k in ("bookings", "waiting_lists", "information_packs")] == [1, 1, 1]

    services.erase_of(carer)
    assert Booking.objects.get().cancel_reason == "" and WaitingListEntry.objects.get().note == ""
    assert Booking.objects.get().status == "cancelled"


def test_the_waiting_queue_lists_the_longest_wait_first(signed_in, make_activity, make_carer):
    short = make_activity(name="Short wait", kind="befriending", ongoing=True, places=1)
    long = make_activity(name="Long wait", kind="counselling", ongoing=True, places=1)
    make_activity(name="Nobody waiting")
    for activity, days in ((short, 3), (long, 30)):
        entry = services.join_waiting_list(activity, person=make_carer(given=activity.name.split()[0]), actor=signed_in.user)
        # Noon of the UK day that many days ago: a day count must not move when the clocks change.
        joined = timezone.make_aware(datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=days),
                                                               datetime.time(12)))
        WaitingListEntry.objects.filter(pk=entry.pk).update(joined_at=joined)

    rows = Page(signed_in.get("/groups/?waiting=1")).table_rows()

    assert [r[0] for r in rows] == ["Long wait", "Short wait"]
    assert rows[0][4] == "1 longest 4 weeks"
    assert services.home_items(signed_in.user)[2].count == 2


def test_an_ongoing_activity_gives_places_until_full_then_offers_the_list(signed_in, make_activity, make_carer):
    counselling = make_activity(kind="counselling", name="Counselling", ongoing=True, places=1)
    ann, bea = make_carer(given="Ann"), make_carer(given="Bea")
    url = f"/groups/activities/{counselling.pk}/book/?person={ann.pk}"

    assert signed_in.post(url, Page(signed_in.get(url)).form_data()).status_code == 302
    page = Page(signed_in.get(f"/groups/activities/{counselling.pk}/book/?person={bea.pk}"))

    assert "There are no places left. Add the carer to the waiting list instead." in page.text
    assert f"/groups/activities/{counselling.pk}/waiting/new/?person={bea.pk}" in page.links()
    booked = Event.objects.get(kind=EventKind.SESSION_BOOKED)
    assert booked.person == ann and booked.data["minutes"] == 0 and "session" not in booked.data


def test_a_booking_cancelled_meanwhile_is_not_cancelled_twice(signed_in, make_activity, make_session, make_carer):
    session = make_session(make_activity())
    booking = services.book(make_carer(), activity=session.activity, session=session, actor=signed_in.user)
    url = f"/groups/bookings/{booking.pk}/cancel/"
    data = Page(signed_in.get(url)).form_data()
    services.cancel_booking(booking, expected_version=booking.version, reason="", actor=signed_in.user)

    response = signed_in.post(url, data)

    assert response.status_code == 302
    assert Event.objects.filter(kind=EventKind.SESSION_CANCELLED).count() == 1
