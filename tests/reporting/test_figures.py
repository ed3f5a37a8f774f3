"""The team manager's figures: every number counted from activity events, by period and area, and as CSV."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.assessments import services
from carershub.assessments.models import Assessment, AssessmentStatus, AssessmentType
from carershub.people.models import CarerProfile, Person
from carershub.reporting import figures, measures
from carershub.selfassessment import services as self_services
from tests.builders import completed_assessment
from tests.formdata import date_parts
from tests.pages import Page

URL = "/figures/"
CSV_URL = "/figures/assessment-figures.csv"
LAST_YEAR = timezone.localdate().year - 1


def at(day: date, hour=12, minute=0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def event(kind, when, area=None, **data) -> Event:
    return Event.objects.create(kind=kind, occurred_at=when, area=area, data=data)


def custom(start: date, end: date, **extra) -> dict:
    return {"period": "custom", **date_parts("date_from", start), **date_parts("date_to", end), **extra}


def last_year_q1(**extra) -> dict:
    return custom(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31), **extra)


@pytest.fixture
def manager(client_for):
    return client_for(Role.TEAM_MANAGER)


def table(page: Page, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption."""
    for node in page.find_all("table"):
        found = [c for c in node.iter() if c.tag == "caption"]
        if found and found[0].text() == caption:
            return [
                [cell.text() for cell in row.iter() if cell.tag in ("td", "th")]
                for row in node.iter()
                if row.tag == "tr"
            ][1:]
    raise AssertionError(f"no table captioned {caption!r}; captions: {[c.text() for c in page.find_all('caption')]}")


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- Who may see them ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.FRONT_DOOR, Role.PRACTITIONER, Role.PARTNER_WORKER, Role.ADMINISTRATOR])
def test_only_team_managers_and_commissioners_see_the_figures(client_for, role):
    client = client_for(role)
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


def test_commissioners_see_the_figures_which_hold_no_personal_data(client_for):
    client = client_for(Role.COMMISSIONER)
    assert client.get(URL).status_code == 200
    assert client.get(CSV_URL).status_code == 200


def test_signing_in_is_needed(client, region):
    for path in (URL, CSV_URL):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_a_team_manager_sees_this_quarter_by_default(manager):
    response = manager.get(URL)
    assert response.status_code == 200
    page = Page(response)
    assert page.heading == "Assessment figures"
    assert len(page.find_all("h1")) == 1
    start, end = measures.quarter_bounds(timezone.localdate())
    assert page.value_of("period") == "this_quarter"
    assert f"{start:%-d %B %Y} to {end:%-d %B %Y}, All areas" in page.text


# --- The whole journey, through the real services -------------------------------------------------


def test_figures_follow_what_practitioners_did(manager, make_user, make_carer, make_contact, region):
    # Five of everything: the page hides counts from 1 to 4 (see the disclosure tests below).
    practitioner = make_user(Role.PRACTITIONER)
    council = region["orgs"]["council"]
    for _n in range(5):
        adult = make_carer(given="Adele", family="Testadult", dob=date(1970, 1, 1))
        young = make_carer(
            given="Yannick",
            family="Testyoung",
            dob=timezone.localdate().replace(year=timezone.localdate().year - 15) - timedelta(days=3),
        )
        make_contact(person=adult, received_at=timezone.now() - timedelta(days=12))
        make_contact(person=young, received_at=timezone.now() - timedelta(days=30))

        completed_assessment(adult, actor=practitioner, organisation=council, eligible=True)
        completed_assessment(
            young, actor=practitioner, organisation=council, eligible=False, assessment_type=AssessmentType.YOUNG_CARER
        )
        services.start_assessment(
            carer=adult, assessment_type=AssessmentType.JOINT, organisation=council, actor=practitioner
        )

    page = Page(manager.get(URL))

    by_type = table(page, "Assessments started and completed, by type")
    assert ["Carer's assessment", "5", "5"] in by_type
    assert ["Young carer's needs assessment", "5", "5"] in by_type
    assert ["Joint assessment with the cared-for person", "5", "0"] in by_type
    assert ["Review or re-assessment", "0", "0"] in by_type
    assert by_type[-1] == ["Total", "15", "10"]
    by_group = table(page, "Assessments started and completed, by carer group")
    assert ["Adult carer", "10", "5"] in by_group
    assert ["Young carer (under 18)", "5", "5"] in by_group
    assert ["Test Afon", "15", "10"] in table(page, "Assessments started and completed, by area")
    eligibility = table(page, "Eligibility decisions")
    assert eligibility[0] == ["Eligible", "5", "50%"]
    assert eligibility[1] == ["Not eligible", "5", "50%"]
    waits = table(page, "How long carers waited")
    assert waits[0][:3] == ["First contact to completed assessment", "21", "10"]  # median of five 12s and five 30s
    assert waits[1][:3] == ["Completed assessment to agreed support plan", "No data for this period", "0"]
    assert "No data for this period" in page.text  # no reviews yet


