"""GOV.UK Frontend's text input, date input, radios and select, rendered in Python (DEVELOPERS.md
decision 68).

Every form in the product writes its fields through GOV.UK Frontend's Jinja macros, and each field
costs a label macro, a hint macro, an error message macro and the attributes macro, each called
through Jinja's machinery: a date is three text boxes in a fieldset, a set of radios a label and
perhaps a hint for each choice. These functions take the macros' parameters and write the same
elements, attributes, text and escaping; only whitespace between elements differs, which a browser
ignores there. ``tests/core/test_inputs.py`` compares them with the macros for every combination of
the parameters below.

They know the parameters the product uses. Anything else (a prefix or suffix, the form group's
attributes or its text before and after the inputs, attributes given as a string or in the macro's
``{"value": ..., "optional": ...}`` form, attributes of radios, options, labels or hints, a fieldset
without a legend, parameters GOV.UK adds later) hands the whole component to the macro, as it was.
"""

from collections.abc import Mapping

from markupsafe import Markup, escape

from carershub.core.components import classes as _classes
from carershub.core.components import component
from carershub.core.components import plain

INPUT_MACRO = "govuk_frontend_jinja/components/input/macro.html"
DATE_MACRO = "govuk_frontend_jinja/components/date-input/macro.html"

_INPUT = {
    "id", "name", "type", "value", "classes", "describedBy", "label", "hint", "errorMessage", "spellcheck",
    "disabled", "autocomplete", "autocapitalize", "pattern", "inputmode", "formGroup", "attributes",
}
# "name" and "idPrefix" are not the date input's, and its macro reads neither; the product's
# form helper gives them to every component (core/template_helpers.field_params).
_DATE = {"id", "namePrefix", "items", "hint", "errorMessage", "formGroup", "fieldset", "classes", "attributes",
         "name", "idPrefix"}
_ITEM = {"id", "name", "label", "value", "classes", "inputmode", "autocomplete", "pattern", "attributes"}
_LABEL = {"text", "html", "classes", "isPageHeading"}
_HINT = {"text", "html", "classes"}
_ERROR = {"text", "html", "classes", "visuallyHiddenText"}
_FORM_GROUP = {"classes"}
_FIELDSET = {"describedBy", "classes", "legend"}
_LEGEND = {"text", "html", "classes", "isPageHeading"}


def _attributes_known(attributes) -> bool:
    """Nothing, or a dict of names to plain values: what the attributes macro writes as name="value"."""
    if not attributes:
        return True
    return type(attributes) is dict and not any(isinstance(value, Mapping) for value in attributes.values())


def _attributes(attributes) -> str:
    """The attributes macro for a dict of plain values: each as name="value", a boolean as "true"/"false"."""
    out = ""
    for name, value in (attributes or {}).items():
        if isinstance(value, bool):
            value = str(value).lower()
        out += f' {escape(name)}="{escape(value)}"'
    return out


def _optional(name: str, value) -> str:
    """An optional attribute as the macro writes it: left out for None and False, the name alone for True."""
    if value is None or value is False:
        return ""
    if value is True:
        return f" {escape(name)}"
    return f' {escape(name)}="{escape(value)}"'


def _content(part: dict) -> Markup:
    """``part.html | safe | trim`` if it has HTML, else its text escaped ("" when missing)."""
    html = part.get("html")
    if html:
        return Markup(str(html).strip())
    return escape(part["text"]) if "text" in part else Markup("")


_MISSING = object()


def _joined(value) -> str:
    """A parameter as Jinja's ``~`` joins it: nothing when missing, "None" for None (not escaped)."""
    return "" if value is _MISSING else str(value)


def _label(label: dict, for_id) -> str:
    if not (label.get("html") or label.get("text")):
        return ""
    for_attribute = f' for="{escape(for_id)}"' if for_id else ""
    html = f'<label class="{_classes("govuk-label", label.get("classes"))}"{for_attribute}>{_content(label)}</label>'
    if label.get("isPageHeading"):
        return f'<h1 class="govuk-label-wrapper">{html}</h1>'
    return html


def _hint(hint: dict, hint_id: str) -> str:
    return f'<div id="{escape(hint_id)}" class="{_classes("govuk-hint", hint.get("classes"))}">{_content(hint)}</div>'


def _error(error: dict, error_id: str) -> str:
    hidden = error.get("visuallyHiddenText", "Error")  # the macro's default only when it is left out
    content = _content(error)
    if hidden:
        content = Markup(f'<span class="govuk-visually-hidden">{escape(hidden)}:</span> {content}')
    return f'<p id="{escape(error_id)}" class="{_classes("govuk-error-message", error.get("classes"))}">{content}</p>'


