"""What each user's home page offers: the queues they work from and the places they go.

Each app that owns a queue or a starting point registers a function in its
``AppConfig.ready()``; the home page asks every registered function what this user
has. So ``core`` shows them without importing the apps that own them, and a new app
adds its queue in one place. Providers check the user's permissions themselves.
"""

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


def items_for(user) -> list[Item]:
    """Everything the home page offers this user; the queue counts are kept for a minute.

    Counting a council's queues at a million carers tests thousands of rows against the
    user's relationships (seconds), and a home page is loaded often. The counts are numbers only,
    never names, so they may be a minute old: the queue itself is always read afresh. Kept per
    user and language in the cache (Redis in production, so every process shares them).
    """
    seconds = settings.CARERSHUB_QUEUE_COUNT_SECONDS
    key = f"carershub:home-items:{user.pk}:{translation.get_language()}"
    if seconds:
        kept = cache.get(key)
        if kept is not None:
            return kept
    items = sorted((item for provider in _providers for item in provider(user)), key=lambda item: item.order)
    if seconds:
        cache.set(key, items, seconds)
    return items


QUEUE_PAGE_LIMIT = 500


def capped(queryset, limit: int = QUEUE_PAGE_LIMIT):
    """The first ``limit`` rows of a queue page, and whether there are more."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit
