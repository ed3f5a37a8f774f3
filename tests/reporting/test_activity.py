"""The commissioner's activity figures (issue 12): each line counted from events, broken down by the
carers' details so that every breakdown adds up, trends, drill-down to the events, downloads."""

import io
from datetime import date, datetime

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent
from carershub.contacts.models import CallerRole, Channel, Contact
from carershub.people.models import CarerProfile, CaringRelationship, Person
from carershub.reporting import activity, measures
from carershub.reporting.figures import Period
from tests.pages import Page
from tests.reporting import test_figures
from tests.reporting.test_figures import custom, read_csv

URL = "/figures/activity/"
LAST_YEAR = timezone.localdate().year - 1
Q1 = custom(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31))
DAY = date(LAST_YEAR, 2, 10)


def table(page, caption):
    """The table's rows, each number without the words that tell a screen reader where its link goes."""
    return [[cell.split(" (the events behind")[0] for cell in row] for row in test_figures.table(page, caption)]


def at(day: date, hour=12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def event(kind, person=None, area=None, when=None, **data) -> Event:
    return Event.objects.create(kind=kind, occurred_at=when or at(DAY), person=person,
                                area=area if area is not None else getattr(person, "area", None), data=data)


def carer(region, n, *, dob=date(1970, 1, 1), parent=False, sex="", ethnic_group="", postcode="AF1 2AB", area="afon"):
    person = Person.objects.create(given_name=f"Carer{n}", family_name="Activity", date_of_birth=dob, sex=sex,
                                   ethnic_group=ethnic_group, postcode=postcode, area=region["areas"][area])
    CarerProfile.objects.create(person=person, is_parent_carer=parent)
    return person


def test_only_team_managers_and_commissioners_see_the_activity_figures(client_for, region):
    assert client_for(Role.PRACTITIONER).get(URL).status_code == 403
    assert client_for(Role.COMMISSIONER).get(URL).status_code == 200


def test_each_line_counts_its_events_and_its_carers(commissioner, region):
    people = [carer(region, n) for n in range(6)]
    for person in people:
        event(EventKind.CONTACT_LOGGED, person)
        event(EventKind.CONTACT_LOGGED, person)
        event(EventKind.REFERRAL_SENT, person)
    event(EventKind.CONTACT_LOGGED)  # a caller with no record: an event, not a carer
    for person in people[:5]:
        event(EventKind.BREAK_DELIVERED, person, minutes=120, pence=5000, type="regular")
        event(EventKind.BREAK_DELIVERED, person, minutes=60, pence=1000, type="replacement_home")

    page = Page(commissioner.get(URL, Q1))

    information = table(page, "Information and advice")
    assert information[0][:3] == ["Carers given information and advice", "13", "6"]
    assert information[1][:3] == ["Contacts logged", "13", "6"]
    breaks = table(page, "Short breaks and replacement care")
    assert breaks[0][:5] == ["Short breaks delivered", "5", "5", "10", "£250.00"]
    assert breaks[1][:5] == ["Replacement care episodes", "5", "5", "5", "£50.00"]
    assert table(page, "Referrals to partners")[0][:3] == ["Referrals made", "6", "6"]


def test_small_numbers_of_carers_are_hidden_with_their_hours(commissioner, region):
    person = carer(region, 1)
    event(EventKind.BREAK_DELIVERED, person, minutes=120, pence=5000, type="regular")

    row = table(Page(commissioner.get(URL, Q1)), "Short breaks and replacement care")[0]

    assert row[:5] == ["Short breaks delivered", "fewer than 5", "fewer than 5", "not shown", "not shown"]


def test_every_breakdown_adds_up_to_the_carers_counted(commissioner, region):
    kinds = [
        dict(dob=date(1960, 1, 1), sex="female", ethnic_group="white_british", postcode="AF1 2AB"),
        dict(dob=date(LAST_YEAR - 12, 1, 1), sex="male", postcode="AF2 3CD"),
        dict(dob=None, parent=True, postcode=""),
        dict(dob=date(1990, 6, 1), sex="female", ethnic_group="asian_indian", postcode="af13xy"),
    ]
    people = []
    for n in range(20):
        person = carer(region, n, **kinds[n % 4])
        people.append(person)
        event(EventKind.CARER_IDENTIFIED, person)
    other = Person.objects.create(given_name="Cared", family_name="For", area=region["areas"]["afon"])
    CaringRelationship.objects.create(carer=people[0], cared_for=other, relationship="parent", census_band="50_or_more")
    CaringRelationship.objects.create(carer=people[4], cared_for=other, relationship="parent", hours_per_week=12)

    figures = activity.activity_figures(Period(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31)))
    assert figures.lines["identified"].carers == 20
    for key in activity.BREAKDOWNS:
        grouped = activity.activity_figures(Period(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31)), breakdown=key)
        column = grouped.breakdown.cells["identified"]
        assert sum(column.values()) == 20, key

    by_group = activity.activity_figures(Period(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31))).breakdown
    assert dict(by_group.cells["identified"]) == {"adult_carer": 10, "young_carer": 5, "parent_carer": 5}
    district = activity.activity_figures(Period(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31)), breakdown="district")
    assert dict(district.breakdown.cells["identified"]) == {"AF1": 10, "AF2": 5, "not_recorded": 5}
    hours = activity.activity_figures(Period(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31)), breakdown="hours_band")
    assert dict(hours.breakdown.cells["identified"]) == {"50_or_more": 1, "10_to_19": 1, "not_recorded": 18}

    page = Page(commissioner.get(URL, {**Q1, "breakdown": "sex"}))
    rows = table(page, "Carers by sex")
    assert ["Not recorded", "fewer than 5"] != rows[-2][:2]
    assert rows[-1][:3] == ["Total", "0", "20"]