def _described(described_by: str, more: str) -> str:
    return f"{described_by} {more}" if described_by else more


def _hint_and_error(params: dict, id_base, described_by: str) -> tuple[list[str], str]:
    """The component's hint and error message, as every one of these macros writes them before its
    fields, with ids made from ``id_base``; and ``aria-describedby`` with those ids added."""
    parts = []
    for key, suffix, write in (("hint", "hint", _hint), ("errorMessage", "error", _error)):
        if params.get(key):
            part_id = f"{_joined(id_base)}-{suffix}"
            described_by = _described(described_by, part_id)
            parts.append(write(params[key], part_id))
    return parts, described_by


def _form_group(params: dict) -> str:
    """The opening of the component's form group, marked when it has an error."""
    group_classes = _classes("govuk-form-group", "govuk-form-group--error" if params.get("errorMessage") else None,
                             (params.get("formGroup") or {}).get("classes"))
    return f'<div class="{group_classes}">'


def _group_known(params) -> bool:
    """The hint, error message and form group are of the kinds written here."""
    return (
        plain(params.get("hint"), _HINT)
        and plain(params.get("errorMessage"), _ERROR)
        and plain(params.get("formGroup"), _FORM_GROUP)
    )


def _input_known(params) -> bool:
    return (
        type(params) is dict
        and params.keys() <= _INPUT  # its attributes are written here, when they are plain
        and "label" in params  # without one the macro fails, and should go on failing
        and plain(params.get("label"), _LABEL)
        and _group_known(params)
        and _attributes_known(params.get("attributes"))
    )


def _input(params: dict) -> str:
    error = params.get("errorMessage")
    # Joined as they are and escaped once, as the attributes macro writes them.
    classes = " ".join(str(part) for part in ("govuk-input", params.get("classes"),
                                                "govuk-input--error" if error else None) if part)
    described_by = params.get("describedBy") or ""
    input_id = params["id"] if params.get("id") else params.get("name", _MISSING)
    out = [_form_group(params), _label(params.get("label") or {}, None if input_id is _MISSING else input_id)]
    parts, described_by = _hint_and_error(params, input_id, described_by)
    out += parts
    spellcheck = params.get("spellcheck")
    element = (
        f'<input class="{escape(classes)}" id="{escape(_joined(input_id))}"'
        f' name="{escape(_joined(params.get("name", _MISSING)))}" type="{escape(params.get("type") or "text")}"'
        # As the macro's test ``in [true, false]``, which 1 and 0 pass too.
        + _optional("spellcheck", str(spellcheck).lower() if spellcheck in (True, False) else False)
        + _optional("value", params.get("value"))
        + _optional("disabled", params.get("disabled"))
        + _optional("aria-describedby", described_by or None)
        + _optional("autocomplete", params.get("autocomplete"))
        + _optional("autocapitalize", params.get("autocapitalize"))
        + _optional("pattern", params.get("pattern"))
        + _optional("inputmode", params.get("inputmode"))
        + _attributes(params.get("attributes"))
        + ">"
    )
    out += [element, "</div>"]
    return "\n".join(part for part in out if part)


# GOV.UK's ``govukInput(params)``: the same text box, written in Python where it can be.
govuk_input = component(INPUT_MACRO, "govukInput", _input_known, _input)


_DEFAULT_ITEMS = [
    {"name": "day", "classes": "govuk-input--width-2"},
    {"name": "month", "classes": "govuk-input--width-2"},
    {"name": "year", "classes": "govuk-input--width-4"},
]


def _date_known(params) -> bool:
    if not plain(params, _DATE, optional=False):
        return False
    fieldset = params.get("fieldset")
    if fieldset and not (plain(fieldset, _FIELDSET) and plain(fieldset.get("legend"), _LEGEND, optional=False)):
        return False
    items = params.get("items")
    if "items" in params and not isinstance(items, (list, tuple)):
        return False  # the macro's error (it takes the length of what it was given)
    if items and not (isinstance(items, (list, tuple)) and all(
        plain(item, _ITEM, optional=False) and "name" in item for item in items
    )):
        return False
    return _group_known(params)


