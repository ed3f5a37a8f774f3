"""Turn Django form fields into the parameters GOV.UK Frontend macros expect.

Templates call ``form_field(form["name"])`` (a macro in components/forms.jinja) which
uses ``field_params`` to pick the component and fill in label, hint, value and error.
"""

from numbers import Number

from django import forms
from django.utils.translation import gettext as _

from carershub.core.widgets import GovukDateWidget
from carershub.core.ukdata import format_nhs_number as _format_nhs_number


def format_nhs_number(value):
    return _format_nhs_number(value) if value else ""


def _error(bound_field):
    if bound_field.errors:
        # visuallyHiddenText: the "Error:" a screen reader hears first (the macro's default is English only).
        return {"text": " ".join(str(e) for e in bound_field.errors), "visuallyHiddenText": _("Error")}
    return None


def _character_count_text() -> dict:
    """The character count's messages (shown and updated by GOV.UK Frontend's JavaScript) in our language.

    ``%{count}`` is GOV.UK Frontend's own marker, replaced by the count in the browser.
    """
    return {
        "textareaDescriptionText": _("You can enter up to %{count} characters"),
        "charactersUnderLimitText": {
            "one": _("You have %{count} character remaining"),
            "other": _("You have %{count} characters remaining"),
        },
        "charactersAtLimitText": _("You have 0 characters remaining"),
        "charactersOverLimitText": {
            "one": _("You have %{count} character too many"),
            "other": _("You have %{count} characters too many"),
        },
    }


def _component(widget) -> str:
    if isinstance(widget, GovukDateWidget):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect in Django: test for it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def _choices(bound_field, selected):
    items = []
    for value, label in bound_field.field.choices:
        value = "" if value is None else str(value)
        items.append({"value": value, "text": str(label), "checked": value in selected, "selected": value in selected})
    return items