def test_new_carers_by_source(commissioner, region, make_user):
    worker = make_user(Role.FRONT_DOOR)
    sources = [(Channel.GP, CallerRole.PROFESSIONAL), (Channel.PHONE, CallerRole.CARER),
               (Channel.SCHOOL, CallerRole.PROFESSIONAL)]
    for n in range(15):
        person = carer(region, n)
        channel, role = sources[n % 3]
        contact = Contact.objects.create(channel=channel, caller_role=role, recorded_by=worker, person=person)
        event(EventKind.CARER_IDENTIFIED, person, contact_id=contact.pk, carer_type="adult_carer")
    for n in range(5):
        event(EventKind.CARER_IDENTIFIED, carer(region, 100 + n), contact_id=None, self_assessment_id=n + 1)

    rows = table(Page(commissioner.get(URL, Q1)), "New carers identified, by source")

    assert ["GP practice", "5"] in rows and ["School or college", "5"] in rows
    assert ["The carer themselves", "5"] in rows and ["Online self-assessment", "5"] in rows
    assert rows[-1] == ["Total", "20"]


def test_one_area_or_all_areas(commissioner, region):
    for n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, n, area="afon"))
        event(EventKind.REFERRAL_SENT, carer(region, 10 + n, area="marches"))
        event(EventKind.REFERRAL_SENT, carer(region, 20 + n, area="marches"))

    everywhere = table(Page(commissioner.get(URL, Q1)), "Referrals to partners")[0]
    afon = table(Page(commissioner.get(URL, {**Q1, "area": region["areas"]["afon"].pk})), "Referrals to partners")[0]

    assert everywhere[:3] == ["Referrals made", "15", "15"] and afon[:3] == ["Referrals made", "5", "5"]


def test_last_financial_year_is_a_ready_made_period(commissioner, region):
    start, end = measures.previous_financial_year_bounds(timezone.localdate())
    for _n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, _n), when=at(start, 0))
        event(EventKind.REFERRAL_SENT, carer(region, 10 + _n), when=at(end, 23))
        event(EventKind.REFERRAL_SENT, carer(region, 20 + _n), when=at(date(end.year, 4, 1), 0))

    page = Page(commissioner.get(URL, {"period": "last_year"}))

    assert table(page, "Referrals to partners")[0][:2] == ["Referrals made", "10"]
    assert f"{start:%-d %B %Y} to {end:%-d %B %Y}" in page.text


