"""Slowing down password guessing without letting a stranger lock a worker out.

A flat lock-out ("five wrong passwords lock the account") lets anybody who knows a worker's
username stop them working by typing wrong passwords at it. Instead, failed passwords are
counted twice, and each count only ever makes the next attempt *wait*:

- **This account from this address.** After ``FREE_FAILURES`` wrong passwords, each further
  attempt from the same address must wait 1, 2, 4, 8 ... seconds after the one before, up to
  ``WAIT_CAP``. A stranger's address slows down; the worker at their own address does not.
- **This account from anywhere** (guessing spread over many addresses). After
  ``ACCOUNT_FREE_FAILURES`` wrong passwords in a day, attempts from addresses the account has
  not signed in from recently must wait in the same way, up to ``ACCOUNT_WAIT_CAP``. An address
  the worker signed in from in the last ``KNOWN_FOR`` is not slowed by it. It slows, never locks.

A refused attempt checks no password and counts nothing. Once waits apply, an attempt claims its
opening before the password is checked, so attempts sent at the same moment get one check between
them, not one each. A right password
clears the count for its address. Counts live in the cache: shared between processes through
``REDIS_URL`` in production; addresses are kept only as hashes.

Guessing stays slow: from one address, about 300 guesses a day; from many addresses at once, the
account-wide waits allow about 480 a day (what the old lock-out, five every 15 minutes, allowed),
and a guessed password still needs the authenticator code (decision 9).
"""

import hashlib
import math
import time

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext, ngettext

FREE_FAILURES = 3
WAIT_CAP = 5 * 60
ACCOUNT_FREE_FAILURES = 10
ACCOUNT_WAIT_CAP = 3 * 60
COUNT_FOR = 24 * 60 * 60  # a count is forgotten a day after its first failure
KNOWN_FOR = 30 * 24 * 60 * 60
_CLAIM_SECONDS = 60
_PREFIX = "carershub:sign-in"


def clock() -> float:
    """Now, in seconds (tests move it on instead of sleeping)."""
    return time.time()


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def account_key(login: str) -> str:
    """The account typed, whichever identifier was used; an unknown login is counted as itself, so
    the waits do not tell anybody whether an account exists."""
    from carershub.accounts.models import User

    login = (login or "").strip()
    pk = (
        User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
        if login
        else None
    )
    return f"account:{pk}" if pk is not None else f"login:{_hash(login.lower())}"


class Attempt:
    """One sign-in attempt: the account typed, from an address."""

    def __init__(self, login: str, address: str):
        self.account = account_key(login)
        self.source = _hash(address)
        self.pair = f"{self.account}:from:{self.source}"
        self._claims = []

    def _known_here(self) -> bool:
        return cache.get(f"{_PREFIX}:known:{self.pair}") is not None

    def _counts(self):
        yield self.pair, FREE_FAILURES, WAIT_CAP
        if not self._known_here():
            yield self.account, ACCOUNT_FREE_FAILURES, ACCOUNT_WAIT_CAP

    def wait(self) -> float:
        """Seconds to wait before this attempt may check a password; 0 means go ahead (and it is claimed)."""
        now = clock()
        openings = []
        for key, free, cap in self._counts():
            failures = cache.get(f"{_PREFIX}:failures:{key}", 0)
            if failures < free:
                continue
            last = cache.get(f"{_PREFIX}:last:{key}", now)
            left = min(2 ** (failures - free), cap) - (now - last)
            if left > 0:
                return left
            openings.append(f"{_PREFIX}:claim:{key}:{failures}:{last}")
        # Only one attempt may use an opening: others sent at the same moment wait for the next.
        for claim in openings:
            if not cache.add(claim, True, _CLAIM_SECONDS):
                self._release()
                return 1
            self._claims.append(claim)
        return 0

    def _release(self) -> None:
        cache.delete_many(self._claims)
        self._claims = []

    def failed(self) -> None:
        now = clock()
        for key in (self.pair, self.account):
            count = f"{_PREFIX}:failures:{key}"
            cache.add(count, 0, COUNT_FOR)
            try:
                cache.incr(count)
            except ValueError:  # forgotten between the two calls
                cache.add(count, 1, COUNT_FOR)
            cache.set(f"{_PREFIX}:last:{key}", now, COUNT_FOR)
        self._release()  # after counting, so the opening cannot be used twice

    def succeeded(self) -> None:
        self._release()
        cache.delete_many([f"{_PREFIX}:failures:{self.pair}", f"{_PREFIX}:last:{self.pair}"])
        cache.set(f"{_PREFIX}:known:{self.pair}", True, KNOWN_FOR)


def wait_message(seconds: float) -> str:
    """What to tell the person at the sign-in page: how long, plainly."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 90:
        when = ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    else:
        minutes = math.ceil(seconds / 60)
        when = ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    return gettext("Too many wrong passwords have been typed for this account. Wait %(time)s, then try again.") % {
        "time": when
    }