def test_self_assessments_and_carers_identified_are_counted(manager, make_user, region):
    afon = region["areas"]["afon"]
    practitioner = make_user(Role.PRACTITIONER)
    for n in range(5):
        sa = self_services.receive(
            details={
                "given_name": "Sian",
                "family_name": f"Testself{n}",
                "date_of_birth": date(1980, 1, 1 + n),
                "postcode": "AF1 2AB",
                "email": f"s{n}@example.com",
                "phone": "",
            },
            answers={"caring_role": "Lots"},
            area=afon,
            made_by="self",
        )
        self_services.start_assessment_from(sa, carer=None, organisation=region["orgs"]["council"], actor=practitioner)
    for _n in range(6):
        event(EventKind.CONTACT_LOGGED, timezone.now())

    other = table(Page(manager.get(URL)), "Other activity, for context")

    assert other == [["Self-assessments received", "5"], ["Carers identified", "5"], ["Contacts logged", "6"]]


# --- Each figure, from events ---------------------------------------------------------------------


def test_medians_come_from_the_event_data_and_absent_values_are_left_out(manager, region):
    day = date(LAST_YEAR, 2, 10)
    for days in (10, 20, 40, 10, 20, 40):
        event(EventKind.ASSESSMENT_COMPLETED, at(day), days_from_contact=days, assessment_type="carer")
    for _n in range(5):
        event(EventKind.ASSESSMENT_COMPLETED, at(day), days_from_contact=None, assessment_type="carer")
    for days in (5, 7, 5, 7, 5, 7):
        event(EventKind.PLAN_AGREED, at(day), days_from_assessment=days, plan_version=1)
    for _n in range(5):
        event(EventKind.PLAN_AGREED, at(day), plan_version=1)  # recorded before the key existed
    event(EventKind.PLAN_AGREED, at(day), days_from_assessment=300, first_for_assessment=False)  # a later version

    waits = table(Page(manager.get(URL, last_year_q1())), "How long carers waited")

    assert waits[0] == ["First contact to completed assessment", "20", "6", "5 (no contact recorded)"]
    assert waits[1] == ["Completed assessment to agreed support plan", "6", "6", "5 (days not recorded)"]


def test_reviews_on_time_as_a_percentage(manager, region):
    day = date(LAST_YEAR, 3, 1)
    for on_time in [True] * 15 + [False] * 5:
        event(EventKind.REVIEW_COMPLETED, at(day), on_time=on_time, outcome="no_change")
    for _n in range(5):
        event(EventKind.REVIEW_COMPLETED, at(day), outcome="no_change")

    reviews = table(Page(manager.get(URL, last_year_q1())), "Support plan reviews")

    assert reviews == [["On time", "15", "75%"], ["Late", "5", "25%"], ["Timing not recorded", "5", ""]]


def test_eligibility_percentages_round_to_one_place(manager, region):
    day = date(LAST_YEAR, 1, 5)
    for eligible in [True] * 10 + [False] * 5:
        event(EventKind.ASSESSMENT_DECIDED, at(day), eligible=eligible)

    rows = table(Page(manager.get(URL, last_year_q1())), "Eligibility decisions")

    assert rows == [["Eligible", "10", "66.7%"], ["Not eligible", "5", "33.3%"], ["Total", "15", ""]]