def test_trends_over_eight_quarters_as_a_chart_and_a_table(commissioner, region):
    for n in range(7):
        event(EventKind.CARER_IDENTIFIED, carer(region, n), when=at(date(LAST_YEAR, 2, 1)))
    event(EventKind.CARER_IDENTIFIED, carer(region, 50), when=at(date(LAST_YEAR - 1, 5, 1)))

    page = Page(commissioner.get(URL, Q1))

    rows = table(page, "Trends over the last eight quarters")
    assert len(rows) == 8
    assert rows[-1][0] == f"Q4 {LAST_YEAR - 1}-{LAST_YEAR % 100:02d}" and rows[-1][2] == "7"
    assert ["fewer than 5"] == [r[2] for r in rows if r[0] == f"Q1 {LAST_YEAR - 1}-{LAST_YEAR % 100:02d}"]
    assert page.find_all("svg") and "New carers identified in each quarter" in page.text


def test_the_numbers_open_the_events_behind_them(client_for, region, make_carer):
    manager = client_for(Role.TEAM_MANAGER)
    mine = make_carer()
    for _n in range(5):
        event(EventKind.REFERRAL_SENT, mine)
    outside = carer(region, 1, area="marches")
    event(EventKind.REFERRAL_SENT, outside)

    page = Page(manager.get(URL, Q1))
    link = [href for href in page.links() if "line=referrals_sent" in href]
    assert link
    drill = manager.get(link[0])
    text = Page(drill).text

    assert "6 events, newest first." in text
    assert text.count("Ann Testcarer") == 5 and "A carer you do not work with" in text and "Carer1" not in text
    assert AccessEvent.objects.filter(person_ref=mine.pk).count() == 1


def test_commissioners_see_no_names_and_no_list_of_a_few_events(commissioner, region, make_carer):
    person = make_carer()
    for _n in range(5):
        event(EventKind.REFERRAL_SENT, person)
    event(EventKind.REFERRAL_DECLINED, person)

    listed = Page(commissioner.get("/figures/activity/events/", {**Q1, "line": "referrals_sent"})).text
    few = Page(commissioner.get("/figures/activity/events/", {**Q1, "line": "referrals_declined"})).text

    assert "5 events" in listed and "Ann" not in listed and "Names are not shown" in listed
    assert "Fewer than 5 events" in few
    assert not AccessEvent.objects.exists()
    assert commissioner.get("/figures/activity/events/", {**Q1, "line": "nothing"}).status_code == 302


def test_every_table_downloads_as_csv_and_xlsx(commissioner, region):
    for n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, n))

    csv_rows = read_csv(commissioner.get("/figures/activity/activity-figures.csv", Q1))
    xlsx = commissioner.get("/figures/activity/activity-figures.xlsx", Q1)

    titles = {row[0] for row in csv_rows if row}
    assert {"Referrals to partners", "New carers identified, by source", "Trends over the last eight quarters",
            "Carers by carer group"} <= titles
    assert ["Referrals made", "5", "5", "", "", str(activity.BY_KEY["referrals_sent"].definition)] in csv_rows
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) == len(activity.SECTIONS) + 6


def test_the_team_figures_download_as_xlsx_too(commissioner, region):
    response = commissioner.get("/figures/assessment-figures.xlsx", Q1)
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    assert commissioner.get("/figures/assessment-figures.csv", Q1).status_code == 200


def test_a_bad_breakdown_is_explained(commissioner, region):
    page = Page(commissioner.get(URL, {**Q1, "breakdown": "shoe_size"}))
    assert "Choose what to break carers down by from the list" in page.text


def test_events_recorded_before_a_key_existed_still_count_where_the_definition_says(region):
    for n in range(5):
        person = carer(region, n)
        event(EventKind.PLAN_AGREED, person)  # before "first_for_assessment" was recorded: a first plan
        event(EventKind.PLAN_AGREED, person, first_for_assessment=False)
        event(EventKind.BREAK_DELIVERED, person, minutes=60)  # no type: a short break, not replacement care
        event(EventKind.CONTINGENCY_PLAN_WRITTEN, person)
        event(EventKind.CONTINGENCY_PLAN_WRITTEN, person, new=1)

    lines = activity.activity_figures(Period(date(LAST_YEAR, 1, 1), date(LAST_YEAR, 3, 31))).lines

    assert (lines["plans"].number, lines["first_plans"].number) == (10, 5)
    assert (lines["breaks"].number, lines["replacement"].number, lines["breaks"].minutes) == (5, 0, 300)
    assert (lines["contingency_new"].number, lines["contingency_updated"].number) == (5, 5)
