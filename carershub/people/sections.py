"""Parts of a person's page that other apps own (assessments, plans, and later breaks and payments).

The person page belongs to ``people``, which knows nothing of those apps. Each app registers a
function in its ``AppConfig.ready()``; the page asks each for its section, given who is looking
and whose record it is. A function returns None when it has nothing for this user or person,
and checks the user's permissions itself.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection


@dataclass(frozen=True)
class Section:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


_providers: list[Callable[..., Section | None]] = []


def register(provider: Callable[..., Section | None]) -> None:
    """Add ``provider(user, person) -> Section | None``; registering it twice has no effect."""
    if provider not in _providers:
        _providers.append(provider)


def _read_key(name: str) -> str:
    return f"_page_{name}"


def read_once(person, name: str, load: Callable):
    """What ``load()`` gives, read once for the page about ``person``.

    The banner, the glances and the sections of one page often show the same rows (an app's alerts,
    its newest assessments). Each app keeps what it read on the person object, which lives for one
    request, under its own ``name``, so the page reads it once and the next request reads afresh.
    """
    key = _read_key(name)
    if key not in person.__dict__:
        person.__dict__[key] = load()
    return person.__dict__[key]


# --- What the record holds: one question for every part of the page (decision 62) ------------------
#
# Most records hold nothing in most parts: no referral, no document, no direct payment, no alert.
# Asking each part's table separately cost a query each, about 1.5 ms of Python apiece to build,
# compile and read, to learn that there was nothing. An app registers the tables a part of the
# page reads (``register_holding`` in its ``AppConfig.ready()``); the person page asks once, in one
# statement, which of them hold any row about the person (``read_holdings``); a part that
# ``holds`` nothing shows its empty state without its query. The answer only says "nothing at
# all": a part with rows still reads them, through its own rules of who may see which.

_holdings: dict[str, tuple[tuple[type, ...], str]] = {}
_HOLDINGS_FOUND = "_holdings_found"  # on the person object, apart from read_once's names


def register_holding(key: str, *models, field: str = "person") -> None:
    """Name ``key`` the question "does any of ``models`` hold a row whose ``field`` is the person?".

    ``field`` is the column naming the person on each model (a foreign key or a plain id, like
    privacy's ``person_ref``); it should be indexed. Registering a key again replaces it.
    """
    if not models:
        raise ValueError(f"The holding {key!r} names no table")
    _holdings[key] = (tuple(models), field)


def _holdings_sql(keys) -> str:
    name = connection.ops.quote_name
    answers = []
    for key in keys:
        models, field = _holdings[key]
        tests = [
            f"EXISTS (SELECT 1 FROM {name(m._meta.db_table)} WHERE {name(m._meta.get_field(field).column)} = %s)"
            for m in models
        ]
        answers.append("(" + " OR ".join(tests) + ")")
    return "SELECT " + ", ".join(answers)


def read_holdings(person) -> None:
    """Ask, in one statement, which registered parts hold anything about ``person``, for ``holds``.

    The person page calls it once it has checked the user may open the person.
    """
    person = _unwrapped(person)
    keys = sorted(_holdings)
    if not keys:
        person.__dict__[_HOLDINGS_FOUND] = {}
        return
    params = [person.pk] * sum(len(_holdings[key][0]) for key in keys)
    with connection.cursor() as cursor:
        cursor.execute(_holdings_sql(keys), params)
        row = cursor.fetchone()
    person.__dict__[_HOLDINGS_FOUND] = {key: bool(found) for key, found in zip(keys, row, strict=True)}


def holds(person, key: str) -> bool:
    """False only when this page's ``read_holdings`` found no row for ``key``: the part may skip its
    query. True when it found one, and on any page that did not ask (the part reads as before)."""
    person = _unwrapped(person)
    known = person.__dict__.get(_HOLDINGS_FOUND)
    if known is None:
        return True
    if key not in _holdings:
        raise KeyError(f"No holding {key!r} is registered (people.sections.register_holding)")
    return known[key]


def already_read(person, name: str):
    """What ``read_once(person, name, ...)`` has read on this page, or None if nothing asked for it
    yet. A timeline entry looks here first for the row it describes, and reads by id only those
    the page has not."""
    return _unwrapped(person).__dict__.get(_read_key(name))


def sections_for(user, person) -> list[Section]:
    found = (provider(user, person) for provider in _providers)
    return sorted((section for section in found if section is not None), key=lambda section: section.order)


# --- What matters first: the top of the person page (issue 9, decision 26) -------------------------
#
# Three more registries, the same way: an app adds a provider in its ``AppConfig.ready()``; the
# page asks every provider, given who is looking and whose record it is. A provider checks the
# user's permissions itself and returns nothing (an empty iterable) when it has nothing to show.


@dataclass(frozen=True)
class Glance:
    """One row of the "at a glance" card at the top of the person page.

    ``text`` is already translated; with ``href`` it is a link. With ``tag`` (a govukTag colour
    class, like "govuk-tag--red") the text is shown as a tag of that colour.
    """

    label: str
    text: str
    href: str | None = None
    order: int = 50
    tag: str | None = None


@dataclass(frozen=True)
class Banner:
    """An alert every viewer of any page about the person sees (people/_banner.jinja).

    ``kind`` is "warning" or "safeguarding"; safeguarding banners are shown first and apart.
    """

    title: str
    text: str = ""
    href: str | None = None
    kind: str = "warning"


@dataclass(frozen=True)
class Action:
    """A button near the top of the person page; at most one should be ``primary``."""

    text: str
    href: str
    order: int = 50
    primary: bool = False


BANNER_KINDS = ("safeguarding", "warning")

_glance_providers: list[Callable] = []
_banner_providers: list[Callable] = []
_action_providers: list[Callable] = []


def _add(providers: list, provider) -> None:
    if provider not in providers:
        providers.append(provider)


def _unwrapped(person):
    """Templates may hold a presenter of the person; providers get the record itself."""
    from carershub.core.presenters import Presenter

    return person.obj if isinstance(person, Presenter) else person


def remembered(person, key: str, compute: Callable):
    """``compute()`` for this person, once per page: an app's section, glance and action providers
    often need the same rows, and the page asks each of them. Kept on the record object itself, so it
    lasts as long as the page that loaded it."""
    person = _unwrapped(person)
    memo = person.__dict__.setdefault("_sections_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def register_glance(provider: Callable[..., Iterable[Glance]]) -> None:
    """Add ``provider(user, person) -> Iterable[Glance]``; registering it twice has no effect."""
    _add(_glance_providers, provider)


def register_banner(provider: Callable[..., Iterable[Banner]]) -> None:
    """Add ``provider(user, person) -> Iterable[Banner]``; registering it twice has no effect."""
    _add(_banner_providers, provider)


def register_action(provider: Callable[..., Iterable[Action]]) -> None:
    """Add ``provider(user, person) -> Iterable[Action]``; registering it twice has no effect."""
    _add(_action_providers, provider)


def glances_for(user, person) -> list[Glance]:
    person = _unwrapped(person)
    found = [glance for provider in _glance_providers for glance in (provider(user, person) or ())]
    return sorted(found, key=lambda glance: glance.order)


def banners_for(user, person) -> list[Banner]:
    """Safeguarding first, then warnings, each in the order the providers gave them."""
    person = _unwrapped(person)
    if person is None or getattr(person, "pk", None) is None or not getattr(user, "is_authenticated", False):
        return []
    found = [banner for provider in _banner_providers for banner in (provider(user, person) or ())]
    unknown = {banner.kind for banner in found} - set(BANNER_KINDS)
    if unknown:
        raise ValueError(f"Unknown banner kind {sorted(unknown)}: use one of {BANNER_KINDS}")
    return sorted(found, key=lambda banner: BANNER_KINDS.index(banner.kind))


def actions_for(user, person) -> list[Action]:
    person = _unwrapped(person)
    found = [action for provider in _action_providers for action in (provider(user, person) or ())]
    return sorted(found, key=lambda action: action.order)