def test_a_code_this_version_does_not_know_still_counts(manager, region):
    day = date(LAST_YEAR, 1, 5)
    for _n in range(5):
        event(EventKind.ASSESSMENT_STARTED, at(day), assessment_type="carer", carer_type="adult_carer")
        event(EventKind.ASSESSMENT_STARTED, at(day), assessment_type="something_new", carer_type=None)
        event(EventKind.ASSESSMENT_STARTED, at(day))

    page = Page(manager.get(URL, last_year_q1()))

    by_type = table(page, "Assessments started and completed, by type")
    assert ["something_new", "5", "0"] in by_type
    assert ["Type not recorded", "5", "0"] in by_type
    assert by_type[-1] == ["Total", "15", "0"]
    assert ["Not known", "10", "0"] in table(page, "Assessments started and completed, by carer group")
    assert ["No area recorded", "15", "0"] in table(page, "Assessments started and completed, by area")


def test_an_empty_period_says_so(manager, region):
    page = Page(manager.get(URL, last_year_q1()))
    assert page.text.count("No data for this period") == 10
    assert not page.find_all("table")


# --- Filters -----------------------------------------------------------------------------------


def test_the_period_decides_which_events_count(manager, region):
    for _n in range(5):  # five at each moment, so that no count is hidden as small
        event(EventKind.ASSESSMENT_STARTED, at(date(LAST_YEAR, 3, 31), 23, 59), assessment_type="carer")
        event(EventKind.ASSESSMENT_STARTED, at(date(LAST_YEAR, 4, 1), 0, 0), assessment_type="carer")
        event(EventKind.ASSESSMENT_STARTED, at(date(LAST_YEAR, 4, 2)), assessment_type="carer")

    q1 = Page(manager.get(URL, last_year_q1()))
    q2 = Page(manager.get(URL, custom(date(LAST_YEAR, 4, 1), date(LAST_YEAR, 6, 30))))
    one_day = Page(manager.get(URL, custom(date(LAST_YEAR, 4, 1), date(LAST_YEAR, 4, 1))))

    assert table(q1, "Assessments started and completed, by type")[-1] == ["Total", "5", "0"]
    assert table(q2, "Assessments started and completed, by type")[-1] == ["Total", "10", "0"]
    assert table(one_day, "Assessments started and completed, by type")[-1] == ["Total", "5", "0"]
    assert f"1 January {LAST_YEAR} to 31 March {LAST_YEAR}" in q1.text


def test_days_are_uk_days_not_utc_days(manager, region):
    # 23:30 UTC on 31 May is 00:30 on 1 June in British Summer Time.
    when = datetime(LAST_YEAR, 5, 31, 23, 30, tzinfo=UTC)
    for _n in range(5):
        event(EventKind.ASSESSMENT_STARTED, when, assessment_type="carer")

    june = Page(manager.get(URL, custom(date(LAST_YEAR, 6, 1), date(LAST_YEAR, 6, 1))))
    may = Page(manager.get(URL, custom(date(LAST_YEAR, 5, 31), date(LAST_YEAR, 5, 31))))

    assert table(june, "Assessments started and completed, by type")[-1] == ["Total", "5", "0"]
    assert "No data for this period" in may.text


@pytest.mark.parametrize("preset", ["this_quarter", "last_quarter", "this_year"])
def test_the_ready_made_periods(manager, region, preset):
    today = timezone.localdate()
    bounds = {
        "this_quarter": measures.quarter_bounds(today),
        "last_quarter": measures.previous_quarter_bounds(today),
        "this_year": measures.financial_year_bounds(today),
    }[preset]
    for _n in range(5):
        event(EventKind.ASSESSMENT_STARTED, at(bounds[0], 0, 1), assessment_type="carer")
        event(EventKind.ASSESSMENT_STARTED, at(bounds[1], 23, 59), assessment_type="carer")
        event(EventKind.ASSESSMENT_STARTED, at(bounds[0] - timedelta(days=1), 23, 59), assessment_type="carer")
        event(EventKind.ASSESSMENT_STARTED, at(bounds[1] + timedelta(days=1), 0, 1), assessment_type="carer")

    page = Page(manager.get(URL, {"period": preset}))

    assert page.value_of("period") == preset
    assert table(page, "Assessments started and completed, by type")[-1] == ["Total", "10", "0"]
    assert f"{bounds[0]:%-d %B %Y} to {bounds[1]:%-d %B %Y}" in page.text


