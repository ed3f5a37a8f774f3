"""A person's timeline: their recorded events, newest first, described by the app that owns each,
as each user may see them, a page at a time, filtered by kind, at a cost that does not grow."""

import datetime
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.audit.models import AccessEvent, AccessPart
from carershub.contacts.models import Contact
from carershub.people import timeline
from carershub.people.models import CaringRelationship, Person
from carershub.privacy import services as privacy_services
from carershub.selfassessment import services as self_services
from carershub.support import services as support_services
from carershub.support.models import Review
from tests import builders, formdata
from tests.pages import Page
from tests.builders import share_consented
from tests.welsh import compile_welsh_catalogue, cy

START = timezone.now() - timedelta(days=400)


def _timeline(client, person, query=""):
    response = client.get(f"/people/{person.pk}/timeline/{query}")
    assert response.status_code == 200
    return Page(response)


def _titles(page) -> list[str]:
    return [h.text() for h in page.find_all("h2", "govuk-heading-s")]


def _log_contacts(person, actor, count, *, start=START, make_contact):
    """``count`` contacts about the person, each logged (with its event) a day after the one before."""
    contacts = []
    for n in range(count):
        contact = make_contact(person, received_at=start + timedelta(days=n))
        record_event(
            EventKind.CONTACT_LOGGED,
            actor=actor,
            person=person,
            obj=contact,
            data={"channel": contact.channel, "outcomes": contact.outcomes},
            occurred_at=contact.received_at,
        )
        contacts.append(contact)
    return contacts


@pytest.fixture
def practitioner(client_for):
    return client_for(Role.PRACTITIONER)


# --- What it shows ------------------------------------------------------------------------------------


def test_the_timeline_shows_what_happened_newest_first_with_when_and_who(
    practitioner, make_carer, make_contact, region
):
    carer = make_carer()
    worker = practitioner.user
    _log_contacts(carer, worker, 1, make_contact=make_contact)
    assessment = builders.completed_assessment(carer, actor=worker, organisation=region["orgs"]["council"])
    builders.agreed_plan(assessment, actor=worker)

    page = _timeline(practitioner, carer)

    assert _titles(page) == [
        "Support plan agreed: version 1",
        "Assessment completed",
        "Eligibility decided: eligible needs",
        "Assessment submitted for a decision",
        "Assessment started: Carer's assessment",
        "Contact logged: Phone",
    ]
    assert f"/assessments/{assessment.pk}/" in page.links()
    entries = page.find_all("li")
    contact_entry = next(li for li in entries if "Contact logged" in li.text())
    assert "Identified as a carer" in contact_entry.text(), "its outcome"
    assert "Wants a break" not in page.text, "what the caller said stays on the contact's own page"
    plan_entry = next(li for li in entries if "Support plan agreed" in li.text())
    assert f"{worker.get_full_name()} (Test Council)" in plan_entry.text()
    times = [t.attrs["datetime"] for t in page.find_all("time")]
    assert times == sorted(times, reverse=True)


def test_a_review_says_how_it_ended_and_whether_it_was_on_time_from_the_persons_own_review(
    practitioner, make_carer, region
):
    council, worker, today = region["orgs"]["council"], practitioner.user, timezone.localdate()
    carer, other = make_carer(), make_carer(given="Other")
    reviews = {}
    for person, outcome in ((carer, Review.Outcome.NO_CHANGE), (other, Review.Outcome.CLOSED)):
        assessment = builders.completed_assessment(person, actor=worker, organisation=council)
        plan = builders.agreed_plan(assessment, actor=worker, review_date=today + timedelta(days=30))
        reviews[person], _follow_on = support_services.record_review(
            plan, expected_version=plan.version, reviewed_on=today, outcome=outcome, notes="",
            next_review_date=today + timedelta(days=365), actor=worker,
        )
    # An event on this carer's record naming the other carer's review (a wrong id): nothing of it is read.
    record_event(EventKind.REVIEW_COMPLETED, person=carer, obj=reviews[other], data={"outcome": "closed"})

    page = _timeline(practitioner, carer)

    review = reviews[carer]
    reviewed = [title for title in _titles(page) if title.startswith("Support plan reviewed")]
    # Newest first: the wrong id's event is shown as what it is, without reading the other's review.
    assert reviewed == ["Support plan reviewed", "Support plan reviewed: The plan continues unchanged"]
    entry = next(li for li in page.find_all("li") if "Support plan reviewed:" in li.text())
    assert "Version 1, on time" in entry.text()
    assert [a.attrs["href"] for a in entry.iter() if a.tag == "a"] == [f"/plans/{review.plan_id}/"]
    assert "Support ends" not in page.text, "the other carer's review, named by a wrong id"


