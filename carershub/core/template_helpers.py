"""Turn Django form fields into the parameters GOV.UK Frontend macros expect.

Templates call ``form_field(form["name"])`` (a macro in components/forms.jinja) which
uses ``field_params`` to pick the component and fill in label, hint, value and error.
"""

from django import forms
from django.utils.translation import gettext as _

from carershub.core.widgets import GovukDateWidget
from carershub.people.validation import format_nhs_number as _format_nhs_number


def format_nhs_number(value):
    return _format_nhs_number(value) if value else ""


def _error(bound_field):
    if bound_field.errors:
        return {"text": " ".join(str(e) for e in bound_field.errors)}
    return None


def _component(widget) -> str:
    if isinstance(widget, GovukDateWidget):
        return "date"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
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
    """Parameters for the GOV.UK macro that suits this field's widget."""
    field = bound_field.field
    widget = field.widget
    component = overrides.pop("component", None) or _component(widget)
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
    label = {"text": label_text, "classes": label_classes}
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
        if component == "select":
            params["label"] = label
    elif component == "date":
        parts = widget.parts_for(value)
        has_error = bool(bound_field.errors)
        params["items"] = [
            {
                "id": f"{bound_field.auto_id}_{key}",
                "name": f"{bound_field.html_name}_{key}",
                "label": str(text),
                "value": parts[key],
                "classes": ("govuk-input--width-4" if key == "year" else "govuk-input--width-2")
                + (" govuk-input--error" if has_error else ""),
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
    else:
        params["label"] = label
        params["value"] = "" if value is None else str(value)
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
    params.update(overrides)
    return {"component": component, "params": params}


def error_summary_params(*forms_):
    """The error summary list, linking each message to the field it belongs to."""
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"text": str(error)})
        for bound_field in form:
            for error in bound_field.errors:
                target = bound_field.auto_id
                if isinstance(bound_field.field.widget, GovukDateWidget):
                    target = f"{bound_field.auto_id}_{bound_field.field.widget.first_invalid_part(bound_field)}"
                elif isinstance(bound_field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                    target = f"{bound_field.auto_id}"
                items.append({"text": str(error), "href": f"#{target}"})
    return {"titleText": _("There is a problem"), "errorList": items} if items else None