def test_the_area_filter(manager, region):
    afon, marches = region["areas"]["afon"], region["areas"]["marches"]
    day = date(LAST_YEAR, 2, 1)
    for _n in range(5):
        event(EventKind.ASSESSMENT_STARTED, at(day), afon, assessment_type="carer")
        event(EventKind.ASSESSMENT_STARTED, at(day), afon, assessment_type="carer")
        event(EventKind.ASSESSMENT_STARTED, at(day), marches, assessment_type="joint")
        event(EventKind.ASSESSMENT_DECIDED, at(day), marches, eligible=True)

    everywhere = Page(manager.get(URL, last_year_q1()))
    by_area = table(everywhere, "Assessments started and completed, by area")
    assert ["Test Afon", "10", "0"] in by_area and ["Test Marches", "5", "0"] in by_area

    page = Page(manager.get(URL, last_year_q1(area=marches.pk)))
    assert table(page, "Assessments started and completed, by area") == [
        ["Test Marches", "5", "0"],
        ["Total", "5", "0"],
    ]
    assert ["Joint assessment with the cared-for person", "5", "0"] in table(
        page, "Assessments started and completed, by type"
    )
    assert table(page, "Eligibility decisions")[0] == ["Eligible", "5", "100%"]
    assert page.value_of("area") == str(marches.pk)
    assert f"31 March {LAST_YEAR}, Test Marches" in page.text


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"period": "custom"}, "date_from", "Enter the dates the figures should start and end"),
        (custom(date(LAST_YEAR, 1, 1), None), "date_to", "Enter the date the figures should end on"),
        (custom(None, date(LAST_YEAR, 1, 1)), "date_from", "Enter the date the figures should start from"),
        (
            custom(date(LAST_YEAR, 3, 2), date(LAST_YEAR, 3, 1)),
            "date_to",
            "The end date must be the same as or after the start date",
        ),
        (
            custom(timezone.localdate() + timedelta(days=2), timezone.localdate() + timedelta(days=9)),
            "date_from",
            "The start date must be today or in the past",
        ),
        (
            {
                "period": "custom",
                "date_from_day": "31",
                "date_from_month": "2",
                "date_from_year": "2025",
                **date_parts("date_to", date(LAST_YEAR, 3, 1)),
            },
            "date_from",
            "From must be a real date",
        ),
        (
            {
                "period": "custom",
                "date_from_day": "1",
                "date_from_month": "x",
                "date_from_year": "2025",
                **date_parts("date_to", date(LAST_YEAR, 3, 1)),
            },
            "date_from",
            "From must be a real date, using numbers only",
        ),
        ({"period": "this_quarter", "area": "999999"}, "area", "Choose an area from the list"),
        ({"period": "sometime"}, "period", None),
    ],
)
def test_bad_filters_are_explained_and_no_figures_shown(manager, region, query, field, message):
    response = manager.get(URL, query)

    assert response.status_code == 200
    page = Page(response)
    assert page.error_summary
    if message:
        assert page.error_for(field) == message
    else:
        assert page.error_for(field)
    assert not page.find_all("table")
    # The CSV link is not offered, and asking for it anyway gives the page with the problem.
    assert CSV_URL not in " ".join(page.links())
    csv_response = manager.get(CSV_URL, query)
    assert csv_response["Content-Type"].startswith("text/html")
    assert Page(csv_response).error_summary


def test_what_was_typed_in_the_filter_is_kept(manager, region):
    page = Page(manager.get(URL, custom(date(LAST_YEAR, 3, 2), date(LAST_YEAR, 3, 1))))
    assert page.value_of("period") == "custom"
    assert page.value_of("date_from_day") == "2"
    assert page.value_of("date_to_month") == "3"


# --- CSV ----------------------------------------------------------------------------------------