def _date_input(params: dict) -> str:
    fieldset = params.get("fieldset")
    described_by = (fieldset.get("describedBy") or "") if fieldset else ""
    own_id = params.get("id", _MISSING)
    inner, described_by = _hint_and_error(params, own_id, described_by)
    id_attribute = f' id="{escape(own_id)}"' if own_id is not _MISSING and own_id else ""
    inner.append(f'<div class="{_classes("govuk-date-input", params.get("classes"))}"{id_attribute}>')
    name_prefix = params.get("namePrefix")
    for item in params.get("items") or _DEFAULT_ITEMS:
        name = item["name"]
        inner.append('<div class="govuk-date-input__item">')
        inner.append(_input({
            "label": {"text": item.get("label") or str(name).capitalize(), "classes": "govuk-date-input__label"},
            "id": item.get("id") or f"{_joined(own_id)}-{name}",
            # The macro joins these with a space even when the item has no classes of its own.
            "classes": "govuk-date-input__input " + (str(item["classes"]) if item.get("classes") else ""),
            "name": f"{name_prefix}-{name}" if name_prefix else name,
            "value": item.get("value"),
            "type": "text",
            "inputmode": item.get("inputmode") or "numeric",
            "autocomplete": item.get("autocomplete"),
            "pattern": item.get("pattern"),
        }))
        inner.append("</div>")
    inner.append("</div>")
    inner_html = "\n".join(inner)
    out = [_form_group(params)]
    # The date's fieldset is a group, so screen readers read out its hint (the macro's reason).
    out += _fieldset(fieldset, described_by, inner_html, role="group") if fieldset else [inner_html]
    out.append("</div>")
    return "\n".join(out)


# GOV.UK's ``govukDateInput(params)``: the same three boxes, written in Python where it can be.
govuk_date_input = component(DATE_MACRO, "govukDateInput", _date_known, _date_input)


# --- Radios and selects ------------------------------------------------------------------------

RADIOS_MACRO = "govuk_frontend_jinja/components/radios/macro.html"
SELECT_MACRO = "govuk_frontend_jinja/components/select/macro.html"

_RADIOS = {"idPrefix", "name", "items", "value", "hint", "errorMessage", "formGroup", "fieldset", "classes",
           "attributes"}
# Items may also say "selected" (radios) or "checked" (select), which the macros do not read: the
# product's form helper gives both to every item (core/template_helpers._choices).
_RADIO = {"id", "value", "text", "html", "checked", "disabled", "hint", "conditional", "divider", "label", "attributes",
          "selected"}
_SELECT = {"id", "name", "items", "value", "describedBy", "label", "hint", "errorMessage", "formGroup", "classes",
           "disabled", "attributes"}
_OPTION = {"value", "text", "selected", "disabled", "attributes", "checked"}


def _chosen(item: dict, flag: str, value, params: dict) -> bool:
    """The macros' ``item.checked | default(...)``: the item's own flag when it is truthy, otherwise
    whether its value is the one the component was given (unless the flag says false)."""
    if item.get(flag):
        return item[flag]
    given = params.get("value")
    return bool(given) and value == given and item.get(flag) is not False


def _radios_known(params) -> bool:
    if not plain(params, _RADIOS, optional=False) or not _group_known(params):
        return False
    fieldset = params.get("fieldset")
    if fieldset and not (plain(fieldset, _FIELDSET) and plain(fieldset.get("legend"), _LEGEND, optional=False)):
        return False
    items = params.get("items")
    return isinstance(items, (list, tuple)) and all(
        not item or (
            plain(item, _RADIO, optional=False)
            and plain(item.get("hint"), _HINT)
            and plain(item.get("conditional"), {"html"})
            and plain(item.get("label"), {"classes"})
        )
        for item in items
    )


def _radio(params: dict, item: dict, index: int, id_prefix) -> str:
    item_id = str(item["id"]) if item.get("id") else _joined(id_prefix) + (f"-{index}" if index > 1 else "")
    if item.get("divider"):
        return f'<div class="govuk-radios__divider">{escape(item["divider"])}</div>'
    checked = _chosen(item, "checked", item.get("value", _MISSING), params)
    hint = item.get("hint")
    has_hint = bool(hint and (hint.get("text") or hint.get("html")))
    conditional = (item.get("conditional") or {}).get("html")
    value = escape(item["value"]) if "value" in item else ""
    out = [
        '<div class="govuk-radios__item">',
        f'<input class="govuk-radios__input" id="{escape(item_id)}" name="{escape(_joined(params.get("name", _MISSING)))}"'
        f' type="radio" value="{value}"'
        + (" checked" if checked else "")
        + (" disabled" if item.get("disabled") else "")
        + (f' data-aria-controls="conditional-{escape(item_id)}"' if conditional else "")
        + (f' aria-describedby="{escape(item_id)}-item-hint"' if has_hint else "")
        + ">",
    ]
    label = {key: item[key] for key in ("text", "html") if key in item}
    label["classes"] = "govuk-radios__label" + (f" {item['label']['classes']}" if (item.get("label") or {}).get("classes")
                                                else "")
    out.append(_label(label, item_id))
    if has_hint:
        hint = dict(hint, classes="govuk-radios__hint" + (f" {hint['classes']}" if hint.get("classes") else ""))
        out.append(_hint(hint, f"{item_id}-item-hint"))
    out.append("</div>")
    if conditional:
        hidden = "" if checked else " govuk-radios__conditional--hidden"
        out.append(f'<div class="govuk-radios__conditional{hidden}" id="conditional-{escape(item_id)}">'
                   f"{Markup(str(conditional).strip())}</div>")
    return "\n".join(part for part in out if part)