def test_the_record_and_its_changes_are_on_the_timeline(front_door, region):
    front_door.post("/people/new/", formdata.new_carer())
    carer = Person.objects.get(family_name="Testfield")
    front_door.post(
        f"/people/{carer.pk}/cared-for/new/", {**formdata.cared_for(), "match_choice": "new"}
    )
    partner = region["orgs"]["partner"]
    front_door.post(f"/people/{carer.pk}/consents/new/", formdata.consent(partner, timezone.localdate()))

    titles = _titles(_timeline(front_door, carer))

    assert "Person record created" in titles
    assert "Identified as a carer" in titles
    assert any(t.startswith("Cared-for person added: ") for t in titles), titles
    assert "Consent to share given: Test Young Carers" in titles


def test_events_no_group_claims_are_not_shown(practitioner, make_carer):
    carer = make_carer()
    # A retention decision is about the record, not something that happened to the person.
    record_event(EventKind.RETENTION_KEPT, person=carer, data={"reason": "still caring"})
    record_event(EventKind.PERSON_CREATED, person=carer, obj=carer)

    titles = _titles(_timeline(practitioner, carer))

    assert titles == ["Person record created"]


def test_events_that_do_not_point_at_their_row_are_still_described(practitioner, make_carer, region):
    """Events that point at the person rather than their own row (as the demo region once wrote them): what the event holds, no link."""
    carer = make_carer()
    for kind, data in (
        (EventKind.CONTACT_LOGGED, {"channel": "email", "outcomes": ["information_only"]}),
        (EventKind.CONSENT_GIVEN, {"organisation_id": region["orgs"]["partner"].pk}),
        (EventKind.CARING_ADDED, {"relationship": "parent"}),
        (EventKind.PLAN_AGREED, {}),
    ):
        record_event(kind, person=carer, obj=carer, data=data)

    page = _timeline(practitioner, carer)

    assert _titles(page) == [
        "Support plan agreed", "Cared-for person added", "Consent to share given", "Contact logged: Email"
    ]
    assert "Information and advice only" in page.text and "Parent" in page.text
    entries = next(ol for ol in page.find_all("ol") if "Contact logged" in ol.text())
    assert not [a for a in entries.iter() if a.tag == "a"]


def test_a_contact_logged_before_the_record_was_made_is_on_it_from_when_it_was_logged(front_door):
    logged_at = timezone.localtime() - timedelta(days=3)
    front_door.post("/contacts/new/", formdata.contact(logged_at))
    contact = Contact.objects.get()
    carer = Person.objects.create(given_name="Morwen", family_name="Testcaller", postcode="AF3 2BD")

    front_door.post(f"/contacts/{contact.pk}/link/", {"person": carer.pk})

    page = _timeline(front_door, carer)
    titles = _titles(page)
    assert titles[-1] == "Contact logged: Phone", "at the time it was logged, before it was linked"
    assert "Contact linked to this record" in titles
    logged = Event.objects.get(kind=EventKind.CONTACT_LOGGED)
    assert logged.person == carer and logged.area_id is None, "the area it was counted in stays as it was"


