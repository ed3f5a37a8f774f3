"""Panels: parts that a higher app adds to a lower app's page (decision 10's registries).

The lower app keeps a ``Panels`` registry and passes ``panels.for_page(user, record)`` to its
template, which renders each panel's template with ``panel`` in its context:

    {% for panel in panels or [] %}{% include panel.template %}{% endfor %}

The higher app registers a provider in its ``AppConfig.ready()``: ``provider(user, record)``
returns a ``Panel`` or None, and checks the user's permissions itself. The contact page and the
support plan page have one (signposting's picks from the directory use both).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


class Panels:
    def __init__(self):
        self._providers = []

    def register(self, provider) -> None:
        if provider not in self._providers:
            self._providers.append(provider)

    def for_page(self, user, record) -> list[Panel]:
        found = (provider(user, record) for provider in self._providers)
        return sorted((panel for panel in found if panel is not None), key=lambda panel: panel.order)
