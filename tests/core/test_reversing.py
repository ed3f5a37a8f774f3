"""Links and dates written from what was worked out once are Django's own text (core/reversing.py)."""

import datetime
import random

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse, set_script_prefix
from django.utils import formats, translation

from carershub.core import reversing


def _named_patterns() -> list[tuple[str, int]]:
    """Every URL name of the product with how many positional values each of its patterns takes."""
    named = set()

    def walk(resolver, namespace):
        for name, entries in resolver.reverse_dict.lists():
            if isinstance(name, str):
                for possibilities, *_rest in entries:
                    for _text, params in possibilities:
                        named.add((f"{namespace}{name}", len(params)))
        for inner, (_prefix, sub) in resolver.namespace_dict.items():
            walk(sub, f"{namespace}{inner}:")

    walk(get_resolver(), "")
    return sorted(named)


NAMED = _named_patterns()


def _reversed(function, name, args):
    try:
        return function(name, *args)
    except NoReverseMatch:
        return NoReverseMatch


def test_the_product_has_links_with_numbers_to_compare():
    assert ("people:detail", 1) in NAMED
    assert ("people:search", 0) in NAMED  # names without values are kept too
    assert sum(1 for _name, count in NAMED if count >= 2) >= 5


@pytest.mark.parametrize("seed", range(3))
def test_every_link_with_whole_numbers_is_djangos_own(seed):
    rng = random.Random(seed)
    for name, count in NAMED:
        for args in ([0] * count, [rng.randrange(1, 10**rng.randint(1, 12)) for _ in range(count)]):
            expected = _reversed(lambda n, *a: reverse(n, args=a or None), name, args)
            assert _reversed(reversing.url, name, args) == expected, (name, args)
            # Again: now written from the kept template.
            assert _reversed(reversing.url, name, args) == expected, (name, args)


def test_links_follow_the_prefix_the_service_is_served_under():
    plain = reversing.url("people:detail", 42)
    search = reversing.url("people:search")
    try:
        set_script_prefix("/carers-hub/")
        assert reversing.url("people:detail", 42) == "/carers-hub" + plain == reverse("people:detail", args=[42])
        assert reversing.url("people:search") == "/carers-hub" + search == reverse("people:search")
    finally:
        set_script_prefix("/")
    assert reversing.url("people:detail", 42) == plain


@pytest.mark.parametrize(
    "args",
    [("7",), (-3,), (True,), (2.0,), ("a b/c",), ()],
    ids=["text", "negative", "bool", "float", "text to quote", "none"],
)
def test_anything_but_whole_numbers_is_reversed_by_django(args):
    for name in ("people:detail", "people:search", "contacts:detail"):
        expected = _reversed(lambda n, *a: reverse(n, args=a or None), name, args)
        assert _reversed(reversing.url, name, args) == expected


def test_keyword_values_are_reversed_by_django():
    assert reversing.url("people:detail", pk=5) == reverse("people:detail", kwargs={"pk": 5})


def test_a_pattern_that_refuses_the_stand_ins_is_never_kept(monkeypatch):
    calls = []
    real = reversing.reverse

    def refusing_ten_digits(name, args=None, kwargs=None):
        calls.append(args)
        if args and any(len(str(a)) >= 10 for a in args):
            raise NoReverseMatch(name)
        return real(name, args=args, kwargs=kwargs)

    monkeypatch.setattr(reversing, "reverse", refusing_ten_digits)
    monkeypatch.setattr(reversing, "_links", {})

    assert reversing.url("people:detail", 5) == real("people:detail", args=[5])
    assert reversing.url("people:detail", 6) == real("people:detail", args=[6])
    assert calls[-1] == (6,), "asked Django each time"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_dates_are_djangos_own_in_both_languages(language):
    rng = random.Random(language)
    days = [datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(60_000)) for _ in range(400)]
    days += [datetime.date(1, 1, 1), datetime.date(999, 12, 31), datetime.date(2026, 2, 28)]
    with translation.override(language):
        for day in days:
            assert reversing.long_date(day) == formats.date_format(day, "j F Y")
            assert reversing.long_date(day, "d/m/Y") == formats.date_format(day, "d/m/Y")
        moment = datetime.datetime(2026, 3, 5, 14, 30)
        assert reversing.long_date(moment) == formats.date_format(moment, "j F Y")
    assert reversing.long_date(None) == reversing.long_date("") == ""


def test_a_welsh_month_is_welsh():
    with translation.override("cy"):
        assert reversing.long_date(datetime.date(1961, 3, 27)) == "27 Mawrth 1961"
    assert reversing.long_date(datetime.date(1961, 3, 27)) == "27 March 1961"


# --- Static files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["carershub/application.css", "carershub/favicon.svg", "govuk/govuk-frontend.min.js"])
def test_a_static_file_is_djangos_own_link_under_any_prefix_and_setting(path, settings):
    from django.templatetags.static import static

    assert reversing.static(path) == static(path)
    settings.STATIC_URL = "/elsewhere/static/"
    assert reversing.static(path) == static(path) == "/elsewhere/static/" + path
    try:
        set_script_prefix("/carers/")
        settings.STATIC_URL = "static/"
        assert reversing.static(path) == static(path) == "/carers/static/" + path
    finally:
        set_script_prefix("/")
    assert reversing.static(path) == static(path)