def test_a_self_assessment_joins_the_carers_record_when_an_assessment_is_started_from_it(client_for, region):
    afon = region["areas"]["afon"]
    sent = self_services.receive(
        details={"given_name": "Sioned", "family_name": "Testsent", "date_of_birth": datetime.date(1970, 1, 1),
                 "postcode": "AF1 2AB"},
        answers={"caring_role": "Every day"},
        area=afon,
        made_by="self",
    )
    practitioner = client_for(Role.PRACTITIONER)
    practitioner.post(
        f"/self-assessment/review/{sent.pk}/", {"carer": "new", "assessing_organisation": region["orgs"]["council"].pk}
    )
    carer = Person.objects.get(family_name="Testsent")

    page = _timeline(practitioner, carer)

    assert _titles(page)[-1] == "Self-assessment received"
    assert f"/self-assessment/review/{sent.pk}/" in page.links()
    received = Event.objects.get(kind=EventKind.SELF_ASSESSMENT_RECEIVED)
    assert received.person == carer and received.area == afon


def test_the_timeline_reads_in_welsh(client_for, make_carer, make_contact):
    compile_welsh_catalogue()
    carer = make_carer()
    client = client_for(Role.PRACTITIONER)
    _log_contacts(carer, client.user, 1, make_contact=make_contact)
    Event.objects.create(kind=EventKind.PERSON_CREATED, person=carer, occurred_at=timezone.now() - timedelta(days=1))
    client.get("/accounts/language/cy/?next=/")

    page = _timeline(client, carer)

    assert page.heading == cy("Timeline")
    assert cy("Contact logged: %(channel)s") % {"channel": cy("Phone")} in _titles(page)
    assert cy("Person record created") in _titles(page)  # a title that is only the kind of event
    assert cy("Show entries about") in page.text and cy("Apply filters") in page.text


def test_an_event_says_what_happened_in_the_language_asked_and_an_unknown_kind_as_it_is():
    from django.utils import translation

    compile_welsh_catalogue()
    assert Event(kind=EventKind.CARER_IDENTIFIED).get_kind_display() == "Identified as a carer"
    with translation.override("cy"):
        assert Event(kind=EventKind.CARER_IDENTIFIED).get_kind_display() == cy("Identified as a carer")
    assert Event(kind="retired.kind").get_kind_display() == "retired.kind"


# --- Who sees what ------------------------------------------------------------------------------------


def test_a_partner_sees_contacts_and_consent_but_not_assessments_plans_or_their_filters(
    client_for, make_carer, make_consent, make_contact, region
):
    carer = make_carer()
    worker = client_for(Role.PRACTITIONER).user
    _log_contacts(carer, worker, 1, make_contact=make_contact)
    assessment = builders.completed_assessment(carer, actor=worker, organisation=region["orgs"]["council"])
    builders.agreed_plan(assessment, actor=worker)
    share_consented(make_consent(carer, "partner"))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    page = _timeline(partner, carer)

    assert _titles(page) == [
        "Referral accepted by Test Young Carers", "Referred to Test Young Carers", "Contact logged: Phone"
    ]
    filters = [i.attrs["value"] for i in page.find_all("input") if i.attrs.get("name") == "group"]
    assert "assessments" not in filters and "plans" not in filters and "contacts" in filters
    assert "Assessment" not in page.text and "Support plan" not in page.text
    assert "Assessment" not in Page(partner.get(f"/people/{carer.pk}/timeline/?group=assessments")).text


def test_a_cared_for_person_is_named_but_their_health_is_not_said(client_for, make_carer, make_consent):
    carer = make_carer(given="Shared", family="Carertest")
    cared_for = make_carer(given="Private", family="Caredtest")
    relationship = CaringRelationship.objects.create(
        carer=carer, cared_for=cared_for, relationship="parent", condition_groups=["dementia"]
    )
    record_event(EventKind.CARING_ADDED, person=carer, obj=relationship, data={"relationship": "parent"})
    share_consented(make_consent(carer, "partner"))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    page = _timeline(partner, carer)

    entry = next(li for li in page.find_all("li") if "Cared-for person added" in li.text())
    assert "Cared-for person added: Private Caredtest" in entry.text() and "Parent" in entry.text()
    assert "Dementia" not in page.text
    assert not [a for a in entry.iter() if a.tag == "a"], "the record's Caring part links to them, for those who may"


