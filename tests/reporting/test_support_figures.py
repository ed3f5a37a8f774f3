"""Support delivered on the figures page: counted from the support apps' events, small numbers hidden."""

from datetime import date

import pytest

from carershub.activity.models import Event, EventKind
from carershub.core import amounts
from carershub.reporting import figures
from carershub.accounts.models import Role
from tests.reporting.test_figures import CSV_URL, URL, at, custom, read_csv, table
from tests.pages import Page

DAY = date(2026, 5, 14)
PERIOD = custom(date(2026, 4, 1), date(2026, 6, 30))


def delivered(carers, *, each=1, minutes=0, pence=0, kind=EventKind.BREAK_DELIVERED, when=DAY, area=None):
    for carer in carers:
        for _ in range(each):
            Event.objects.create(kind=kind, occurred_at=at(when), person=carer, area=area,
                                 data={"minutes": minutes, "pence": pence})


@pytest.fixture
def manager(client_for):
    return client_for(Role.TEAM_MANAGER)


@pytest.fixture
def six_carers(make_carer):
    return [make_carer(given=f"Figure{n}", family="Supportcarer") for n in range(6)]


def support_row(page, label):
    return next(row for row in table(page, "Support delivered") if row[0] == label)


def test_breaks_delivered_count_the_breaks_their_carers_their_hours_and_their_cost(manager, six_carers):
    delivered(six_carers, each=2, minutes=150, pence=12_050)
    delivered(six_carers[:1], minutes=60, pence=100, when=date(2026, 7, 1))  # after the period

    page = Page(manager.get(URL, PERIOD))

    assert support_row(page, "Short breaks delivered") == ["Short breaks delivered", "12", "6", "30", "£1,446.00"]


def test_a_line_from_fewer_than_five_carers_hides_its_carers_and_its_hours_and_money(manager, six_carers):
    delivered(six_carers[:2], each=3, minutes=90, pence=5_000)

    page = Page(manager.get(URL, PERIOD))

    number, carers, hours, money = support_row(page, "Short breaks delivered")[1:]
    assert number == "6"
    assert carers == "fewer than 5"
    assert hours == money == "not shown"
    assert "Some numbers are not shown" in page.text


def test_every_kind_of_support_has_its_line_once_anything_was_delivered(manager, six_carers):
    delivered(six_carers, kind=EventKind.INFORMATION_PACK_ISSUED)

    page = Page(manager.get(URL, PERIOD))

    rows = table(page, "Support delivered")
    assert [row[0] for row in rows] == [str(label) for _kind, label, *_ in figures.SUPPORT_LINES]
    assert [row for row in rows if row[1:3] != ["0", "0"]] == [["Carers information packs issued", "6", "6", "", ""]]


def test_a_period_without_support_says_so(manager):
    page = Page(manager.get(URL, PERIOD))

    assert "Support delivered" in page.text
    assert not [c for c in page.find_all("caption") if c.text() == "Support delivered"]


def test_direct_payments_paid_and_emergency_hours_are_summed_exactly(manager, six_carers):
    delivered(six_carers, kind=EventKind.DIRECT_PAYMENT_PAID, pence=33_333)
    delivered(six_carers, kind=EventKind.EMERGENCY_CLOSED, minutes=45)

    page = Page(manager.get(URL, PERIOD))

    assert support_row(page, "Direct payments paid")[1:] == ["6", "6", "", "£1,999.98"]
    assert support_row(page, "Emergency call-outs completed")[1:] == ["6", "6", "4.5", ""]


def test_the_csv_has_the_same_support_lines_as_the_page(manager, six_carers):
    delivered(six_carers, minutes=120, pence=2_500)

    rows = read_csv(manager.get(CSV_URL, PERIOD))

    support = [row for row in rows if row[0] == "Support delivered" and row[1] == "Short breaks delivered"]
    assert [row[2:] for row in support] == [["Number", "6"], ["Carers", "6"], ["Hours", "12"], ["Money", "£150.00"]]


@pytest.mark.parametrize(("minutes", "words"), [(0, "0"), (30, "0.5"), (2400, "40"), (75_045, "1,250.75")])
def test_hours_are_shown_from_minutes(minutes, words):
    assert amounts.hours(minutes) == words


@pytest.mark.parametrize(("pence", "words"), [(0, "£0.00"), (5, "£0.05"), (123_456_789, "£1,234,567.89"), (-250, "-£2.50")])
def test_money_is_shown_from_whole_pence(pence, words):
    assert amounts.pounds(pence) == words


def test_a_register_corrected_to_did_not_attend_takes_the_attendance_back(manager, six_carers):
    delivered(six_carers, kind=EventKind.SESSION_ATTENDED, minutes=120)
    Event.objects.create(kind=EventKind.SESSION_MISSED, occurred_at=at(DAY), person=six_carers[0],
                         data={"minutes": 120, "corrects": "attended"})
    delivered(six_carers[1:2], kind=EventKind.SESSION_MISSED, minutes=120)  # simply missed: nothing to take back

    page = Page(manager.get(URL, PERIOD))

    assert support_row(page, "Group and course sessions attended")[1:4] == ["5", "6", "10"]
