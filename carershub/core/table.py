"""GOV.UK Frontend's table, rendered in Python (DEVELOPERS.md decision 68, as the summary list).

The team figures page shows eight tables of a few rows each. GOV.UK Frontend's Jinja macro calls
its attributes macro and captures a block for every cell: about a third of the page's rendering.
``govuk_table(params)`` takes the same parameters and writes the same elements, classes, text and
escaping, so it renders the same page; only the whitespace between elements differs, which a
browser ignores there. ``tests/core/test_table.py`` compares the two for every combination of the
parameters below.

It knows the parameters the macro documents for the table, its head and its cells, except
``attributes``; given any other parameter, or attributes, it hands the whole table to the macro.
"""

from markupsafe import Markup, escape

from carershub.core.components import classes as _classes
from carershub.core.components import component
from carershub.core.components import plain as _plain

MACRO = "govuk_frontend_jinja/components/table/macro.html"

_KNOWN_TABLE = {"caption", "captionClasses", "firstCellIsHeader", "head", "rows", "classes", "attributes"}
_KNOWN_CELL = {"text", "html", "format", "classes", "colspan", "rowspan", "attributes"}


def _known(params) -> bool:
    if not _plain(params, _KNOWN_TABLE, optional=False):
        return False
    # Rows left out are none, but rows given as anything but a list (None, say) are the macro's
    # error, as before; a head that is empty or None is no head.
    head, rows = params.get("head") or [], params.get("rows", [])
    if not isinstance(head, (list, tuple)) or not isinstance(rows, (list, tuple)):
        return False
    if not all(_plain(item, _KNOWN_CELL, optional=False) for item in head):
        return False
    for row in rows:
        if row and not (isinstance(row, (list, tuple)) and all(_plain(cell, _KNOWN_CELL, optional=False) for cell in row)):
            return False
    return True


def _spans(cell: dict) -> str:
    out = ""
    if cell.get("colspan"):
        out += f' colspan="{escape(cell["colspan"])}"'
    if cell.get("rowspan"):
        out += f' rowspan="{escape(cell["rowspan"])}"'
    return out


def _content(cell: dict) -> Markup:
    """The macro's ``cell.html | safe if cell.html else cell.text``: a missing text writes nothing,
    None writes "None", as Jinja writes a variable."""
    html = cell.get("html")
    if html:
        return Markup(str(html))
    return escape(cell["text"]) if "text" in cell else Markup("")


def _format(prefix: str, cell: dict) -> Markup:
    return Markup(f"{prefix}--{escape(cell['format'])}") if cell.get("format") else Markup("")


def _table(params: dict) -> str:
    out = [f'<table class="{_classes("govuk-table", params.get("classes"))}">']
    if params.get("caption"):
        classes = _classes("govuk-table__caption", params.get("captionClasses"))
        out.append(f'<caption class="{classes}">{escape(params["caption"])}</caption>')
    head = params.get("head")
    if head:
        out.append('<thead class="govuk-table__head">\n<tr class="govuk-table__row">')
        for item in head:
            classes = _classes("govuk-table__header", _format("govuk-table__header", item), item.get("classes"))
            out.append(f'<th scope="col" class="{classes}"{_spans(item)}>{_content(item)}</th>')
        out.append("</tr>\n</thead>")
    out.append('<tbody class="govuk-table__body">')
    first_is_header = params.get("firstCellIsHeader")
    for row in params.get("rows") or []:
        if not row:
            continue
        out.append('<tr class="govuk-table__row">')
        for index, cell in enumerate(row):
            if index == 0 and first_is_header:
                classes = _classes("govuk-table__header", cell.get("classes"))
                out.append(f'<th scope="row" class="{classes}"{_spans(cell)}>{_content(cell)}</th>')
            else:
                classes = _classes("govuk-table__cell", _format("govuk-table__cell", cell), cell.get("classes"))
                out.append(f'<td class="{classes}"{_spans(cell)}>{_content(cell)}</td>')
        out.append("</tr>")
    out.append("</tbody>\n</table>")
    return "\n".join(out)


# GOV.UK's ``govukTable(params)``: the same table, written in Python where it can be.
govuk_table = component(MACRO, "govukTable", _known, _table)