def test_data_rights_requests_are_for_the_service_and_open_only_for_managers(client_for, make_carer, make_consent):
    carer = make_carer()
    share_consented(make_consent(carer, "partner"))
    worker = client_for(Role.FRONT_DOOR)
    request = privacy_services.record_request(
        carer, kind="access", received_on=timezone.localdate(), requested_by="person", actor=worker.user
    )

    seen = _timeline(worker, carer)
    assert "Data-rights request received" in _titles(seen)
    assert "Subject access" in seen.text
    assert f"/privacy/requests/{request.pk}/" not in seen.links()
    manager = _timeline(client_for(Role.TEAM_MANAGER), carer)
    assert f"/privacy/requests/{request.pk}/" in manager.links()
    partner = _timeline(client_for(Role.PARTNER_WORKER, organisation="partner"), carer)
    assert "Data-rights" not in partner.text


def test_nobody_outside_a_relationship_sees_a_timeline(client_for, make_carer):
    carer = make_carer()
    record_event(EventKind.PERSON_CREATED, person=carer, obj=carer)
    for role in (Role.PARTNER_WORKER, Role.COMMISSIONER):
        response = client_for(role, organisation="partner" if role == Role.PARTNER_WORKER else None).get(
            f"/people/{carer.pk}/timeline/"
        )
        assert response.status_code in (403, 404)
        assert b"Testcarer" not in response.content


def test_looking_at_the_timeline_is_logged_with_the_people_it_names(practitioner, make_carer):
    carer = make_carer(given="Logged", family="Carertest")
    cared_for = make_carer(given="Named", family="Caredtest")
    relationship = CaringRelationship.objects.create(carer=carer, cared_for=cared_for, relationship="parent")
    record_event(EventKind.CARING_ADDED, person=carer, obj=relationship)

    practitioner.get(f"/people/{carer.pk}/timeline/")

    assert AccessEvent.objects.get(person_ref=carer.pk).part == AccessPart.TIMELINE
    assert AccessEvent.objects.get(person_ref=cared_for.pk).part == AccessPart.CARING_RELATIONSHIPS


# --- Pages and filters --------------------------------------------------------------------------------


def test_older_and_newer_entries_page_through_all_of_them_once(practitioner, make_carer, make_contact):
    carer = make_carer()
    contacts = _log_contacts(carer, practitioner.user, 60, make_contact=make_contact)
    expected = [f"/contacts/{c.pk}/" for c in reversed(contacts)]

    def contact_links(page):
        return [link for link in page.links() if re.fullmatch(r"/contacts/\d+/", link)]

    seen, pages, page = [], [], _timeline(practitioner, carer)
    while True:
        pages.append(page)
        seen += contact_links(page)
        older = [a.attrs["href"] for a in page.find_all("a") if "Older entries" in a.text()]
        if not older:
            break
        page = Page(practitioner.get(older[0]))
    assert seen == expected
    assert [len(contact_links(p)) for p in pages] == [25, 25, 10]

    newer = [a.attrs["href"] for a in pages[-1].find_all("a") if "Newer entries" in a.text()]
    assert contact_links(Page(practitioner.get(newer[0]))) == expected[25:50]
    first_newer = [a.attrs["href"] for a in pages[1].find_all("a") if "Newer entries" in a.text()]
    back = Page(practitioner.get(first_newer[0]))
    assert contact_links(back) == expected[:25]
    assert not [a for a in back.find_all("a") if "Newer entries" in a.text()], "the first page has nothing newer"


def test_entries_at_the_same_moment_are_each_shown_once(practitioner, make_carer):
    carer = make_carer()
    moment = START
    for _n in range(30):
        record_event(EventKind.PERSON_CREATED, person=carer, obj=carer, occurred_at=moment)

    first = _timeline(practitioner, carer)
    older = next(a.attrs["href"] for a in first.find_all("a") if "Older entries" in a.text())
    second = Page(practitioner.get(older))

    assert len(_titles(first)) + len(_titles(second)) == 30


