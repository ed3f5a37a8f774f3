"""Signposting counted by service on the figures page and in its CSV: from the ``signposted`` events
alone, through disclosure control, in one bounded query."""

import csv
import io

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.reporting import figures
from carershub.signposting import services
from carershub.signposting.models import Source
from tests.pages import Page
from tests.reporting.test_figures import table

URL, CSV_URL = "/figures/", "/figures/assessment-figures.csv"


def _pick(carer, actor, *, service=None, not_listed=""):
    services.signpost(services.Origin(Source.RECORD, person=carer), actor=actor, service=service, not_listed=not_listed)


def _picks(make_user, make_carer, make_service):
    worker = make_user(Role.FRONT_DOOR)
    cuppa, walk = make_service("Afon Carers Cuppa"), make_service("Monday walk", organisation="Walkers")
    carers = [make_carer(given=f"Carer{n}", family="Counted") for n in range(6)]
    for carer in carers:
        _pick(carer, worker, service=cuppa)
    _pick(carers[0], worker, service=cuppa)  # the same carer again: seven times, six carers
    _pick(carers[1], worker, service=walk)
    _pick(carers[2], worker, service=walk)
    _pick(carers[3], worker, not_listed="Bryn's private phone number, 07700 900123")
    return cuppa, walk


def test_the_figures_count_signposting_by_service_with_small_numbers_hidden(client_for, make_user, make_carer, make_service):
    _picks(make_user, make_carer, make_service)
    manager = client_for(Role.TEAM_MANAGER)

    page = Page(manager.get(URL))
    rows = table(page, "Signposted, by service")

    assert rows == [
        ["Afon Carers Cuppa", "7", "6"],
        ["Monday walk", "fewer than 5", "fewer than 5"],
        ["Not listed in the directory", "fewer than 5", "fewer than 5"],
    ]
    # What was typed for a service not listed is never published.
    assert "07700" not in page.text and "Bryn" not in page.text


def test_the_csv_has_the_same_rows(client_for, make_user, make_carer, make_service):
    _picks(make_user, make_carer, make_service)
    commissioner = client_for(Role.COMMISSIONER)

    response = commissioner.get(CSV_URL)
    rows = [row for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) if row[0] == "Signposted, by service"]

    assert rows[:2] == [
        ["Signposted, by service", "Afon Carers Cuppa", "Times signposted", "7"],
        ["Signposted, by service", "Afon Carers Cuppa", "Carers", "6"],
    ]
    assert ["Signposted, by service", "Monday walk", "Times signposted", "fewer than 5"] in rows
    assert "07700" not in response.content.decode("utf-8-sig")


def test_an_area_counts_only_its_own_carers(make_user, make_carer, make_service, region):
    worker = make_user(Role.FRONT_DOOR)
    cuppa = make_service()
    _pick(make_carer(given="In", family="Afon"), worker, service=cuppa)
    _pick(make_carer(given="In", family="Marches", area=region["areas"]["marches"]), worker, service=cuppa)
    today = timezone.localdate()
    period = figures.Period(today, today)

    [afon] = figures.team_figures(period, region["areas"]["afon"]).signposted
    [everywhere] = figures.team_figures(period).signposted

    assert (afon.label, afon.number, afon.carers) == ("Afon Carers Cuppa", 1, 1)
    assert (everywhere.number, everywhere.carers) == (2, 2)


def test_counting_by_service_is_one_query_however_many_services(make_user, make_carer, make_service, django_assert_num_queries):
    worker = make_user(Role.FRONT_DOOR)
    carer = make_carer()
    for n in range(8):
        _pick(carer, worker, service=make_service(f"Service {n}", organisation=f"Provider {n}"))
    today = timezone.localdate()

    with django_assert_num_queries(1):
        lines = figures._signposted(figures.Period(today, today), None)

    assert sorted(line.label for line in lines) == [f"Service {n}" for n in range(8)]
    assert all(line.number == 1 for line in lines)


def test_only_signposted_events_count(make_user, make_carer, make_service, front_door):
    # A pick written straight to the table, without its event, is not counted: the figures read events.
    from carershub.signposting.models import Signpost

    Signpost.objects.create(service=make_service(), person=make_carer(), signposted_by=front_door.user)
    today = timezone.localdate()

    assert figures._signposted(figures.Period(today, today), None) == []
