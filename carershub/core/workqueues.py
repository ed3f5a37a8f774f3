"""What each user's home page offers: the queues they work from and the places they go.

Each app that owns a queue or a starting point registers a function in its
``AppConfig.ready()``; the home page asks every registered function what this user
has. So ``core`` shows them without importing the apps that own them, and a new app
adds its queue in one place. Providers check the user's permissions themselves.
"""

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@dataclass(frozen=True)
class WorkQueue:
    """Work waiting: a count only, never names, so the home page shows no personal data."""

    href: str
    text: str
    count: int
    order: int = 50


@dataclass(frozen=True)
class Shortcut:
    """A place to go; ``primary`` is the one start button a role's day begins with."""

    href: str
    text: str
    order: int = 50
    primary: bool = False


Item = WorkQueue | Shortcut
_providers: list[Callable[[object], Iterable[Item]]] = []


def register(provider: Callable[[object], Iterable[Item]]) -> None:
    """Add ``provider(user) -> items``; registering the same function twice has no effect."""
    if provider not in _providers:
        _providers.append(provider)


@dataclass(frozen=True)
class _Kept:
    items: list
    counted_at: float  # time.time() when counted
    seconds: float = 0.0  # how long counting them took


# Counts that took less than this are counted again while the page waits, when over a minute old:
# a small region, the demo (which runs no worker) and tests stay within the minute.
INLINE_SECONDS = 0.2


def _key(user, language: str) -> str:
    return f"carershub:home-items:{user.pk}:{language}"


def count(user) -> list[Item]:
    """Ask every provider now: the queue counts read from the database, in the active language."""
    return sorted((item for provider in _providers for item in provider(user)), key=lambda item: item.order)


def items_for(user) -> list[Item]:
    """Everything the home page offers this user, counted within the last minute where it can be.

    Counting a council's queues at a million carers tests thousands of rows against the
    user's relationships (about a second), and a home page is loaded often. The counts are numbers
    only, never names, so they may be a little old: the queue itself is always read afresh. Kept
    per user and language in the cache (Redis in production, so every process shares them), and
    (decision 63):

    - counted within ``CARERSHUB_QUEUE_COUNT_SECONDS`` (a minute): shown as kept;
    - older, and counting them took under ``INLINE_SECONDS``: counted again now;
    - older, slower to count, but within ``CARERSHUB_QUEUE_COUNT_STALE_SECONDS``: shown as kept
      while the background worker counts them again (asked at most once a minute per user), so
      someone using the service never waits for their counts;
    - nothing kept, or older than that: counted now, while the page waits (as when the worker is
      down: the page is slower, never wrong by more than the staleness limit).

    Signing in asks the worker to count them (``count_ahead``) while the code is typed.
    """
    fresh = settings.CARERSHUB_QUEUE_COUNT_SECONDS
    if not fresh:
        return count(user)
    language = translation.get_language()
    kept = cache.get(_key(user, language))
    if isinstance(kept, _Kept):
        age = time.time() - kept.counted_at
        if age < fresh:
            return kept.items
        if age < settings.CARERSHUB_QUEUE_COUNT_STALE_SECONDS and kept.seconds >= INLINE_SECONDS:
            count_ahead(user, language)
            return kept.items
    return count_and_keep(user, language)


def count_and_keep(user, language: str) -> list[Item]:
    """Count ``user``'s queues now, in the active language, and keep them as counted in ``language``."""
    started = time.perf_counter()
    items = count(user)
    limit = max(settings.CARERSHUB_QUEUE_COUNT_SECONDS, settings.CARERSHUB_QUEUE_COUNT_STALE_SECONDS)
    cache.set(_key(user, language), _Kept(items, time.time(), time.perf_counter() - started), limit)
    return items


def count_ahead(user, language: str) -> bool:
    """Ask the background worker to count ``user``'s queues in ``language``; at most once a minute.

    Returns whether it was asked (False: asked already within the minute, or keeping is off).
    """
    fresh = settings.CARERSHUB_QUEUE_COUNT_SECONDS
    if not fresh or not cache.add(f"carershub:home-recount:{user.pk}:{language}", 1, fresh):
        return False
    from carershub.core import tasks  # the task module imports this one

    tasks.count_home_items.enqueue(user.pk, language)
    return True


def shared_count(queryset) -> int:
    """``queryset.count()``, shared for half a minute by everybody whose count is the same SQL.

    A council's queues filtered by who works with whom (decision 22) are the same query for
    every colleague of the council: one of them counting it serves them all, instead of each
    counting the same rows (about a second each at a million carers). Keyed by the database and
    the query's SQL with its parameters, so two counts share only when the database would
    answer them alike. Half of ``CARERSHUB_QUEUE_COUNT_SECONDS``, so counts kept per user (above)
    stay within about a minute and a half of the data.
    """
    seconds = settings.CARERSHUB_QUEUE_COUNT_SECONDS // 2
    if not seconds:
        return queryset.count()
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(repr((queryset.db, sql, tuple(params))).encode()).hexdigest()
    key = f"carershub:shared-count:{digest}"
    kept = cache.get(key)
    if kept is None:
        kept = queryset.count()
        cache.set(key, kept, seconds)
    return kept


QUEUE_PAGE_LIMIT = 500


def capped(queryset, limit: int = QUEUE_PAGE_LIMIT):
    """The first ``limit`` rows of a queue page, and whether there are more."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit
