"""Wrong passwords slow the next attempts down; nobody can lock a worker out (accounts/throttling.py).

Per account and address: three wrong passwords are free, then each further attempt from that
address waits 1, 2, 4 ... seconds after the one before, up to five minutes. Per account from
anywhere: after ten wrong passwords, addresses the account has not signed in from recently wait
too, up to three minutes. The worker's own address is not slowed by a stranger's guessing.
Time is moved on with a clock the tests control; nothing sleeps.
"""

import pytest

from carershub.accounts import throttling
from carershub.accounts.models import Role
from tests.conftest import TEST_PASSWORD
from tests.pages import Page

STRANGER, OFFICE = "192.0.2.66", "198.51.100.7"
SPREAD = [f"203.0.113.{n}" for n in range(1, 60)]


class Clock:
    def __init__(self):
        self.now = 1_900_000_000.0

    def __call__(self):
        return self.now

    def move_on(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    moved = Clock()
    monkeypatch.setattr(throttling, "clock", moved)
    return moved


def sign_in(client, login, password=TEST_PASSWORD, address=OFFICE):
    return client.post("/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR=address)


def got_past_the_password(response) -> bool:
    return response.status_code == 302 and response.url == "/accounts/2fa/authenticate/"


def told_to_wait(response) -> str:
    """The message asking to wait, or '' if the password was checked."""
    errors = " ".join(Page(response).error_summary) if response.status_code == 200 else ""
    return errors if "Wait" in errors else ""


def guess(client, login, address, times, clock=None):
    """Wrong passwords, each sent as soon as it may be (moving the clock on by the wait asked)."""
    for _n in range(times):
        response = sign_in(client, login, "a wrong guess 123", address)
        if clock is not None and told_to_wait(response):
            clock.move_on(throttling.WAIT_CAP)
            response = sign_in(client, login, "a wrong guess 123", address)
        assert not told_to_wait(response), told_to_wait(response)
        assert response.status_code == 200


@pytest.fixture
def worker(make_user):
    return make_user(Role.FRONT_DOOR)


def test_the_first_three_attempts_are_checked_at_once(client, worker, clock):
    guess(client, worker.username, STRANGER, 2)

    assert got_past_the_password(sign_in(client, worker.username, address=STRANGER))


def test_after_three_the_next_attempt_from_that_address_waits_and_is_told_how_long(client, worker, clock):
    guess(client, worker.username, STRANGER, 3)
    guess(client, worker.username, STRANGER, 1, clock)  # the fourth: one second after the third

    too_soon = sign_in(client, worker.username, address=STRANGER)

    assert told_to_wait(too_soon) == "Too many wrong passwords have been typed for this account. Wait 2 seconds, then try again."
    assert "_auth_user_id" not in client.session
    clock.move_on(2)
    assert got_past_the_password(sign_in(client, worker.username, address=STRANGER)), "after the wait, the password is checked"


def test_each_wait_doubles_up_to_five_minutes(client, worker, clock):
    guess(client, worker.username, STRANGER, 3)
    waits = []
    for _n in range(11):
        message = told_to_wait(sign_in(client, worker.username, "a wrong guess 123", STRANGER))
        waits.append(message.split("Wait ")[1].split(",")[0])
        clock.move_on(throttling.WAIT_CAP)
        guess(client, worker.username, STRANGER, 1)

    assert waits == [
        "1 second", "2 seconds", "4 seconds", "8 seconds", "16 seconds", "32 seconds", "64 seconds",
        "3 minutes", "5 minutes", "5 minutes", "5 minutes",
    ]


def test_a_stranger_guessing_does_not_stop_the_worker_at_their_own_address(client, new_client, worker, clock):
    assert got_past_the_password(sign_in(new_client(), worker.username, address=OFFICE))  # an earlier day
    clock.move_on(24 * 60 * 60)
    guess(client, worker.username, STRANGER, 12, clock)  # past both counts; allauth allows 30 posts a minute an address

    assert told_to_wait(sign_in(client, worker.username, address=STRANGER))
    assert got_past_the_password(sign_in(new_client(), worker.username, address=OFFICE))
    assert got_past_the_password(sign_in(new_client(), worker.email, address=OFFICE))


def test_guessing_from_many_addresses_slows_new_addresses_but_never_locks_them(new_client, worker, clock):
    for address in SPREAD[:10]:
        guess(new_client(), worker.username, address, 1)

    laptop_at_home = new_client()
    response = sign_in(laptop_at_home, worker.username, address=SPREAD[30])

    assert told_to_wait(response) == "Too many wrong passwords have been typed for this account. Wait 1 second, then try again."
    clock.move_on(1)
    assert got_past_the_password(sign_in(laptop_at_home, worker.username, address=SPREAD[30]))


def test_the_account_wide_wait_is_at_most_three_minutes(new_client, worker, clock):
    for n, address in enumerate(SPREAD[:40]):
        guess(new_client(), worker.username, address, 1, clock)

    message = told_to_wait(sign_in(new_client(), worker.username, address=SPREAD[50]))

    assert message.endswith("Wait 3 minutes, then try again.")


def test_an_address_the_worker_signed_in_from_is_not_slowed_by_guessing_elsewhere(new_client, worker, clock):
    assert got_past_the_password(sign_in(new_client(), worker.username, address=OFFICE))
    for address in SPREAD[:20]:
        guess(new_client(), worker.username, address, 1, clock)

    assert got_past_the_password(sign_in(new_client(), worker.username, address=OFFICE))


def test_the_count_is_the_accounts_whichever_identifier_is_typed(client, worker, clock):
    guess(client, worker.username, STRANGER, 2)
    guess(client, worker.email.upper(), STRANGER, 1)

    assert told_to_wait(sign_in(client, worker.email, address=STRANGER))


def test_a_right_password_clears_the_count_for_its_address(new_client, worker, clock):
    guess(new_client(), worker.username, OFFICE, 3)
    clock.move_on(1)
    assert got_past_the_password(sign_in(new_client(), worker.username, address=OFFICE))

    guess(new_client(), worker.username, OFFICE, 3)  # checked at once again, not one wait after another


def test_one_accounts_waits_do_not_slow_another(client, worker, make_user, clock):
    colleague = make_user(Role.FRONT_DOOR)
    guess(client, worker.username, STRANGER, 3)

    assert got_past_the_password(sign_in(client, colleague.username, address=STRANGER))


def test_an_unknown_username_is_slowed_the_same_way(client, db, clock):
    guess(client, "nobody-here", STRANGER, 3)

    assert told_to_wait(sign_in(client, "nobody-here", address=STRANGER)), "the waits say nothing about who exists"


def test_attempts_sent_at_the_same_moment_get_one_password_check_between_them(worker, clock):
    first, second = throttling.Attempt(worker.username, STRANGER), throttling.Attempt(worker.username, STRANGER)
    for _n in range(throttling.FREE_FAILURES):
        attempt = throttling.Attempt(worker.username, STRANGER)
        assert attempt.wait() == 0
        attempt.failed()
    clock.move_on(1)

    assert first.wait() == 0, "the first takes the opening"
    assert second.wait() == 1, "the second, at the same moment, is asked to wait"
    first.failed()
    clock.move_on(2)
    assert second.wait() == 0, "the next opening is the second one's"


@pytest.mark.parametrize(
    "seconds, words",
    [(0.2, "1 second"), (1, "1 second"), (59.5, "60 seconds"), (89, "89 seconds"), (90, "2 minutes"), (300, "5 minutes")],
)
def test_the_wait_is_said_in_seconds_or_whole_minutes(seconds, words):
    assert throttling.wait_message(seconds) == (
        f"Too many wrong passwords have been typed for this account. Wait {words}, then try again."
    )


def test_behind_a_proxy_a_strangers_guessing_does_not_slow_the_office(client, make_user, clock, settings):
    """Every request comes from the proxy's address; with the proxy trusted, each client is told apart."""
    settings.TRUSTED_PROXY_COUNT = 1
    user = make_user(Role.PRACTITIONER)
    proxy = "10.0.0.2"

    def through_proxy(address, password):
        return client.post(
            "/accounts/login/", {"login": user.username, "password": password},
            REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=address,
        )

    for _n in range(5):
        through_proxy(STRANGER, "a wrong guess 123")
    assert told_to_wait(through_proxy(STRANGER, "a wrong guess 123"))
    assert got_past_the_password(through_proxy(OFFICE, TEST_PASSWORD))