def test_the_csv_has_the_same_figures_and_no_personal_data(manager, make_user, make_carer, make_contact, region):
    practitioner = make_user(Role.PRACTITIONER)
    for _n in range(5):  # five, so that no count is hidden as small
        carer = make_carer(given="Private", family="Testperson", postcode="AF9 9ZZ")
        make_contact(person=carer, received_at=timezone.now() - timedelta(days=4))
        completed_assessment(carer, actor=practitioner, organisation=region["orgs"]["council"], eligible=True)
    page = Page(manager.get(URL))
    link = next(href for href in page.links() if href.startswith(CSV_URL))

    response = manager.get(link)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="assessment-figures-')
    rows = read_csv(response)
    start, end = measures.quarter_bounds(timezone.localdate())
    assert rows[0] == ["Period", f"{start:%-d %B %Y} to {end:%-d %B %Y}", "", ""]
    assert rows[1] == ["Area", "All areas", "", ""]
    assert rows[2] == ["Figure", "Group", "Measure", "Value"]
    assert ["Assessments by type", "Carer's assessment", "Started", "5"] in rows
    assert ["Assessments by type", "Carer's assessment", "Completed", "5"] in rows
    assert ["Assessments by carer group", "Adult carer", "Completed", "5"] in rows
    assert ["Assessments by area", "Test Afon", "Started", "5"] in rows
    assert ["Eligibility decisions", "Eligible", "Percentage", "100%"] in rows
    assert ["Days from first contact to completed assessment", "", "Median days", "4"] in rows
    assert ["Reviews", "On time", "Number", "0"] in rows
    text = response.content.decode("utf-8-sig")
    for personal in ("Private", "Testperson", "AF9 9ZZ", str(carer.pk) + ","):
        assert personal not in text


def test_the_csv_follows_the_filters(manager, region):
    marches = region["areas"]["marches"]
    for _n in range(5):
        event(EventKind.ASSESSMENT_STARTED, at(date(LAST_YEAR, 2, 1)), marches, assessment_type="review")

    rows = read_csv(manager.get(CSV_URL, last_year_q1(area=marches.pk)))

    assert rows[0][1] == f"1 January {LAST_YEAR} to 31 March {LAST_YEAR}"
    assert rows[1][1] == "Test Marches"
    assert ["Assessments by type", "Review or re-assessment", "Started", "5"] in rows
    assert ["Assessments by area", "Test Marches", "Started", "5"] in rows
    assert not any(row[1] == "Test Afon" for row in rows)


def test_a_spreadsheet_formula_in_an_area_name_is_not_run(manager, region):
    region["areas"]["marches"].__class__.objects.filter(pk=region["areas"]["marches"].pk).update(name="=HYPERLINK(1)")
    rows = read_csv(manager.get(CSV_URL, last_year_q1()))
    assert ["Assessments by area", "'=HYPERLINK(1)", "Started", "0"] in rows


# --- In the database, and fast ------------------------------------------------------------------


def test_the_number_of_queries_does_not_grow_with_the_events(manager, region, django_assert_max_num_queries):
    afon = region["areas"]["afon"]
    day = date(LAST_YEAR, 2, 1)
    kinds = [
        EventKind.ASSESSMENT_STARTED,
        EventKind.ASSESSMENT_COMPLETED,
        EventKind.ASSESSMENT_DECIDED,
        EventKind.PLAN_AGREED,
        EventKind.REVIEW_COMPLETED,
        EventKind.CONTACT_LOGGED,
    ]
    Event.objects.bulk_create(
        Event(
            kind=kinds[i % len(kinds)],
            occurred_at=at(day, i % 24, i % 60),
            area=afon if i % 2 else None,
            data={
                "assessment_type": "carer",
                "carer_type": "adult_carer",
                "eligible": bool(i % 3),
                "days_from_contact": i % 50,
                "days_from_assessment": i % 20,
                "on_time": bool(i % 4),
            },
        )
        for i in range(3000)
    )
    period = figures.Period(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31))

    # Eight for the assessments' figures, one for the support delivered (issue 10), one for signposting
    # by service and one for the partnership's work (issue 11).
    with django_assert_max_num_queries(11):
        result = figures.team_figures(period)

    assert result.by_type.started == 500
    assert result.by_type.completed == 500
    assert result.eligibility.known == 500
    assert result.contacts_logged == 500
    assert result.contact_to_assessment.based_on == 500
    assert result.contact_to_assessment.median == measures.median([i % 50 for i in range(3000) if i % 6 == 1])


