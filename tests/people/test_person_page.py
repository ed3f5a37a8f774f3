"""The person page shows what matters first: alerts, what can be done, the record at a glance and
the latest of the timeline; the detail below. Each part comes from the app that owns it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.assessments import services as assessment_services
from carershub.assessments.models import AssessmentType
from carershub.people import sections
from carershub.people.models import CaringRelationship, Person
from carershub.people.presenters import PersonPresenter
from tests import builders
from tests.pages import Page
from tests.builders import share_consented


@pytest.fixture
def practitioner(client_for):
    return client_for(Role.PRACTITIONER)


def _page(client, person):
    response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 200
    return Page(response)


def _glance(page) -> dict[str, str]:
    """The "At a glance" card's rows: label -> what it says."""
    card = next(
        c for c in page.find_all("div", "govuk-summary-card") if "At a glance" in c.text()
    )
    rows = {}
    for row in card.iter():
        if "govuk-summary-list__row" in row.classes:
            key = next(n for n in row.iter() if "govuk-summary-list__key" in n.classes).text()
            value = next(n for n in row.iter() if "govuk-summary-list__value" in n.classes)
            rows.setdefault(key, []).append(value)
    return rows


def _text(rows, label) -> str:
    return " | ".join(value.text() for value in rows[label])


def test_what_matters_first_comes_before_the_detail(practitioner, make_carer):
    carer = make_carer()
    record_event(EventKind.PERSON_CREATED, person=carer, obj=carer)

    html = _page(practitioner, carer).html

    order = [
        html.index("<h1"),
        html.index("Add a cared-for person"),
        html.index("At a glance"),
        html.index(">Timeline<"),
        html.index("Person record created"),
        html.index("Personal and contact details"),
    ]
    assert order == sorted(order)
    assert "Recent contacts" not in html


def test_the_case_worker_is_at_a_glance(practitioner, make_carer, make_user):
    carer = make_carer()
    assert _text(_glance(_page(practitioner, carer)), "Case worker") == "Not allocated"

    worker = make_user(Role.PRACTITIONER)
    carer.carer.case_worker = worker
    carer.carer.save()

    assert _text(_glance(_page(practitioner, carer)), "Case worker") == worker.get_full_name()


def test_an_open_assessment_is_at_a_glance_and_a_completed_one_is_not(practitioner, make_carer, region):
    carer = make_carer()
    council = region["orgs"]["council"]
    assert _text(_glance(_page(practitioner, carer)), "Open assessment") == "None open"
    builders.completed_assessment(carer, actor=practitioner.user, organisation=council)
    assert _text(_glance(_page(practitioner, carer)), "Open assessment") == "None open"

    draft = assessment_services.start_assessment(
        carer=carer, assessment_type=AssessmentType.REVIEW, organisation=council, actor=practitioner.user
    )

    rows = _glance(_page(practitioner, carer))
    today = timezone.localdate()
    assert _text(rows, "Open assessment") == f"Review or re-assessment, started {today.day} {today:%B %Y}: Draft"
    assert f"/assessments/{draft.pk}/" in [a.attrs["href"] for a in rows["Open assessment"][0].iter() if a.tag == "a"]


def test_the_plan_in_force_and_its_review_date_are_at_a_glance(practitioner, make_carer, region):
    carer = make_carer()
    assert _text(_glance(_page(practitioner, carer)), "Support plan") == "No plan in force"
    assessment = builders.completed_assessment(carer, actor=practitioner.user, organisation=region["orgs"]["council"])
    review_on = timezone.localdate() + timedelta(days=200)

    plan = builders.agreed_plan(assessment, actor=practitioner.user, review_date=review_on)

    rows = _glance(_page(practitioner, carer))
    assert _text(rows, "Support plan").startswith("Version 1, agreed ")
    assert f"/plans/{plan.pk}/" in [a.attrs["href"] for a in rows["Support plan"][0].iter() if a.tag == "a"]
    assert _text(rows, "Review due") == f"{review_on.day} {review_on:%B %Y}"
    assert not [n for n in rows["Review due"][0].iter() if "govuk-tag" in n.classes]