def field_params(bound_field, **overrides):
    """Parameters for the GOV.UK macro that suits this field's widget.

    ``item_conditionals`` (radios and checkboxes only) maps a choice's value to HTML shown under
    that choice when it is selected: the GOV.UK "conditionally revealing a related question" pattern.
    """
    field = bound_field.field
    widget = field.widget
    component = overrides.pop("component", None) or _component(widget)
    item_conditionals = overrides.pop("item_conditionals", None) or {}
    label_text = str(bound_field.label)
    hint = overrides.pop("hint", field.help_text)
    label_classes = overrides.pop("label_classes", "")
    is_page_heading = overrides.pop("is_page_heading", False)
    params = {
        "id": bound_field.auto_id,
        "name": bound_field.html_name,
        "errorMessage": _error(bound_field),
    }
    if isinstance(hint, dict):
        params["hint"] = hint
    elif hint:
        params["hint"] = {"text": str(hint)}
    # Bold labels, like the bold legends of radios, checkboxes and dates, so every question on a page looks alike.
    label = {"text": label_text, "classes": label_classes or "govuk-label--s"}
    if is_page_heading:
        label.update({"isPageHeading": True, "classes": label_classes or "govuk-label--l"})
    value = bound_field.value()

    if component in ("radios", "checkboxes", "date"):
        legend = {"text": label_text, "classes": label_classes or "govuk-fieldset__legend--s"}
        if is_page_heading:
            legend.update({"isPageHeading": True, "classes": label_classes or "govuk-fieldset__legend--l"})
        params["fieldset"] = {"legend": legend}
        params["idPrefix"] = params.pop("id")
    if component in ("radios", "checkboxes", "select"):
        if component == "checkboxes":
            selected = {str(v) for v in (value or [])}
        else:
            selected = {"" if value is None else str(value)}
        params["items"] = _choices(bound_field, selected)
        for item in params["items"]:
            html = item_conditionals.get(item["value"])
            if html and component in ("radios", "checkboxes"):
                item["conditional"] = {"html": html}
        if component == "select":
            params["label"] = label
    elif component == "date":
        parts = widget.parts_for(value)
        in_error = widget.parts_in_error(bound_field)
        params["items"] = [
            {
                "id": f"{bound_field.auto_id}_{key}",
                "name": f"{bound_field.html_name}_{key}",
                "label": str(text),
                "value": parts[key],
                "classes": ("govuk-input--width-4" if key == "year" else "govuk-input--width-2")
                + (" govuk-input--error" if key in in_error else ""),
                "inputmode": "numeric",
                "autocomplete": widget.autocomplete_for(key),
            }
            for key, text in (("day", _("Day")), ("month", _("Month")), ("year", _("Year")))
        ]
        params["id"] = bound_field.auto_id
        if not hint and widget.example_hint:
            params["hint"] = {"text": str(widget.example_hint)}
    elif component == "checkbox":
        params = {
            "idPrefix": params["id"],
            "name": params["name"],
            "errorMessage": params["errorMessage"],
            "items": [{"value": "on", "text": label_text, "checked": bool(value), "hint": params.get("hint")}],
        }
        if item_conditionals.get("on"):
            params["items"][0]["conditional"] = {"html": item_conditionals["on"]}
    else:
        params["label"] = label
        params["value"] = "" if value is None else str(value)
        if isinstance(widget, forms.PasswordInput) and not widget.render_value:
            # Never send a password back to the browser, even after a mistake.
            params["value"] = ""
        attrs = {k: v for k, v in widget.attrs.items() if k not in ("class",)}
        if component == "input":
            params["type"] = getattr(widget, "input_type", "text") or "text"
            for key in ("autocomplete", "inputmode", "spellcheck"):
                if key in attrs:
                    params[key] = attrs.pop(key)
            if "class" in widget.attrs:
                params["classes"] = widget.attrs["class"]
        elif component == "textarea":
            params["rows"] = attrs.pop("rows", 5)
        params["attributes"] = {k: v for k, v in attrs.items() if k in ("maxlength", "pattern", "autocapitalize")}
        if getattr(field, "max_length", None) and component in ("input", "textarea"):
            params["attributes"].setdefault("maxlength", field.max_length)
        if component == "textarea" and params["attributes"].get("maxlength"):
            params.update(_character_count_text())  # components/forms.jinja shows these as a character count
    params.update(overrides)
    return {"component": component, "params": params}


def error_summary_params(*forms_, order=None, non_field_href=None):
    """The error summary list, linking each message to the field it belongs to.

    Messages follow the forms' field order; pass ``order`` (field names) when the page shows the
    fields in another order, so the summary reads in the same order as the page.
    ``non_field_href`` links messages about the whole form (like a wrong password) to a field.
    """
    items = []
    rank = {name: i for i, name in enumerate(order or [])}
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            item = {"text": str(error)}
            if non_field_href:
                item["href"] = non_field_href
            items.append(item)
        bound_fields = sorted(form, key=lambda bf: rank.get(bf.name, len(rank)))  # sorted() is stable
        for bound_field in bound_fields:
            for error in bound_field.errors:
                items.append({"text": str(error), "href": f"#{_error_target(bound_field)}"})
    return {"titleText": _("There is a problem"), "errorList": items} if items else None


def _error_target(bound_field) -> str:
    """The id of the element an error summary link should move focus to."""
    widget = bound_field.field.widget
    if isinstance(widget, GovukDateWidget):
        # The first box that needs fixing: GOV.UK date inputs are "id_<field>_day" and so on.
        return f"{bound_field.auto_id}_{widget.first_invalid_part(bound_field)}"
    # Radios and checkboxes: the macros give the first item the field's own id (the others "-2", "-3"...),
    # and a single checkbox or any other input has that id too.
    return bound_field.auto_id


def shown_count(value):
    """A published count with thousands separators ("12,345"); anything else, such as the words
    that stand in for a hidden number ("fewer than 5"), as it is. Every figures page writes dozens:
    a function, where a template macro cost several times as much each."""
    return f"{value:,}" if isinstance(value, Number) else value
