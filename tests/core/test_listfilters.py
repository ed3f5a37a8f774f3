"""The list filter kit (core/listfilters.py) and the wording of how long something has waited (core/waiting.py).

The lists that use the kit are tested through their pages: tests/contacts/test_contact_list.py,
tests/assessments/test_queue_filters.py and tests/support/test_review_filters.py.
"""

from datetime import date, datetime, timedelta

import pytest
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone, translation

from carershub.accounts.models import Role
from carershub.contacts.models import Contact
from carershub.core import listfilters, waiting
from carershub.core.listfilters import (
    AREA,
    COUNCIL,
    DATES,
    STATUS,
    WORKER,
    ListFilterForm,
    apply_filters,
)
from tests.conftest import imported_packages
from tests.welsh import compile_welsh_catalogue


def plain_gettext(message):
    return message


def plain_ngettext(singular, plural, n):
    return singular if n == 1 else plural


def wait(days_ago, today=date(2026, 6, 15)):
    return waiting.wait_text(today - timedelta(days=days_ago), today, gettext=plain_gettext, ngettext=plain_ngettext)


# --- Waiting, in words (pure) ---------------------------------------------------------------


def test_the_waiting_rules_import_no_django():
    assert "django" not in imported_packages(waiting)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "Less than a day"),
        (1, "1 day"),
        (2, "2 days"),
        (13, "13 days"),
        (14, "2 weeks"),
        (35, "5 weeks"),
        (90, "12 weeks"),
        (91, "3 months"),
        (200, "6 months"),
        (700, "23 months"),
        (731, "2 years"),
        (365 * 5 + 2, "5 years"),
    ],
)
def test_a_wait_is_told_in_the_unit_that_keeps_the_number_small(days, words):
    assert wait(days) == words


def test_a_wait_of_thirteen_weeks_across_february_is_still_three_months():
    # 30 November to 1 March is 91 days but only 2 whole calendar months: the words never go down.
    assert waiting.wait_parts(date(2025, 11, 30), date(2026, 3, 1)) == ("month", 3)
    assert waiting.months_between(date(2026, 1, 31), date(2026, 2, 28)) == 0


def test_something_dated_in_the_future_has_not_waited():
    assert wait(-3) == "Less than a day"


@pytest.mark.parametrize(
    ("days_until", "words"),
    [(-1, "Overdue"), (0, "Today"), (1, "Tomorrow"), (2, "In 2 days"), (27, "In 27 days")],
)
def test_when_something_falls_due(days_until, words):
    today = date(2026, 6, 15)
    assert waiting.due_text(today + timedelta(days=days_until), today, gettext=plain_gettext, ngettext=plain_ngettext) == words


def test_overdue_means_past_the_due_day():
    today = date(2026, 6, 15)
    assert waiting.is_overdue(today - timedelta(days=1), today)
    assert not waiting.is_overdue(today, today)
    assert not waiting.is_overdue(None, today)


def test_a_day_range_includes_its_last_day():
    assert waiting.day_range(date(2026, 3, 1), date(2026, 3, 31)) == (date(2026, 3, 1), date(2026, 4, 1))
    assert waiting.day_range(None, None) == (None, None)
    assert waiting.day_range(None, date.max) == (None, None)


# --- Waiting, in the reader's language ---------------------------------------------------------


@pytest.fixture(scope="module")
def _welsh():
    compile_welsh_catalogue()


@pytest.mark.parametrize(
    ("days", "english", "welsh"),
    [
        (0, "Less than a day", "Llai na diwrnod"),
        (1, "1 day", "1 diwrnod"),
        (2, "2 days", "2 ddiwrnod"),
        (3, "3 days", "3 diwrnod"),
        (8, "8 days", "8 diwrnod"),
        (35, "5 weeks", "5 wythnos"),
        (100, "3 months", "3 mis"),
        (63, "9 weeks", "9 wythnos"),
        (365 * 2 + 1, "2 years", "2 flynedd"),
        (365 * 3 + 1, "3 years", "3 blynedd"),
        (365 * 8 + 2, "8 years", "8 mlynedd"),
    ],
)
def test_the_wait_is_worded_in_english_and_welsh_with_every_welsh_plural(_welsh, days, english, welsh):
    today = date(2026, 6, 15)
    since = today - timedelta(days=days)
    with translation.override("en"):
        assert listfilters.waited(since, today) == english
    with translation.override("cy"):
        assert listfilters.waited(since, today) == welsh


def test_when_something_falls_due_in_welsh(_welsh):
    today = date(2026, 6, 15)
    with translation.override("cy"):
        assert listfilters.due(today + timedelta(days=2), today) == "Ymhen 2 ddiwrnod"
        assert listfilters.due(today, today) == "Heddiw"
        assert listfilters.due(today - timedelta(days=1), today) == "Yn hwyr"


def test_a_time_is_counted_in_local_days():
    # 23:30 on 14 June in London is 22:30 UTC: it came in yesterday, not today.
    today = date(2026, 6, 15)
    late = timezone.make_aware(datetime(2026, 6, 14, 23, 30))
    with translation.override("en"):
        assert listfilters.waited(late, today) == "1 day"
        assert listfilters.waited(None, today) == ""


# --- The form ------------------------------------------------------------------------------



