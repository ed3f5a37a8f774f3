"""Parts of every page written once per process: the skip link, header, phase banner and footer.

Every page carries the same frame: a skip link, the header with the language switch and the menu,
the phase banner and the footer. They depend only on the language, on which menu entries the
user's roles give and which of them is open, and on the service's name and region, so each
variant is rendered from its template once and its HTML reused (DEVELOPERS.md decision 78).
Rendered through GOV.UK Frontend's macros each time, the frame was about a tenth of a person's
page and a fifth of a search by NHS number.

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

import threading

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language
from jinja2 import pass_eval_context
from markupsafe import Markup, escape

# More than the variants a real frame has (two languages, each menu the roles give, each open entry).
MAX_VARIANTS = 512

_made: dict[tuple, tuple[str, tuple[str, ...]]] = {}
_lock = threading.Lock()


def _marker(name: str) -> str:
    # Letters only, so URL-encoding and HTML-escaping leave it as it is.
    return f"CarersHubFill{name.capitalize()}Here"


def _key_of(name: str, fill_names: tuple[str, ...], key: dict) -> tuple:
    # The links in a frame follow the language, the script prefix and the URL configuration.
    return (name, get_language(), get_script_prefix(), get_urlconf(), fill_names, tuple(sorted(key.items())))


@pass_eval_context
def once(eval_ctx, name: str, fill: dict | None = None, **key) -> Markup:
    fill = fill or {}
    fill_names = tuple(sorted(fill))
    cache_key = _key_of(name, fill_names, key)
    made = _made.get(cache_key)
    if made is None:
        values = dict(key)
        values.update({n: _marker(n) for n in fill_names})
        html = eval_ctx.environment.get_template(name).render(values)
        made = (html, fill_names)
        with _lock:
            if len(_made) >= MAX_VARIANTS:
                _made.clear()
            _made[cache_key] = made
    html, names = made
    for fill_name in names:
        html = html.replace(_marker(fill_name), str(escape(fill[fill_name])))
    return Markup(html)


def forget(**_kwargs) -> None:
    """Drop every remembered variant (a setting changed: names, URLs or catalogues may differ)."""
    with _lock:
        _made.clear()


setting_changed.connect(forget, dispatch_uid="carershub.core.fragments.forget")
