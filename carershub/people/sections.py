"""Parts of a person's page that other apps own (assessments, plans, and later breaks and payments).

The person page belongs to ``people``, which knows nothing of those apps. Each app registers a
function in its ``AppConfig.ready()``; the page asks each for its section, given who is looking
and whose record it is. A function returns None when it has nothing for this user or person,
and checks the user's permissions itself.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


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


def read_once(person, name: str, load: Callable):
    """What ``load()`` gives, read once for the page about ``person``.

    The banner, the glances and the sections of one page often show the same rows (an app's alerts,
    its newest assessments). Each app keeps what it read on the person object, which lives for one
    request, under its own ``name``, so the page reads it once and the next request reads afresh.
    """
    key = f"_page_{name}"
    if key not in person.__dict__:
        person.__dict__[key] = load()
    return person.__dict__[key]


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
