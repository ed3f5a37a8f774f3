"""A KPI's actual: counted from the quarter's events for the contract's provider and/or areas, or
taken from the provider's return once it is submitted."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.reporting.monitoring import rag, services
from carershub.reporting.monitoring.quarters import Quarter
from tests.monitoring.build import QUARTER, counted_kpi, make_contract, reported_kpi, submitted_return

UK = ZoneInfo("Europe/London")
Q1, Q2 = QUARTER, QUARTER.next()


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=UK)


@pytest.fixture
def contract(region):
    return make_contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["partner"],
                         areas=[region["areas"]["afon"]])


def event(kind, when, *, organisation=None, area=None, **data):
    return Event.objects.create(kind=kind, occurred_at=when, organisation=organisation, area=area, data=data)


def cells(contract, kpi, quarters=(Q1, Q2)):
    rows = services.grid([contract], list(quarters), today=datetime.date(2026, 1, 1))[contract.pk]
    return next(row for row in rows if row.kpi.pk == kpi.pk).cells


def test_provider_scope_counts_the_providers_events_in_the_quarter_only(region, contract):
    partner, centre, afon, marches = (region["orgs"]["partner"], region["orgs"]["centre"], region["areas"]["afon"],
                                      region["areas"]["marches"])
    kpi = counted_kpi(contract, scope="provider")
    for _ in range(6):
        event(EventKind.CARER_IDENTIFIED, at(2025, 5, 10), organisation=partner, area=afon)
    event(EventKind.CARER_IDENTIFIED, at(2025, 5, 10), organisation=partner, area=marches)  # any area
    event(EventKind.CARER_IDENTIFIED, at(2025, 5, 10), organisation=centre, area=afon)  # another organisation
    event(EventKind.CONTACT_LOGGED, at(2025, 5, 10), organisation=partner, area=afon)  # another kind
    event(EventKind.CARER_IDENTIFIED, at(2025, 8, 1), organisation=partner, area=afon)  # the next quarter

    first, second = cells(contract, kpi)

    assert first.actual == 7 and second.actual == 1
    assert first.status == rag.RED  # target 10, amber from 8: 7 is red

def test_the_quarter_ends_at_midnight_uk_time(region, contract):
    partner = region["orgs"]["partner"]
    kpi = counted_kpi(contract, scope="provider")
    event(EventKind.CARER_IDENTIFIED, at(2025, 6, 30, 23, 30), organisation=partner)  # 22:30 UTC, still June
    event(EventKind.CARER_IDENTIFIED, at(2025, 7, 1, 0, 30), organisation=partner)  # 23:30 UTC on 30 June

    first, second = cells(contract, kpi)

    assert (first.actual, second.actual) == (1, 1)


def test_areas_scope_counts_everyones_events_about_carers_in_the_areas(region, contract):
    centre, afon, marches = region["orgs"]["centre"], region["areas"]["afon"], region["areas"]["marches"]
    kpi = counted_kpi(contract, measure="assessments_completed", scope="areas")
    event(EventKind.ASSESSMENT_COMPLETED, at(2025, 4, 2), organisation=centre, area=afon)
    event(EventKind.ASSESSMENT_COMPLETED, at(2025, 4, 2), organisation=None, area=afon)
    event(EventKind.ASSESSMENT_COMPLETED, at(2025, 4, 2), organisation=centre, area=marches)

    assert cells(contract, kpi)[0].actual == 2


def test_a_contract_without_areas_serves_every_area(region):
    everywhere = make_contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["partner"],
                               title="Everywhere")
    kpi = counted_kpi(everywhere, measure="breaks_delivered", scope="areas")
    event(EventKind.BREAK_DELIVERED, at(2025, 4, 2), area=region["areas"]["afon"])
    event(EventKind.BREAK_DELIVERED, at(2025, 4, 2), area=region["areas"]["marches"])

    assert cells(everywhere, kpi)[0].actual == 2


def test_provider_in_areas_needs_both(region, contract):
    partner, centre, afon, marches = (region["orgs"]["partner"], region["orgs"]["centre"], region["areas"]["afon"],
                                      region["areas"]["marches"])
    kpi = counted_kpi(contract, measure="referrals_accepted", scope="provider_in_areas")
    event(EventKind.REFERRAL_ACCEPTED, at(2025, 4, 2), organisation=partner, area=afon)
    event(EventKind.REFERRAL_ACCEPTED, at(2025, 4, 2), organisation=partner, area=marches)
    event(EventKind.REFERRAL_ACCEPTED, at(2025, 4, 2), organisation=centre, area=afon)

    assert cells(contract, kpi)[0].actual == 1


def test_an_attendance_corrected_to_did_not_attend_is_taken_back(region, contract):
    partner = region["orgs"]["partner"]
    kpi = counted_kpi(contract, measure="group_attendances", scope="provider")
    for _ in range(3):
        event(EventKind.SESSION_ATTENDED, at(2025, 4, 2), organisation=partner)
    event(EventKind.SESSION_MISSED, at(2025, 4, 3), organisation=partner, corrects="attended")
    event(EventKind.SESSION_MISSED, at(2025, 4, 3), organisation=partner)  # simply missed: nothing to take back

    assert cells(contract, kpi)[0].actual == 2


def test_small_counts_read_fewer_than_5_but_zero_is_shown(region, contract):
    kpi = counted_kpi(contract, scope="provider")
    event(EventKind.CARER_IDENTIFIED, at(2025, 4, 2), organisation=region["orgs"]["partner"])

    first, second = cells(contract, kpi)

    assert first.shown == "fewer than 5" and first.actual == 1 and first.status == rag.RED
    assert second.shown == "0" and second.status == rag.RED


def test_a_quarter_not_yet_started_is_not_counted(region, contract):
    kpi = counted_kpi(contract, scope="provider")
    later = Quarter(2030, 1)

    cell = services.grid([contract], [later], today=datetime.date(2026, 1, 1))[contract.pk][0].cells[0]

    assert cell.actual is None and cell.status == rag.GREY and kpi


def test_reported_values_count_once_submitted_and_are_provisional_until_accepted(region, contract, make_user):
    kpi = reported_kpi(contract, target=80, tolerance=5)
    worker = make_user(Role.PARTNER_WORKER, organisation="partner")
    manager = make_user(Role.TEAM_MANAGER, organisation="council")
    draft, _new = services.start_return(contract, Q1, actor=worker)
    services.save_draft(draft, expected_version=draft.version, actor=worker, values={kpi.pk: Decimal("76")},
                        narrative="")

    assert cells(contract, kpi)[0].status == rag.GREY  # a draft is not a figure yet

    services.submit(draft, expected_version=draft.version, actor=worker, values={kpi.pk: Decimal("76")},
                    narrative="Survey of 120 carers")
    first = cells(contract, kpi)[0]
    assert (first.actual, first.status, first.provisional, first.shown) == (Decimal("76"), rag.AMBER, True, "76%")

    services.accept(draft, expected_version=draft.version, actor=manager)
    assert cells(contract, kpi)[0].provisional is False


def test_a_return_sent_back_shows_nothing_until_resubmitted(region, contract, make_user):
    kpi = reported_kpi(contract)
    worker = make_user(Role.PARTNER_WORKER, organisation="partner")
    found = submitted_return(contract, worker, values={kpi.pk: Decimal("90")})
    decider = make_user(Role.COMMISSIONER, organisation="council")
    services.send_back(found, expected_version=found.version, actor=decider,
                       reason="Check the survey count")

    assert cells(contract, kpi)[0].status == rag.GREY