@pytest.mark.parametrize(
    ("days", "says", "colour"), [(-3, "overdue", "govuk-tag--red"), (10, "due soon", "govuk-tag--yellow")]
)
def test_a_review_overdue_is_tagged_red_and_one_due_soon_yellow(practitioner, make_carer, region, days, says, colour):
    carer = make_carer()
    assessment = builders.completed_assessment(carer, actor=practitioner.user, organisation=region["orgs"]["council"])
    builders.agreed_plan(assessment, actor=practitioner.user, review_date=timezone.localdate() + timedelta(days=days))

    review = _glance(_page(practitioner, carer))["Review due"][0]

    tags = [n for n in review.iter() if "govuk-tag" in n.classes]
    assert tags and colour in tags[0].classes and says in tags[0].text()


def test_a_partner_sees_neither_assessments_nor_plans_at_a_glance(client_for, make_carer, make_consent, region):
    carer = make_carer()
    worker = client_for(Role.PRACTITIONER).user
    builders.agreed_plan(
        builders.completed_assessment(carer, actor=worker, organisation=region["orgs"]["council"]), actor=worker
    )
    share_consented(make_consent(carer, "partner"))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    rows = _glance(_page(partner, carer))

    assert "Case worker" in rows
    assert not {"Open assessment", "Support plan", "Review due"} & set(rows)


def _buttons(page) -> dict[str, set[str]]:
    group = page.find_all("div", "govuk-button-group")[0]
    return {a.text(): a.classes for a in group.iter() if a.tag == "a"}


def test_the_buttons_are_those_the_user_may_use(client_for, make_carer, make_consent):
    carer = make_carer()
    share_consented(make_consent(carer, "partner"))

    front_door = _page(client_for(Role.FRONT_DOOR), carer)
    buttons = _buttons(front_door)
    assert "govuk-button--secondary" not in buttons["Log a contact"], "the main thing the front door does"
    assert "govuk-button--secondary" in buttons["Add a cared-for person"]
    assert f"/contacts/new/?person={carer.pk}" in front_door.links()

    partner = _page(client_for(Role.PARTNER_WORKER, organisation="partner"), carer)
    assert "Log a contact" not in partner.text and "Add a cared-for person" not in partner.text


def test_a_cared_for_person_has_no_button_to_add_a_cared_for_person(practitioner, make_carer):
    person = Person.objects.create(given_name="Only", family_name="Caredtest", postcode="AF1 2AB")
    carer = make_carer()
    CaringRelationship.objects.create(carer=carer, cared_for=person, relationship="parent")

    assert "Add a cared-for person" not in _page(practitioner, person).text


def test_the_person_page_shows_the_latest_of_the_timeline_and_leads_to_the_rest(practitioner, make_carer, make_contact):
    carer = make_carer()
    start = timezone.now() - timedelta(days=30)
    for n in range(12):
        contact = make_contact(carer, received_at=start + timedelta(days=n))
        record_event(EventKind.CONTACT_LOGGED, person=carer, obj=contact, data={"channel": "phone"},
                     occurred_at=contact.received_at)

    page = _page(practitioner, carer)

    entries = [h.text() for h in page.find_all("h3", "govuk-heading-s")]
    assert entries.count("Contact logged: Phone") == 10
    assert f"/people/{carer.pk}/timeline/" in page.links()


# --- Banners ------------------------------------------------------------------------------------------


@pytest.fixture
def banners(monkeypatch):
    """Register a banner provider for one test: ``banners(person, [Banner, ...])``."""
    monkeypatch.setattr(sections, "_banner_providers", list(sections._banner_providers))
    given, seen = {}, []

    def provider(user, person):
        seen.append(person)
        return given.get(person.pk, [])

    sections.register_banner(provider)

    def _give(person, found):
        given[person.pk] = found
        return seen

    return _give