def test_figures_are_never_read_from_the_records_themselves(manager, make_carer, region):
    # A record changed by hand (no event) does not move a figure: only events count.
    carer = make_carer()
    Assessment.objects.create(
        carer=carer,
        assessment_type=AssessmentType.CARER,
        nation="wales",
        assessing_organisation=region["orgs"]["council"],
        status=AssessmentStatus.COMPLETED,
        completed_at=timezone.now(),
        eligible=True,
    )
    assert CarerProfile.objects.count() == Person.objects.count() == 1

    page = Page(manager.get(URL))

    assert "No data for this period" in page.text
    assert not [t for t in page.find_all("caption") if "by type" in t.text()]


# --- Small numbers are not shown (disclosure control) ---------------------------------------------

NOTE_START = "Some numbers are not shown, so that nobody can recognise a carer from these figures."
BREAKDOWNS = {
    "Assessments started and completed, by type": "Assessments by type",
    "Assessments started and completed, by carer group": "Assessments by carer group",
    "Assessments started and completed, by area": "Assessments by area",
}
WAITS = {
    "First contact to completed assessment": ("Days from first contact to completed assessment", "No contact recorded"),
    "Completed assessment to agreed support plan": (
        "Days from completed assessment to agreed support plan",
        "Days not recorded",
    ),
}


def notes(page: Page) -> list[str]:
    return [node.text() for node in page.find_all("div", "govuk-inset-text")]


def many(n, kind, day, area=None, **data):
    for _n in range(n):
        event(kind, at(day), area, **data)


def test_an_area_with_3_eligible_and_40_not_eligible_shows_neither_number_nor_percentage(manager, region):
    marches = region["areas"]["marches"]
    many(3, EventKind.ASSESSMENT_DECIDED, date(LAST_YEAR, 2, 1), marches, eligible=True)
    many(40, EventKind.ASSESSMENT_DECIDED, date(LAST_YEAR, 2, 1), marches, eligible=False)
    query = last_year_q1(area=marches.pk)

    page = Page(manager.get(URL, query))
    rows = read_csv(manager.get(CSV_URL, query))

    # With 3 shown as "fewer than 5", 43 - 40 would give it away: the 40 and both percentages go too.
    assert table(page, "Eligibility decisions") == [
        ["Eligible", "not shown", "not shown"],
        ["Not eligible", "not shown", "not shown"],
        ["Total", "43", ""],
    ]
    assert [row[1:] for row in rows if row[0] == "Eligibility decisions"] == [
        ["Eligible", "Number", "not shown"],
        ["Eligible", "Percentage", "not shown"],
        ["Not eligible", "Number", "not shown"],
        ["Not eligible", "Percentage", "not shown"],
        ["Total", "Number", "43"],
    ]
    # Why, once on the page and once in the CSV.
    assert len(notes(page)) == 1 and notes(page)[0].startswith(NOTE_START)
    assert page.text.count(NOTE_START) == 1
    assert rows[-1] == ["About these figures", "", "", notes(page)[0]]
    # The counting itself is untouched: only what is shown hides them.
    period = figures.Period(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31))
    split = figures.team_figures(period, marches).eligibility
    assert (split.yes, split.no) == (3, 40)


def test_a_breakdown_with_one_small_count_hides_a_second_so_it_cannot_be_worked_out(manager, region):
    afon, day = region["areas"]["afon"], date(LAST_YEAR, 2, 1)
    for assessment_type, n in (("carer", 20), ("joint", 3), ("review", 7)):
        many(n, EventKind.ASSESSMENT_STARTED, day, afon, assessment_type=assessment_type, carer_type="adult_carer")

    page = Page(manager.get(URL, last_year_q1()))

    # 30 - 20 - 7 would give the 3 away, so the 7 (the next smallest) is not shown either.
    assert table(page, "Assessments started and completed, by type") == [
        ["Carer's assessment", "20", "0"],
        ["Joint assessment with the cared-for person", "not shown", "0"],
        ["Review or re-assessment", "not shown", "0"],
        ["Young carer's needs assessment", "0", "0"],
        ["Transition assessment (approaching 18)", "0", "0"],
        ["Total", "30", "0"],
    ]
    assert ["Adult carer", "30", "0"] in table(page, "Assessments started and completed, by carer group")