@pytest.mark.parametrize(
    "cursor",
    ["rubbish", "o", "o1.", "x1.1", "o99999999999999999.1", "o-99999999999999999.1", "n1.1%00", "o1.1.1", "n%C3%A9.1"],
)
def test_a_cursor_that_cannot_be_read_shows_the_first_page(practitioner, make_carer, make_contact, cursor):
    carer = make_carer()
    _log_contacts(carer, practitioner.user, 3, make_contact=make_contact)

    page = _timeline(practitioner, carer, f"?cursor={cursor}")

    assert len(_titles(page)) == 3


def test_the_filter_shows_only_the_kinds_chosen_and_the_pages_keep_it(practitioner, make_carer, make_contact):
    carer = make_carer()
    _log_contacts(carer, practitioner.user, 30, make_contact=make_contact)
    for _n in range(3):
        record_event(EventKind.PERSON_CHANGED, person=carer, obj=carer, data={"fields": ["phone"]})

    page = _timeline(practitioner, carer, "?group=record")

    assert _titles(page) == ["Person record changed"] * 3
    assert "Changed: phone" in page.text
    boxes = [i for i in page.find_all("input") if i.attrs.get("name") == "group"]
    checked = [box.attrs["value"] for box in boxes if "checked" in box.attrs]
    assert checked == ["record"]
    contacts_only = _timeline(practitioner, carer, "?group=contacts")
    older = next(a.attrs["href"] for a in contacts_only.find_all("a") if "Older entries" in a.text())
    assert "group=contacts" in older
    assert set(_titles(Page(practitioner.get(older)))) == {"Contact logged: Phone"}


@pytest.mark.parametrize("query", ["?group=nonsense", "?group=", ""])
def test_no_filter_or_an_unknown_one_shows_everything(practitioner, make_carer, make_contact, query):
    carer = make_carer()
    _log_contacts(carer, practitioner.user, 1, make_contact=make_contact)
    record_event(EventKind.PERSON_CHANGED, person=carer, obj=carer)

    assert len(_titles(_timeline(practitioner, carer, query))) == 2


def test_an_empty_timeline_says_so(practitioner, make_carer):
    assert "Nothing recorded yet." in _timeline(practitioner, make_carer()).text


# --- The registry other apps use ----------------------------------------------------------------------


@pytest.fixture
def registry(monkeypatch):
    """The timeline's registries, restored after the test, with the "imported" kind left free for a test's own group."""
    monkeypatch.setattr(timeline, "_groups", dict(timeline._groups))
    kinds = dict(timeline._kinds)
    kinds.pop(EventKind.IMPORTED, None)
    monkeypatch.setattr(timeline, "_kinds", kinds)
    return timeline


def test_a_describer_gets_one_pages_events_in_one_call_and_may_hide_or_restrict_them(
    registry, practitioner, make_carer
):
    carer = make_carer()
    for n in range(6):
        record_event(EventKind.IMPORTED, person=carer, data={"n": n}, occurred_at=START + timedelta(hours=n))
    calls = []

    def describe(user, events):
        calls.append(len(events))
        found = {}
        for event in events:
            n = event.data["n"]
            if n == 0:
                found[event.pk] = timeline.HIDE
            elif n == 1:
                found[event.pk] = timeline.Entry("Sensitive", "Only that there is one", restricted=True)
            elif n == 2:
                found[event.pk] = timeline.Entry("Long", "x" * 500)
            elif n < 5:
                found[event.pk] = timeline.Entry(f"Entry {n}", href=f"/somewhere/{n}/")
            # n == 5: nothing, so the generic entry
        return found

    registry.register_group("test", "Test entries", order=99)
    registry.register("test", [EventKind.IMPORTED], describe)

    page = _timeline(practitioner, carer)

    assert calls == [6]
    assert _titles(page) == ["Imported from another system", "Entry 4", "Entry 3", "Long", "Sensitive Restricted"]
    assert "/somewhere/4/" in page.links()
    long_entry = next(li for li in page.find_all("li") if "Long" in li.text())
    assert "x" * 199 in long_entry.text() and "x" * 201 not in long_entry.text()


def test_a_kind_belongs_to_one_group(registry):
    with pytest.raises(ValueError):
        registry.register("somewhere_else", [EventKind.CONTACT_LOGGED], lambda user, events: {})


