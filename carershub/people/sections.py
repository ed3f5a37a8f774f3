"""Parts of a person's page that other apps own (assessments, plans, and later breaks and payments).

The person page belongs to ``people``, which knows nothing of those apps. Each app registers a
function in its ``AppConfig.ready()``; the page asks each for its section, given who is looking
and whose record it is. A function returns None when it has nothing for this user or person,
and checks the user's permissions itself.
"""

from collections.abc import Callable
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


def sections_for(user, person) -> list[Section]:
    found = (provider(user, person) for provider in _providers)
    return sorted((section for section in found if section is not None), key=lambda section: section.order)