def test_small_counts_read_fewer_than_5_and_zero_is_shown(manager, region):
    afon, day = region["areas"]["afon"], date(LAST_YEAR, 2, 1)
    for carer_type, n in (("young_carer", 2), ("adult_carer", 40), ("parent_carer", 3)):
        many(n, EventKind.ASSESSMENT_STARTED, day, afon, assessment_type="carer", carer_type=carer_type)
    many(3, EventKind.CONTACT_LOGGED, day)

    page = Page(manager.get(URL, last_year_q1()))

    # 2 + 3 = 5 could be 1 and 4, 2 and 3, 3 and 2 or 4 and 1: the total gives neither away.
    assert table(page, "Assessments started and completed, by carer group") == [
        ["Young carer (under 18)", "fewer than 5", "0"],
        ["Young adult carer (18 to 25)", "0", "0"],
        ["Adult carer", "40", "0"],
        ["Parent carer", "fewer than 5", "0"],
        ["Former carer", "0", "0"],
        ["Total", "45", "0"],
    ]
    assert table(page, "Other activity, for context") == [
        ["Self-assessments received", "0"],
        ["Carers identified", "0"],
        ["Contacts logged", "fewer than 5"],
    ]


def test_a_median_of_fewer_than_5_waits_and_what_would_give_a_small_count_away_are_not_shown(manager, region):
    day = date(LAST_YEAR, 2, 10)
    for days in (10, 20, 30):
        event(EventKind.ASSESSMENT_COMPLETED, at(day), days_from_contact=days, assessment_type="carer")
    for days in range(20):
        event(EventKind.PLAN_AGREED, at(day), days_from_assessment=days, plan_version=1)
    many(2, EventKind.PLAN_AGREED, day, plan_version=1)  # days not recorded

    page = Page(manager.get(URL, last_year_q1()))
    waits = table(page, "How long carers waited")

    assert table(page, "Assessments started and completed, by type")[-1] == ["Total", "0", "fewer than 5"]
    assert waits[0] == ["First contact to completed assessment", "not shown", "fewer than 5", "0"]
    # 20 values: the median is shown; the 2 not counted are small.
    assert waits[1] == ["Completed assessment to agreed support plan", "9.5", "20", "fewer than 5 (days not recorded)"]


def test_waits_beside_the_assessments_completed_hide_what_would_give_a_small_count_away(manager, region):
    day = date(LAST_YEAR, 2, 10)
    for days in range(20):
        event(EventKind.ASSESSMENT_COMPLETED, at(day), days_from_contact=days, assessment_type="carer")
    many(2, EventKind.ASSESSMENT_COMPLETED, day, assessment_type="carer")  # no contact recorded

    page = Page(manager.get(URL, last_year_q1()))

    # Based on and not counted add up to the 22 completed shown above: 22 - 20 would give the 2 away.
    assert table(page, "Assessments started and completed, by type")[-1] == ["Total", "0", "22"]
    assert table(page, "How long carers waited")[0] == [
        "First contact to completed assessment",
        "9.5",
        "not shown",
        "not shown (no contact recorded)",
    ]


def test_a_percentage_of_a_small_number_is_not_shown(manager, region):
    many(3, EventKind.REVIEW_COMPLETED, date(LAST_YEAR, 3, 1), on_time=True, outcome="no_change")

    reviews = table(Page(manager.get(URL, last_year_q1())), "Support plan reviews")

    # 0% late of "fewer than 5" is still 100% on time, which says nothing; but 0 of 3 would be 3.
    assert reviews == [["On time", "fewer than 5", "not shown"], ["Late", "0", "not shown"]]


def test_reviews_have_no_total_so_only_the_small_count_and_the_percentages_are_hidden(manager, region):
    many(3, EventKind.REVIEW_COMPLETED, date(LAST_YEAR, 3, 1), on_time=True, outcome="no_change")
    many(8, EventKind.REVIEW_COMPLETED, date(LAST_YEAR, 3, 1), on_time=False, outcome="no_change")

    reviews = table(Page(manager.get(URL, last_year_q1())), "Support plan reviews")

    # Percentages would give the 3 back (27.3% of 11); without them nothing adds up to a total.
    assert reviews == [["On time", "fewer than 5", "not shown"], ["Late", "8", "not shown"]]