def test_alerts_are_shown_to_every_viewer_safeguarding_first_and_apart(
    banners, client_for, make_carer, make_consent, make_contact
):
    carer, other = make_carer(), make_carer(given="Other")
    share_consented(make_consent(carer, "partner"))
    seen = banners(
        carer,
        [
            sections.Banner("Lives with an aggressive dog", "Meet outside", kind="warning"),
            sections.Banner("Adult at risk", "Referred under section 126", href="/somewhere/", kind="safeguarding"),
        ],
    )

    for client in (client_for(Role.FRONT_DOOR), client_for(Role.PARTNER_WORKER, organisation="partner")):
        page = _page(client, carer)
        found = page.find_all("div", "govuk-notification-banner")
        alerts = [b for b in found if "data-alert-kind" in b.attrs]
        assert [b.attrs["data-alert-kind"] for b in alerts] == ["safeguarding", "warning"]
        safeguarding, warning = alerts
        assert "Adult at risk" in safeguarding.text() and "Referred under section 126" in safeguarding.text()
        assert [n for n in safeguarding.iter() if "govuk-tag--red" in n.classes]
        assert "Lives with an aggressive dog" in warning.text()
        assert "/somewhere/" in page.links()
        assert safeguarding.attrs["aria-labelledby"] != warning.attrs["aria-labelledby"]
        assert page.by_id(safeguarding.attrs["aria-labelledby"]) is not None
        assert "Adult at risk" in Page(client.get(f"/people/{carer.pk}/timeline/")).text
    assert all(isinstance(person, Person) for person in seen), "providers get the record, not a presenter"
    assert "Adult at risk" not in _page(client_for(Role.FRONT_DOOR), other).text


def test_a_record_without_alerts_shows_no_banner(banners, practitioner, make_carer):
    carer = make_carer()
    banners(carer, [])

    page = _page(practitioner, carer)

    assert not [b for b in page.find_all("div", "govuk-notification-banner") if "data-alert-kind" in b.attrs]


def test_banners_for_takes_a_record_or_its_presenter(banners, practitioner, make_carer):
    carer = make_carer()
    banners(carer, [sections.Banner("Careful", kind="warning")])

    user = practitioner.user
    assert sections.banners_for(user, PersonPresenter(carer)) == sections.banners_for(user, carer)
    assert [b.title for b in sections.banners_for(practitioner.user, carer)] == ["Careful"]
    assert sections.banners_for(practitioner.user, None) == []


def test_an_open_assessment_older_than_the_ten_newest_is_still_at_a_glance(practitioner, make_carer, region):
    # The glance and the assessments section share the newest ten; an open one behind them is still found.
    from carershub.assessments.models import Assessment, AssessmentStatus

    carer = make_carer()
    council = region["orgs"]["council"]
    start = dict(carer=carer, assessment_type=AssessmentType.REVIEW, organisation=council, actor=practitioner.user)
    oldest = assessment_services.start_assessment(**start)
    Assessment.objects.filter(pk=oldest.pk).update(started_at=timezone.now() - timedelta(days=400))
    for _ in range(assessment_services.NEWEST_SHOWN):
        newer = assessment_services.start_assessment(**start)
        Assessment.objects.filter(pk=newer.pk).update(status=AssessmentStatus.COMPLETED)

    rows = _glance(_page(practitioner, carer))

    assert f"/assessments/{oldest.pk}/" in [a.attrs["href"] for a in rows["Open assessment"][0].iter() if a.tag == "a"]


def test_opening_a_record_does_not_sort_what_it_looks_up_by_its_key(practitioner, make_carer):
    """The signed-in user and the person are each one row found by primary key: an ORDER BY there
    is work for nothing (Django compiles it by comparing every selected column)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    carer = make_carer()
    with CaptureQueriesContext(connection) as queries:
        assert practitioner.get(f"/people/{carer.pk}/").status_code == 200
    by_key = [
        q["sql"] for q in queries.captured_queries
        if f'"accounts_user"."id" = {practitioner.user.pk}' in q["sql"] and 'FROM "accounts_user"' in q["sql"]
        or f'"people_person"."id" = {carer.pk}' in q["sql"] and 'FROM "people_person"' in q["sql"]
    ]
    assert len(by_key) >= 2
    assert not [sql for sql in by_key if "ORDER BY" in sql]
