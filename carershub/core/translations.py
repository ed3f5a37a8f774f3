"""Django's translation objects, made quicker to ask without changing any answer (decision 64).

A page asks for a few hundred messages. In English most of them are not in any catalogue (the
message is its own English), and each such question walked the whole of what Django builds:

- the catalogues of every installed app, kept as a list of dictionaries, one per catalogue
  whose plural rule is a different function object (in Django 6.1 ``TranslationCatalog.update``
  compares a function's code with a function, so every merged catalogue is a new list entry, even
  when the rule is the same: eight dictionaries for British English, seven for Welsh);
- then a chain of fallbacks: for ``en-gb``, Python's gettext finds each app's ``en`` catalogue
  beside its ``en_GB`` one and chains them, six catalogues holding nothing but their header.

``compact(translation)`` merges neighbouring dictionaries whose plural rules give the same form
for every count from 0 to 1,000 (the earlier dictionary still wins where both hold a message), and
drops fallbacks that hold no message. It reads Django's and Python's private attributes; if they
change, it leaves the translation as it is, and ``tests/core/test_translations.py`` fails.
"""

import gettext

from django.conf import settings
from django.utils.translation import trans_real

_COUNTS = range(1001)


def _same_rule(a, b) -> bool:
    return a is b or all(a(n) == b(n) for n in _COUNTS)


def _holds_nothing(fallback) -> bool:
    """A fallback that answers every question with the message itself: no catalogue, or only its header."""
    catalog = getattr(fallback, "_catalog", None)
    return isinstance(fallback, gettext.NullTranslations) and (catalog is None or set(catalog.keys()) <= {""})


def _merge_neighbours(catalog) -> None:
    catalogs, plurals = getattr(catalog, "_catalogs", None), getattr(catalog, "_plurals", None)
    if not isinstance(catalogs, list) or not isinstance(plurals, list) or len(catalogs) != len(plurals):
        return
    merged, rules = [], []
    for messages, rule in zip(catalogs, plurals, strict=True):
        if rules and _same_rule(rules[-1], rule):
            merged[-1] = {**messages, **merged[-1]}  # the earlier catalogue wins, as in a lookup
        else:
            merged.append(dict(messages))
            rules.append(rule)
    catalog._catalogs, catalog._plurals = merged, rules


def compact(translation) -> None:
    """Merge ``translation``'s catalogues where that changes no answer, and skip empty fallbacks."""
    node = translation
    while node is not None:
        if hasattr(node, "_catalog"):
            _merge_neighbours(node._catalog)
        following = getattr(node, "_fallback", None)
        while following is not None and _holds_nothing(following):
            following = getattr(following, "_fallback", None)
        if hasattr(node, "_fallback"):
            node._fallback = following
        node = following


def compact_all() -> None:
    """Build and compact the translation of every language the service speaks (core/apps.py)."""
    for code, _name in settings.LANGUAGES:
        compact(trans_real.translation(code))