def test_a_page_with_nothing_hidden_does_not_explain_hiding(manager, region):
    many(5, EventKind.ASSESSMENT_STARTED, date(LAST_YEAR, 2, 1), assessment_type="carer", carer_type="adult_carer")

    page = Page(manager.get(URL, last_year_q1()))

    assert "fewer than 5" not in page.text and "not shown" not in page.text
    assert not notes(page)
    assert "About these figures" not in manager.get(CSV_URL, last_year_q1()).content.decode("utf-8-sig")


def page_as_rows(page: Page) -> list[list[str]]:
    """Every number on the page as the CSV's (figure, group, measure, value) rows."""
    rows = []
    for caption, title in BREAKDOWNS.items():
        for group, started, completed in table(page, caption):
            rows += [[title, group, "Started", started], [title, group, "Completed", completed]]
    for group, number, percentage in table(page, "Eligibility decisions"):
        rows.append(["Eligibility decisions", group, "Number", number])
        if group != "Total":
            rows.append(["Eligibility decisions", group, "Percentage", percentage])
    for label, median, based_on, not_counted in table(page, "How long carers waited"):
        title, unknown_label = WAITS[label]
        rows += [
            [title, "", "Median days", "" if median == "No data for this period" else median],
            [title, "", "Based on", based_on],
            [title, "", unknown_label, not_counted.split(" (")[0]],
        ]
    reviews = {group: (number, percentage) for group, number, percentage in table(page, "Support plan reviews")}
    rows += [
        ["Reviews", "On time", "Number", reviews["On time"][0]],
        ["Reviews", "On time", "Percentage", reviews["On time"][1]],
        ["Reviews", "Late", "Number", reviews["Late"][0]],
        ["Reviews", "Timing not recorded", "Number", reviews["Timing not recorded"][0]],
    ]
    other = table(page, "Other activity, for context")
    rows += [["Other activity", group, "Number", number] for group, number in other]
    support = table(page, "Support delivered") if "Support delivered" in [c.text() for c in page.find_all("caption")] else []
    for label, number, carers, hours, money in support:
        rows += [["Support delivered", label, "Number", number], ["Support delivered", label, "Carers", carers]]
        rows += [["Support delivered", label, "Hours", hours]] if hours else []
        rows += [["Support delivered", label, "Money", money]] if money else []
    return rows


def test_the_csv_shows_exactly_what_the_page_shows(manager, region):
    afon, marches, day = region["areas"]["afon"], region["areas"]["marches"], date(LAST_YEAR, 2, 1)
    started = (("carer", "adult_carer", 20), ("joint", "young_carer", 3), ("review", "adult_carer", 7))
    for assessment_type, carer_type, n in started:
        many(n, EventKind.ASSESSMENT_STARTED, day, afon, assessment_type=assessment_type, carer_type=carer_type)
    for days in (4, 9, 30):
        event(EventKind.ASSESSMENT_COMPLETED, at(day), marches, days_from_contact=days, assessment_type="carer")
    many(3, EventKind.ASSESSMENT_DECIDED, day, marches, eligible=True)
    many(40, EventKind.ASSESSMENT_DECIDED, day, marches, eligible=False)
    for days in (5, 6, 7, 8, 9, 10):
        event(EventKind.PLAN_AGREED, at(day), afon, days_from_assessment=days)
    many(3, EventKind.REVIEW_COMPLETED, day, afon, on_time=True)
    many(6, EventKind.BREAK_DELIVERED, day, afon, minutes=90, pence=4_000)
    many(8, EventKind.REVIEW_COMPLETED, day, afon, on_time=False)
    many(2, EventKind.REVIEW_COMPLETED, day, afon)
    many(12, EventKind.CONTACT_LOGGED, day)

    page = Page(manager.get(URL, last_year_q1()))
    rows = read_csv(manager.get(CSV_URL, last_year_q1()))

    data, note = rows[3:-1], rows[-1]
    assert sorted(data) == sorted(page_as_rows(page))
    assert note == ["About these figures", "", "", notes(page)[0]]
    # Both hide, and both show what may be shown.
    shown = [row[3] for row in data]
    assert "fewer than 5" in shown and "not shown" in shown and "43" in shown and "7.5" in shown
