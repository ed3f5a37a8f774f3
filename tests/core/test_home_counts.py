"""The home page's queue counts: kept for a minute, counted again by the worker, never waited for twice.

Decision 63. Tests run Django's tasks at once (the immediate backend), so "the worker counts
them" happens before the page answers; what each page shows is still the kept counts, as it is
in production, where the worker finishes later.
"""

import re
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carershub.accounts.models import Role
from carershub.core import tasks
from tests.accounts.test_sign_in import sign_in_with_password
from tests.conftest import totp_code
from tests.pages import Page

UNLINKED = "Contacts not yet linked to a record"


@pytest.fixture
def keeping(settings, monkeypatch):
    """Counts kept as in production, and every count as slow as a council's at a million carers."""
    from carershub.core import workqueues

    settings.CARERSHUB_QUEUE_COUNT_SECONDS = 60
    settings.CARERSHUB_QUEUE_COUNT_STALE_SECONDS = 600
    monkeypatch.setattr(workqueues, "INLINE_SECONDS", 0)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """Move time.time() (and with it the cache's expiry) on by a number of seconds."""
    real = time.time
    offset = [0.0]
    monkeypatch.setattr(time, "time", lambda: real() + offset[0])

    def _move(seconds):
        offset[0] += seconds

    return _move


def unlinked(client, label=UNLINKED) -> tuple[int, list[str]]:
    """The unlinked-contacts count on the home page, and the counting statements the page sent."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    text = " ".join(Page(response).text.split())
    after = text[text.index(label) + len(label) :]
    number = re.match(r"\s*(\d+)", after).group(1)  # the queue's row: its name, then how many wait
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT")]
    return int(number), counts


def test_counts_a_minute_old_are_shown_while_the_worker_counts_them_again(
    keeping, clock, client_for, make_contact
):
    front_door = client_for(Role.FRONT_DOOR)
    before, _ = unlinked(front_door)
    make_contact()

    clock(90)
    shown, counted_while_waiting = unlinked(front_door)
    assert shown == before, "the page shows what was kept"

    after, counts = unlinked(front_door)
    assert after == before + 1, "the worker's new counts are kept"
    assert not counts, "and read from the cache, not counted while the page waits"
    assert counted_while_waiting, "the (here immediate) worker counted during that request"


def test_the_worker_is_asked_at_most_once_a_minute(keeping, clock, client_for, make_contact):
    front_door = client_for(Role.FRONT_DOOR)
    unlinked(front_door)
    clock(90)
    unlinked(front_door)  # stale: the worker counts (here, at once)
    make_contact()
    clock(61)  # the worker's counts are a minute old; asking again is allowed
    _, asked = unlinked(front_door)
    assert asked
    clock(1)

    _, counts = unlinked(front_door)

    assert not counts, "fresh again: nothing counted"


def test_counts_older_than_the_limit_are_counted_while_the_page_waits(keeping, clock, client_for, make_contact):
    front_door = client_for(Role.FRONT_DOOR)
    before, _ = unlinked(front_door)
    make_contact()
    clock(601)

    shown, counts = unlinked(front_door)

    assert shown == before + 1 and counts


def test_counts_quick_to_count_are_counted_again_while_the_page_waits(
    keeping, clock, client_for, make_contact, monkeypatch
):
    from carershub.core import workqueues

    monkeypatch.setattr(workqueues, "INLINE_SECONDS", 60)  # a small region, or the demo without a worker
    front_door = client_for(Role.FRONT_DOOR)
    before, _ = unlinked(front_door)
    make_contact()
    clock(30)
    assert unlinked(front_door) == (before, []), "within the minute: kept"
    clock(31)

    shown, counts = unlinked(front_door)

    assert shown == before + 1 and counts


def test_without_keeping_every_home_page_counts(settings, client_for, make_contact):
    settings.CARERSHUB_QUEUE_COUNT_SECONDS = 0
    front_door = client_for(Role.FRONT_DOOR)
    before, counts = unlinked(front_door)
    make_contact()

    after, counts_again = unlinked(front_door)

    assert after == before + 1 and counts and counts_again


def test_the_first_home_page_after_signing_in_waits_for_no_count(keeping, client, make_user):
    user = make_user(Role.FRONT_DOOR)
    user.preferred_language = "cy"
    user.save()

    sign_in_with_password(client, user.username)  # the worker counts while the code is typed
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302

    count, counts = unlinked(client, label="Cysylltiadau sydd heb eu cysylltu â chofnod eto")
    assert count == 0 and not counts, "counted in Welsh, the language of the user's first page"


def test_a_wrong_password_counts_nothing(keeping, client, make_user):
    user = make_user(Role.FRONT_DOOR)

    with CaptureQueriesContext(connection) as captured:
        sign_in_with_password(client, user.username, password="not the password")

    assert not [q for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT")]


def test_the_worker_keeps_nothing_for_an_account_no_longer_active(keeping, make_user):
    user = make_user(Role.FRONT_DOOR)
    user.is_active = False
    user.save()

    assert tasks.count_home_items.call(user.pk, "en-gb") == 0
    assert tasks.count_home_items.call(user.pk + 1000, "en-gb") == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's parallel query")
@pytest.mark.django_db(transaction=True)  # the task's own transaction, as in the worker
def test_the_worker_counts_on_one_core(keeping, make_user, monkeypatch):
    from carershub.core import workqueues

    seen = []

    def provider(user):
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            seen.append(cursor.fetchone()[0])
        return []

    monkeypatch.setattr(workqueues, "_providers", [provider])
    tasks.count_home_items.call(make_user(Role.FRONT_DOOR).pk, "en-gb")

    assert seen == ["0"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] != "0", "only for the count"


def test_colleagues_share_a_council_queues_count_and_other_councils_count_their_own(
    keeping, client_for, new_client, make_user, region
):
    from carershub.partnership.models import Organisation

    other_council = Organisation.objects.create(
        name="Test Marches Council", kind=Organisation.Kind.COUNCIL, sector=Organisation.Sector.STATUTORY,
        area=region["areas"]["marches"],
    )
    client_for(Role.PRACTITIONER).get("/")
    colleague = new_client(make_user(Role.PRACTITIONER))
    elsewhere = new_client(make_user(Role.PRACTITIONER, organisation=other_council))

    def plan_counts(client):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return [q for q in captured.captured_queries if '"assessments_supportplan"' in q["sql"]]

    assert not plan_counts(colleague), "the colleague's review counts came from the practitioner's"
    assert len(plan_counts(elsewhere)) == 2, "another council counts its own (overdue, due soon)"
