"""GOV.UK Frontend's summary list and summary card, rendered in Python (DEVELOPERS.md decision 68).

A person's page shows six to ten summary cards. GOV.UK Frontend's Jinja macro builds each with a
macro per action link, a called macro for the card, a loop to find whether any row has actions,
and ``trim`` and ``indent`` on every key and value: about 180 µs a card even after decision 65.
``govuk_summary_list(params)`` takes the same parameters and writes the same elements, classes,
text and escaping, so it renders the same page. Only the whitespace between elements differs,
which a browser ignores there; ``tests/core/test_summary_list.py`` compares the two for every
combination of the parameters below and on the service's pages.

It knows the parameters the macro documents for rows, keys, values, actions and the card, except
``attributes``; given any other parameter, or attributes, it hands the whole list to the macro.
"""

from markupsafe import Markup, escape

from carershub.core.components import classes as _classes
from carershub.core.components import component, plain

MACRO = "govuk_frontend_jinja/components/summary-list/macro.html"

# The parameters written here, for each part; anything else goes to GOV.UK's macro.
_KNOWN = {
    "list": {"rows", "classes", "card", "attributes"},
    "row": {"key", "value", "actions", "classes"},
    "cell": {"text", "html", "classes"},
    "actions": {"items", "classes"},
    "action": {"href", "text", "html", "visuallyHiddenText", "classes", "attributes"},
    "card": {"title", "actions", "classes", "attributes"},
    "title": {"text", "html", "headingLevel", "classes"},
}


def _dict_of(value, part: str) -> bool:
    """Whether ``value`` is nothing or a plain dict of this part's known keys, without attributes."""
    return plain(value, _KNOWN[part])


def _actions_known(actions) -> bool:
    if not _dict_of(actions, "actions"):
        return False
    items = (actions or {}).get("items") or []
    return isinstance(items, (list, tuple)) and all(item and _dict_of(item, "action") for item in items)


def _known(params) -> bool:
    if not plain(params, _KNOWN["list"], optional=False):
        return False
    card = params.get("card")
    if not _dict_of(card, "card"):
        return False
    if card and not (_dict_of(card.get("title"), "title") and _actions_known(card.get("actions"))):
        return False
    rows = params.get("rows") or []
    if not isinstance(rows, (list, tuple)):
        return False
    for row in rows:
        if not row:
            continue
        if not _dict_of(row, "row") or not _dict_of(row.get("key"), "cell") or not _dict_of(row.get("value"), "cell"):
            return False
        if "key" not in row or "value" not in row:
            return False  # the macro's error, not an empty cell
        if not _actions_known(row.get("actions")):
            return False
    return True


def _text(part: dict, name: str) -> Markup:
    """``part[name]`` escaped, as Jinja writes a variable: nothing when it is missing, "None" for None."""
    return escape(part[name]) if name in part else Markup("")


def _content(part, *, trim=True) -> Markup:
    """A key's, value's or title's content as the macro writes it: its HTML (trimmed), or its text escaped."""
    if not part:
        return Markup("")
    html = part.get("html")
    if html:
        return Markup(str(html).strip() if trim else str(html))
    return _text(part, "text")


def _items(actions) -> list:
    return list((actions or {}).get("items") or [])


def _action_link(action, card_title) -> str:
    html = action.get("html")
    label = Markup(str(html)) if html else _text(action, "text")
    hidden = ""
    if action.get("visuallyHiddenText") or card_title:
        hidden = '<span class="govuk-visually-hidden">'
        if action.get("visuallyHiddenText"):
            hidden += f" {escape(action['visuallyHiddenText'])}"
        if card_title:
            hidden += f" ({_content(card_title, trim=False)})"
        hidden += "</span>"
    href = _text(action, "href")
    return f'<a class="{_classes("govuk-link", action.get("classes"))}" href="{href}">{label}{hidden}</a>'


def _list(params, card_title) -> str:
    rows = params.get("rows") or []
    any_actions = any(row and _items(row.get("actions")) for row in rows)
    out = [f'<dl class="{_classes("govuk-summary-list", params.get("classes"))}">']
    for row in rows:
        if not row:
            continue
        items = _items(row.get("actions"))
        row_classes = "govuk-summary-list__row"
        if any_actions and not items:
            row_classes += " govuk-summary-list__row--no-actions"
        key, value = row.get("key") or {}, row.get("value") or {}
        out.append(f'<div class="{_classes(row_classes, row.get("classes"))}">')
        out.append(f'<dt class="{_classes("govuk-summary-list__key", key.get("classes"))}">{_content(key)}</dt>')
        out.append(f'<dd class="{_classes("govuk-summary-list__value", value.get("classes"))}">{_content(value)}</dd>')
        if items:
            out.append(f'<dd class="{_classes("govuk-summary-list__actions", row["actions"].get("classes"))}">')
            if len(items) == 1:
                out.append(_action_link(items[0], card_title))
            else:
                out.append('<ul class="govuk-summary-list__actions-list">')
                for action in items:
                    link = _action_link(action, card_title)
                    out.append(f'<li class="govuk-summary-list__actions-list-item">{link}</li>')
                out.append("</ul>")
            out.append("</dd>")
        out.append("</div>")
    out.append("</dl>")
    return "\n".join(out)


def _card(card, inner: str) -> str:
    title = card.get("title")
    level = (title or {}).get("headingLevel") or 2
    out = [f'<div class="{_classes("govuk-summary-card", card.get("classes"))}">',
           '<div class="govuk-summary-card__title-wrapper">']
    if title:
        heading = _classes("govuk-summary-card__title", title.get("classes"))
        out.append(f'<h{escape(level)} class="{heading}">{_content(title)}</h{escape(level)}>')
    items = _items(card.get("actions"))
    if items:
        classes = _classes("govuk-summary-card__actions", card["actions"].get("classes"))
        if len(items) == 1:
            out.append(f'<div class="{classes}">{_action_link(items[0], title)}</div>')
        else:
            out.append(f'<ul class="{classes}">')
            for action in items:
                out.append(f'<li class="govuk-summary-card__action">{_action_link(action, title)}</li>')
            out.append("</ul>")
    out += ["</div>", '<div class="govuk-summary-card__content">', inner, "</div>", "</div>"]
    return "\n".join(out)


def _summary_list(params) -> str:
    card = params.get("card")
    inner = _list(params, card.get("title") if card else None)
    return _card(card, inner) if card else inner


# GOV.UK's ``govukSummaryList(params)``: the same page, written in Python where it can be.
govuk_summary_list = component(MACRO, "govukSummaryList", _known, _summary_list)