def form_for(user, query="", **kwargs):
    kwargs.setdefault("offer", (COUNCIL, AREA, WORKER, STATUS, DATES))
    kwargs.setdefault("statuses", [("open", "Open"), ("closed", "Closed")])
    return ListFilterForm(QueryDict(query), user=user, **kwargs)


def test_a_council_worker_starts_from_their_own_council(make_user, region, marches_council):
    worker = make_user(Role.PRACTITIONER, organisation="council")

    form = form_for(worker)

    assert form.chosen() == {COUNCIL: region["orgs"]["council"]}
    assert form["council"].value() == str(region["orgs"]["council"].pk)
    assert form.is_default


def test_the_carers_centre_starts_from_every_council(make_user, marches_council):
    centre = make_user(Role.FRONT_DOOR, organisation="centre")

    form = form_for(centre)

    assert form.chosen() == {}
    assert form["council"].value() == listfilters.ALL_COUNCILS


def test_all_councils_and_another_council_are_chosen_explicitly(make_user, marches_council):
    worker = make_user(Role.PRACTITIONER, organisation="council")

    assert form_for(worker, "council=all").chosen() == {}
    assert not form_for(worker, "council=all").is_default
    assert form_for(worker, f"council={marches_council.pk}").chosen() == {COUNCIL: marches_council}


@pytest.mark.parametrize("council", ["abc", "999999", "", "1e400"])
def test_a_council_not_on_the_list_is_an_error_and_the_default_still_applies(make_user, region, council):
    worker = make_user(Role.PRACTITIONER, organisation="council")

    form = form_for(worker, f"council={council}")

    assert "council" in form.errors or council == ""
    assert form.chosen().get(COUNCIL) == region["orgs"]["council"]


def test_only_councils_are_offered(make_user, region, marches_council):
    form = form_for(make_user(Role.FRONT_DOOR))

    offered = [value for value, _label in form.fields["council"].choices]

    assert offered == [listfilters.ALL_COUNCILS, str(region["orgs"]["council"].pk), str(marches_council.pk)]  # by name


def test_the_workers_offered_are_the_users_colleagues(make_user, region):
    worker = make_user(Role.PRACTITIONER, organisation="council")
    colleague = make_user(Role.TEAM_MANAGER, organisation="council")
    elsewhere = make_user(Role.FRONT_DOOR, organisation="centre")

    form = form_for(worker)
    offered = dict(form.fields["worker"].choices)

    assert set(offered) == {"", str(worker.pk), str(colleague.pk)}
    assert offered[str(worker.pk)].endswith("(you)")
    assert form_for(worker, f"worker={colleague.pk}").chosen()[WORKER] == colleague
    outsider = form_for(worker, f"worker={elsewhere.pk}")
    assert "worker" in outsider.errors and WORKER not in outsider.chosen()


def test_a_status_not_offered_is_an_error(make_user):
    form = form_for(make_user(Role.FRONT_DOOR), "status=deleted")

    assert form.errors["status"] == ["Select an option from the list"]
    assert STATUS not in form.chosen()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from_day=31&from_month=2&from_year=2026", "from", "Start date must be a real date"),
        ("from_day=1&from_year=2026", "from", "Start date must include a month"),
        ("to_day=1&to_month=1&to_year=99999999999999999999", "to", "End date must be a real date"),
        ("from_day=2&from_month=3&from_year=2026&to_day=1&to_month=3&to_year=2026", "to",
         "End date must be the same as or after the start date"),
    ],
)
def test_bad_dates_are_errors_on_the_field(make_user, query, field, message):
    form = form_for(make_user(Role.FRONT_DOOR), query)

    assert form.errors[field] == [message]
    assert DATES not in form.chosen() or field == "to"


def test_a_filter_the_kit_does_not_know_is_refused(make_user):
    with pytest.raises(ValueError):
        form_for(make_user(Role.FRONT_DOOR), offer=(COUNCIL, "colour"))
    with pytest.raises(ValueError):
        apply_filters(Contact.objects.all(), form_for(make_user(Role.FRONT_DOOR)), colour="colour")


def test_a_date_range_on_a_date_and_time_is_whole_local_days(make_user, make_contact):
    user = make_user(Role.FRONT_DOOR)
    tz = timezone.get_current_timezone()
    first_thing = make_contact(received_at=datetime(2026, 3, 1, 0, 5, tzinfo=tz))
    last_thing = make_contact(received_at=datetime(2026, 3, 31, 23, 55, tzinfo=tz))
    make_contact(received_at=datetime(2026, 2, 28, 23, 55, tzinfo=tz))
    make_contact(received_at=datetime(2026, 4, 1, 0, 5, tzinfo=tz))
    form = form_for(user, "from_day=1&from_month=3&from_year=2026&to_day=31&to_month=3&to_year=2026")

    found = apply_filters(Contact.objects.all(), form, dates="received_at")

    assert set(found) == {first_thing, last_thing}


def test_a_filter_the_list_does_not_name_is_not_applied(make_user, make_contact):
    user = make_user(Role.FRONT_DOOR)
    contact = make_contact()
    form = form_for(user, "status=open")

    assert list(apply_filters(Contact.objects.all(), form)) == [contact]
    assert list(apply_filters(Contact.objects.all(), form, status=lambda status: Q(pk__in=[]))) == []
