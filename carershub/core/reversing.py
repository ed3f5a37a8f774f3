"""Links and dates as templates write them, many times a page (DEVELOPERS.md decision 72).

A search page links 25 people and shows 25 dates of birth; a person's page links every part of
the record. Django's ``reverse`` works each link out from the URL patterns (about 20 µs), and its
date format reads the format character by character: together about a tenth of a search page.
The same text is now written from what was worked out once.
"""

import datetime

from django.core.signals import setting_changed
from django.templatetags.static import static as django_static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import get_language

# Stand-ins for the numbers a link is worked out with once: ten digits, distinct, found again
# in the link's text (no path segment of ours holds such a number).
_MARK = 7_310_594_826
_NOT_KEPT = object()
_links: dict = {}
_statics: dict = {}


def static(path: str) -> str:
    """Django's ``static(path)``, worked out once per path and script prefix.

    Every page asks for the same few files (the style sheet, the scripts, the icon), and each ask
    goes through the storage's manifest and URL joining. The answer changes only with the
    settings (``STATIC_URL``, the storage) or a new manifest, which means a new process; a
    changed setting (in tests) forgets what was kept. A file missing from the manifest raises
    each time, as Django's does.
    """
    key = (get_script_prefix(), path)
    found = _statics.get(key)
    if found is None:
        found = _statics[key] = django_static(path)
    return found


def _forget_statics(**_kwargs):
    _statics.clear()


setting_changed.connect(_forget_statics, dispatch_uid="carershub.core.reversing.statics")


def url(name: str, *args, **kwargs) -> str:
    """``reverse(name, args=args)``, the same text; for none or whole-number arguments, written
    from a template kept per URL name and number of arguments.

    The template is the link reversed once with stand-in numbers, split where they appear. The
    project registers no converter of its own, and each of Django's that accepts a whole number
    (int, str, slug, path) writes it as ``str(n)``: so for any other whole number, the link is the
    template with that number in place. A link whose stand-ins cannot be found once each, in
    order (a pattern that rejects them, or repeats one), is never kept and goes to ``reverse``
    every time, as does anything with keyword arguments or arguments other than whole numbers.
    """
    if kwargs or not all(type(arg) is int and arg >= 0 for arg in args):
        return reverse(name, args=args or None, kwargs=kwargs or None)
    key = (get_urlconf(), get_script_prefix(), get_language(), name, len(args))
    parts = _links.get(key)
    if parts is None:
        parts = _links[key] = _template(name, len(args))
    if parts is _NOT_KEPT:
        return reverse(name, args=args or None)
    text = parts[0]
    for arg, part in zip(args, parts[1:]):
        text += str(arg) + part
    return text


def _template(name: str, count: int):
    marks = [str(_MARK + i) for i in range(count)]
    try:
        reversed_ = reverse(name, args=[_MARK + i for i in range(count)])
    except NoReverseMatch:
        return _NOT_KEPT
    parts, rest = [], reversed_
    for mark in marks:
        before, found, after = rest.partition(mark)
        if not found or mark in after:
            return _NOT_KEPT
        parts.append(before)
        rest = after
    parts.append(rest)
    return tuple(parts)


def long_date(value, fmt: str = "j F Y") -> str:
    """``formats.date_format(value, fmt)``, the same text ("27 March 1961", "27 Mawrth 1961");
    a date (not a date and time) in the default format is written directly. Empty for no date."""
    if not value:
        return ""
    if type(value) is datetime.date and fmt == "j F Y":
        # Django's j, F and Y: the day without a leading zero, the month's name in the active
        # language, the year in four digits.
        return f"{value.day} {MONTHS[value.month]} {value.year:04d}"
    return formats.date_format(value, fmt)