def _fieldset(fieldset: dict, described_by: str, inner_html: str, role: str = "") -> list[str]:
    legend = fieldset["legend"]
    described = f' aria-describedby="{escape(described_by)}"' if described_by else ""
    role = f' role="{role}"' if role else ""
    out = [f'<fieldset class="{_classes("govuk-fieldset", fieldset.get("classes"))}"{role}{described}>']
    if legend.get("html") or legend.get("text"):
        out.append(f'<legend class="{_classes("govuk-fieldset__legend", legend.get("classes"))}">')
        if legend.get("isPageHeading"):
            out.append(f'<h1 class="govuk-fieldset__heading">{_content(legend)}</h1>')
        else:
            out.append(_content(legend))
        out.append("</legend>")
    return out + [inner_html, "</fieldset>"]


def _radios(params: dict) -> str:
    id_prefix = params["idPrefix"] if params.get("idPrefix") else params.get("name", _MISSING)
    fieldset = params.get("fieldset")
    described_by = (fieldset.get("describedBy") or "") if fieldset else ""
    inner, described_by = _hint_and_error(params, id_prefix, described_by)
    inner.append(f'<div class="{_classes("govuk-radios", params.get("classes"))}" data-module="govuk-radios">')
    # Numbered as the macro's loop numbers them: items left empty count too.
    inner += [_radio(params, item, index, id_prefix) for index, item in enumerate(params["items"], 1) if item]
    inner.append("</div>")
    inner_html = "\n".join(inner)
    out = [_form_group(params)]
    out += _fieldset(fieldset, described_by, inner_html) if fieldset else [inner_html]
    out.append("</div>")
    return "\n".join(out)


def _select_known(params) -> bool:
    if not plain(params, _SELECT, optional=False) or "label" not in params or not _group_known(params):
        return False  # (without a label the macro fails, and should go on failing)
    if not plain(params.get("label"), _LABEL):
        return False
    items = params.get("items", [])
    return isinstance(items, (list, tuple)) and all(not item or plain(item, _OPTION, optional=False) for item in items)


def _select(params: dict) -> str:
    error = params.get("errorMessage")
    described_by = params.get("describedBy") or ""
    select_id = params["id"] if params.get("id") else params.get("name", _MISSING)
    out = [_form_group(params), _label(params.get("label") or {}, None if select_id is _MISSING else select_id)]
    parts, described_by = _hint_and_error(params, select_id, described_by)
    out += parts
    classes = _classes("govuk-select", params.get("classes"), "govuk-select--error" if error else None)
    out.append(
        f'<select class="{classes}" id="{escape(_joined(select_id))}" name="{escape(_joined(params.get("name", _MISSING)))}"'
        + (" disabled" if params.get("disabled") else "")
        + (f' aria-describedby="{escape(described_by)}"' if described_by else "")
        + ">"
    )
    for item in params.get("items") or []:
        if not item:
            continue
        # An option's value is its text when it has none, for choosing it (the macro's words).
        effective = item["value"] if "value" in item else item.get("text", _MISSING)
        value = ""
        if "value" in item:
            shown = str(item["value"]).lower() if isinstance(item["value"], bool) else item["value"]
            value = f' value="{escape(shown)}"'
        selected = " selected" if _chosen(item, "selected", effective, params) else ""
        disabled = " disabled" if item.get("disabled") else ""
        text = escape(item["text"]) if "text" in item else ""
        out.append(f"<option{value}{selected}{disabled}>{text}</option>")
    out += ["</select>", "</div>"]
    return "\n".join(part for part in out if part)


# GOV.UK's ``govukRadios(params)`` and ``govukSelect(params)``, written in Python where they can be.
govuk_radios = component(RADIOS_MACRO, "govukRadios", _radios_known, _radios)
govuk_select = component(SELECT_MACRO, "govukSelect", _select_known, _select)