def test_a_group_can_be_hidden_from_users_who_may_see_none_of_it(registry, practitioner, make_carer):
    carer = make_carer()
    record_event(EventKind.IMPORTED, person=carer)
    registry.register_group("secret", "Secret", visible=lambda user: False)
    registry.register("secret", [EventKind.IMPORTED], lambda user, events: {})

    page = _timeline(practitioner, carer, "?group=secret")

    assert "Imported" not in page.text
    assert "secret" not in [i.attrs.get("value") for i in page.find_all("input")]


# --- Cost ---------------------------------------------------------------------------------------------


def _history(carer, worker, council, make_contact, make_consent, *, extra):
    """One entry of every kind on the first page, and ``extra`` older contacts behind them."""
    _log_contacts(carer, worker, extra, start=START - timedelta(days=extra + 1), make_contact=make_contact)
    record_event(EventKind.PERSON_CREATED, person=carer, obj=carer, actor=worker)
    cared_for = Person.objects.create(given_name="Cost", family_name=f"Caredtest{extra}")
    relationship = CaringRelationship.objects.create(carer=carer, cared_for=cared_for, relationship="parent")
    record_event(EventKind.CARING_ADDED, person=carer, obj=relationship, actor=worker)
    consent = make_consent(carer, "partner")
    record_event(EventKind.CONSENT_GIVEN, person=carer, obj=consent, actor=worker)
    _log_contacts(carer, worker, 2, start=timezone.now() - timedelta(hours=1), make_contact=make_contact)
    assessment = builders.completed_assessment(carer, actor=worker, organisation=council)
    builders.agreed_plan(assessment, actor=worker)


@pytest.mark.parametrize("path", ["/people/{pk}/timeline/", "/people/{pk}/"])
def test_the_number_of_queries_does_not_grow_with_the_entries(
    path, client_for, make_carer, make_contact, make_consent, region
):
    council = region["orgs"]["council"]
    few, many = make_carer(given="Few"), make_carer(given="Many")
    client = client_for(Role.PRACTITIONER)
    _history(few, client.user, council, make_contact, make_consent, extra=0)
    _history(many, client.user, council, make_contact, make_consent, extra=60)
    assert Event.objects.filter(person=many).count() >= 60 + Event.objects.filter(person=few).count()

    counts = []
    for carer in (few, many):
        client.get(path.format(pk=carer.pk))  # the session's once-a-minute write, out of the way
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path.format(pk=carer.pk)).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the query plan is PostgreSQL's")
def test_a_page_reads_the_events_through_the_person_and_time_index(practitioner, make_carer, make_contact):
    """A long record (a thousand events, the statistics up to date): the page is read from the
    (person, occurred_at) index in its order, stopping after a page, not sorted from all of them."""
    carer, other = make_carer(), make_carer(given="Other")
    contact = make_contact(carer)
    Event.objects.bulk_create(
        Event(kind=kind, person=person, occurred_at=START + timedelta(minutes=n), object_type="contacts.contact",
              object_id=contact.pk)
        for n in range(1000)
        for person, kind in ((carer, EventKind.CONTACT_LOGGED), (other, EventKind.PERSON_CHANGED))
    )
    with connection.cursor() as cursor_:
        cursor_.execute("ANALYZE activity_event")
    middle = Event.objects.filter(person=carer).order_by("occurred_at")[500]
    for cursor in (None, str(timeline.Cursor(timeline.OLDER, middle.occurred_at, middle.pk))):
        with CaptureQueriesContext(connection) as queries:
            timeline.page_for(practitioner.user, carer, groups=None, cursor=cursor)
        sql = next(q["sql"] for q in queries if 'FROM "activity_event"' in q["sql"])
        with connection.cursor() as cursor_:
            cursor_.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor_.fetchall())
        assert "event_person_time" in plan, plan
        assert "Index Scan Backward using event_person_time" in plan, plan
        full_sorts = [line for line in plan.splitlines() if re.match(r"\s*(->\s*)?Sort\s+\(", line)]
        assert not full_sorts, plan  # an Incremental Sort only orders entries at the same moment by id
