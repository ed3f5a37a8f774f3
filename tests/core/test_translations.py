"""Compacting Django's translations (core/translations.py, decision 64) changes no answer, in either language."""

import gettext

import pytest
from django.conf import settings
from django.utils.translation import trans_real

from carershub.core import translations

LANGUAGES = [code for code, _name in settings.LANGUAGES]
NOT_IN_ANY_CATALOGUE = ["A message nobody has translated", "Queue for %(name)s", ""]


def _messages(translation) -> list:
    """Every message of every catalogue in ``translation``'s chain (singulars; plurals by their first form)."""
    found, node = set(), translation
    while node is not None:
        catalog = getattr(node, "_catalog", None) or {}
        found.update(key if isinstance(key, str) else key[0] for key in catalog.keys())
        node = getattr(node, "_fallback", None)
    return sorted(found)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_service_uses_compacted_translations(code):
    translation = trans_real.translation(code)

    catalog = translation._catalog
    assert len(catalog._catalogs) == 1, "one plural rule, one dictionary"
    node = translation._fallback
    while node is not None:
        assert not set(node._catalog.keys()) <= {""}, f"an empty fallback is still asked: {node}"
        node = node._fallback


@pytest.mark.parametrize("code", LANGUAGES)
def test_compacting_changes_no_answer(code):
    as_django_builds_it = trans_real.DjangoTranslation(code)
    compacted = trans_real.DjangoTranslation(code)
    translations.compact(compacted)
    messages = _messages(as_django_builds_it) + NOT_IN_ANY_CATALOGUE
    assert len(messages) > 500

    for message in messages:
        assert compacted.gettext(message) == as_django_builds_it.gettext(message), message
        for n in (0, 1, 2, 3, 6, 8, 11, 21, 100):
            assert compacted.ngettext(message, message + "s", n) == as_django_builds_it.ngettext(message, message + "s", n)
        assert compacted.pgettext("context", message) == as_django_builds_it.pgettext("context", message)


def test_a_later_catalogue_never_overrides_an_earlier_one():
    first, second = gettext.GNUTranslations(), gettext.GNUTranslations()
    for one, text in ((first, "ours"), (second, "Django's")):
        one._catalog, one.plural = {"Organisation": text, ("day", 0): text}, (lambda n: int(n != 1))
        one._info = {}
    catalog = trans_real.TranslationCatalog(second)
    catalog.update(first)  # Django puts the later-merged catalogue first: it wins
    fallback_with_nothing = gettext.GNUTranslations()
    fallback_with_nothing._catalog, fallback_with_nothing._fallback = {"": "header"}, None
    translation = gettext.GNUTranslations()
    translation._catalog, translation.plural, translation._fallback = catalog, first.plural, fallback_with_nothing

    translations.compact(translation)

    assert len(catalog._catalogs) == 1 and translation._fallback is None
    assert translation.gettext("Organisation") == "ours" and translation.ngettext("day", "days", 1) == "ours"
