"""Figures counted once and kept (reporting/prepared.py, decision 50): the activity page reads what was
counted, recounts when events were recorded since, and, where counting is slow, shows the kept
figures saying when they were counted while the background worker counts again."""

import io
import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from carershub.activity.models import EventKind
from carershub.reporting import activity, prepared
from carershub.reporting.models import PreparedFigures
from tests.pages import Page
from tests.reporting.test_activity import LAST_YEAR, Q1, URL, carer, event, table
from tests.welsh import compile_welsh_catalogue, cy

BEING_COUNTED = "Records have been added since then. They are being counted now"
DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}


def referrals(page) -> list[str]:
    return table(page, "Referrals to partners")[0][:3]


@pytest.fixture
def counted(monkeypatch):
    """How many times the activity figures were counted (not read from what was kept)."""
    calls = []
    real = activity.count_for_page

    def counting(choices):
        calls.append(choices)
        return real(choices)

    monkeypatch.setattr(activity, "count_for_page", counting)
    return calls


def test_the_figures_are_counted_once_and_then_read_until_an_event_is_recorded(commissioner, region, counted):
    for n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, n))

    first = Page(commissioner.get(URL, Q1))
    again = Page(commissioner.get(URL, Q1))

    assert referrals(first) == referrals(again) == ["Referrals made", "5", "5"]
    assert len(counted) == 1, "the second view reads the kept figures"
    assert PreparedFigures.objects.filter(name="activity").count() == 1
    assert "Counted at " in again.text and BEING_COUNTED not in again.text

    event(EventKind.REFERRAL_SENT, carer(region, 9))
    after = Page(commissioner.get(URL, Q1))

    assert referrals(after) == ["Referrals made", "6", "6"], "a quick count is redone as soon as anything is recorded"
    assert len(counted) == 2


def test_each_choice_is_kept_on_its_own(commissioner, region, counted):
    for n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, n))
    commissioner.get(URL, Q1)
    commissioner.get(URL, {**Q1, "area": region["areas"]["afon"].pk})
    commissioner.get(URL, {**Q1, "breakdown": "sex"})
    commissioner.get(URL, Q1)

    assert len(counted) == 3
    assert PreparedFigures.objects.filter(name="activity").count() == 3


@override_settings(TASKS=DUMMY_TASKS)
def test_slow_figures_are_shown_as_kept_while_the_worker_counts_them_again(commissioner, region, counted):
    from django.tasks import default_task_backend

    for n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, n))
    commissioner.get(URL, Q1)
    PreparedFigures.objects.update(seconds=30)  # as a year of a million carers takes
    for n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, 10 + n))

    stale = Page(commissioner.get(URL, Q1))
    Page(commissioner.get(URL, Q1))

    assert referrals(stale) == ["Referrals made", "5", "5"], "the kept figures, at once"
    assert BEING_COUNTED in stale.text and "Counted at " in stale.text
    queued = [result for result in default_task_backend.results if result.task.name == "recount"]
    assert len(queued) == 1, "one recount asked, however many times the page is opened"
    name, choices = queued[0].args
    assert (name, choices["area"], choices["breakdown"]) == ("activity", None, "carer_group") and len(counted) == 1

    # The worker runs it.
    prepared.count_now(*queued[0].args)
    fresh = Page(commissioner.get(URL, Q1))

    assert referrals(fresh) == ["Referrals made", "10", "10"] and BEING_COUNTED not in fresh.text


@override_settings(TASKS=DUMMY_TASKS)
def test_figures_older_than_the_limit_are_counted_again_even_with_no_new_event(commissioner, region, counted):
    event(EventKind.REFERRAL_SENT, carer(region, 1))
    commissioner.get(URL, Q1)
    PreparedFigures.objects.update(counted_at=timezone.now() - prepared.MAX_AGE - timedelta(minutes=1))

    commissioner.get(URL, Q1)

    assert len(counted) == 2


def test_the_recount_task_keeps_what_it_counted(region, caplog):
    from carershub.core.logformat import JsonFormatter
    from carershub.reporting import tasks

    event(EventKind.REFERRAL_SENT, carer(region, 1))
    choices = {"start": "2000-04-01", "end": "2100-03-31", "area": None, "breakdown": "carer_group"}

    result = tasks.recount.enqueue("activity", choices)  # tests run tasks as they are enqueued

    kept = PreparedFigures.objects.get(name="activity", key=prepared.key_of(choices))
    assert result.return_value == kept.key
    assert kept.data["lines"]["referrals_sent"][:2] == [1, 1]
    record = next(r for r in caplog.records if r.getMessage().startswith("figures counted"))
    line = json.loads(JsonFormatter().format(record))
    assert f"activity {kept.key} in " in line["message"], "the JSON line says which figures"


