"""Parts of every page written once per process: the skip link, header, phase banner and footer.

Every page carries the same frame: a skip link, the header with the language switch and the menu,
the phase banner and the footer. They depend only on the language, on which menu entries the
user's roles give and which of them is open, and on the service's name and region, so each
variant is rendered from its template once and its HTML reused (DEVELOPERS.md decision 78).
Rendered through GOV.UK Frontend's macros each time, the frame was about a fifteenth of a person
page's Python calls and a fifth of a search by NHS number's.

``once(name, fill=..., **key)`` renders ``name`` with the ``key`` values as its variables, under
the active language, and remembers the HTML for that template, language and key. Anything else
the template reads must be the same for every request of the process: the environment's
globals (``url``, ``static``, the catalogues), never the request. A value that differs on every
request (the language switch's ``next``) goes in ``fill``: the template is rendered with a
marker in its place, and each use puts the value, escaped, where the marker is. So ``fill``
values are text written as it is (already URL-encoded, say), never markup.

The remembered HTML is dropped when a setting changes (tests override the service's name) and
when more variants than any real menu gives have been made.
"""

from __future__ import annotations

import re
import threading

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language
from jinja2 import pass_eval_context
from markupsafe import Markup, escape

# More than the variants a real frame has (two languages, each menu the roles give, each open entry).
MAX_VARIANTS = 512

_made: dict[tuple, str] = {}
_lock = threading.Lock()


def _marker(name: str) -> str:
    # Letters, digits and the fill's name (a Python name), which URL-encoding and escaping leave alone.
    return f"CarersHubFill{name.capitalize()}Here"


def _key_of(name: str, fill_names: tuple[str, ...], key: dict) -> tuple:
    # The links in a frame follow the language, the script prefix and the URL configuration.
    return (name, get_language(), get_script_prefix(), get_urlconf(), fill_names, tuple(sorted(key.items())))


@pass_eval_context
def once(eval_ctx, name: str, fill: dict | None = None, **key) -> Markup:
    fill = fill or {}
    fill_names = tuple(sorted(fill))
    cache_key = _key_of(name, fill_names, key)
    html = _made.get(cache_key)
    if html is None:
        values = dict(key)
        values.update({n: _marker(n) for n in fill_names})
        html = eval_ctx.environment.get_template(name).render(values)
        with _lock:
            if len(_made) >= MAX_VARIANTS:
                _made.clear()
            _made[cache_key] = html
    if not fill_names:
        return Markup(html)
    # In one pass, so a value that happens to hold another fill's marker is written as it is.
    by_marker = {_marker(n): str(escape(fill[n])) for n in fill_names}
    return Markup(re.sub("|".join(map(re.escape, by_marker)), lambda m: by_marker[m.group(0)], html))


def forget(**_kwargs) -> None:
    """Drop every remembered variant (a setting changed: names, URLs or catalogues may differ)."""
    with _lock:
        _made.clear()


setting_changed.connect(forget, dispatch_uid="carershub.core.fragments.forget")