def test_kept_figures_hold_codes_so_each_reader_sees_their_own_language(commissioner, region, counted):
    compile_welsh_catalogue()
    for n in range(5):
        event(EventKind.CARER_IDENTIFIED, carer(region, n), contact_id=None, self_assessment_id=n + 1)
    english = Page(commissioner.get(URL, Q1))
    user = commissioner.user
    user.preferred_language = "cy"
    user.save()

    welsh = Page(commissioner.get(URL, Q1))

    assert len(counted) == 1, "counted in English, read in Welsh"
    assert ["Online self-assessment", "5"] in table(english, "New carers identified, by source")
    assert [cy("Online self-assessment"), "5"] in table(welsh, cy("New carers identified, by source"))


def test_prepare_figures_counts_the_usual_choices_ahead_of_the_commissioners(commissioner, region, counted):
    from django.core.management import call_command

    for n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, n))
    out = io.StringIO()

    call_command("prepare_figures", stdout=out)

    usual = prepared.usual_choices(timezone.localdate())
    assert f"Counted {len(usual)} figures" in out.getvalue()
    assert PreparedFigures.objects.count() == len(usual)
    assert {"activity", "coverage", "statutory", "client-level-data"} <= {name for name, _c in usual}
    before = len(counted)
    commissioner.get(URL, {"period": "last_quarter"})
    commissioner.get(URL, {"period": "this_year", "area": region["areas"]["afon"].pk})
    commissioner.get("/figures/coverage/")
    assert len(counted) == before, "the pages read what was counted ahead"
    assert PreparedFigures.objects.count() == len(usual)


def test_coverage_and_money_read_one_kept_count_of_known_carers(commissioner, region, monkeypatch):
    from carershub.reporting.coverage import services as coverage

    calls = []
    real = coverage.count_known_carers
    monkeypatch.setattr(coverage, "count_known_carers", lambda choices: calls.append(choices) or real(choices))
    for n in range(6):
        carer(region, n)

    assert commissioner.get("/figures/coverage/").status_code == 200
    assert commissioner.get("/figures/money/").status_code == 200
    assert commissioner.get("/figures/coverage/").status_code == 200

    assert len(calls) == 1
    assert coverage.kept_known_carers(timezone.localdate())[0][region["areas"]["afon"].pk] == {"not_recorded": 6}


FIRST_COUNT = "These figures are being counted. For a large region this can take a few minutes"


@override_settings(TASKS=DUMMY_TASKS)
def test_a_new_choice_of_a_slow_counting_goes_to_the_worker_and_the_page_says_so(commissioner, region, counted):
    from django.tasks import default_task_backend

    for n in range(5):
        event(EventKind.REFERRAL_SENT, carer(region, n))
    commissioner.get(URL, Q1)
    PreparedFigures.objects.update(seconds=30)  # this region's activity has been slow to count
    afon = {**Q1, "area": region["areas"]["afon"].pk}

    waiting = Page(commissioner.get(URL, afon))
    commissioner.get(URL, afon)
    download = commissioner.get("/figures/activity/activity-figures.csv", afon)

    assert FIRST_COUNT in waiting.text and not waiting.find_all("table")
    assert download["Content-Type"].startswith("text/html"), "no file of figures not yet counted"
    queued = [r for r in default_task_backend.results if r.task.name == "recount"]
    assert len(queued) == 1 and len(counted) == 1

    prepared.count_now(*queued[0].args)  # the worker
    shown = Page(commissioner.get(URL, afon))

    assert FIRST_COUNT not in shown.text and referrals(shown) == ["Referrals made", "5", "5"]


@override_settings(TASKS=DUMMY_TASKS)
def test_statutory_returns_and_coverage_wait_for_the_worker_the_same_way(commissioner, region):
    commissioner.get("/figures/returns/")
    commissioner.get("/figures/coverage/")
    PreparedFigures.objects.update(seconds=300)

    returns = Page(commissioner.get("/figures/returns/", {"period": "last_quarter"}))
    coverage = Page(commissioner.get("/figures/coverage/", {"as_of_day": "1", "as_of_month": "4", "as_of_year": "2025"}))

    assert FIRST_COUNT in returns.text and not returns.find_all("table")
    assert FIRST_COUNT in coverage.text and not coverage.find_all("table")


def test_figures_nobody_opened_for_months_are_forgotten_by_the_nightly_command(commissioner, region):
    from django.core.management import CommandError, call_command

    commissioner.get(URL, Q1)
    PreparedFigures.objects.update(counted_at=timezone.now() - timedelta(days=91))
    out = io.StringIO()

    call_command("prepare_figures", stdout=out)

    assert "Forgot 1 figures not opened for 90 days." in out.getvalue()
    assert not PreparedFigures.objects.filter(key=prepared.key_of(
        {"start": f"{LAST_YEAR}-01-01", "end": f"{LAST_YEAR}-03-31", "area": None, "breakdown": "carer_group"})).exists()
    with pytest.raises(CommandError):
        call_command("prepare_figures", "--keep-days", "0")
