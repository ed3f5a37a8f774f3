"""Widgets whose markup comes from GOV.UK macros rather than Django's renderer."""

import datetime

from django import forms


class GovukDateWidget(forms.Widget):
    """Day, month and year boxes (the GOV.UK date input pattern)."""

    parts = ("day", "month", "year")

    def __init__(self, attrs=None, *, autocomplete_prefix: str | None = None, example_hint=None):
        super().__init__(attrs)
        self.autocomplete_prefix = autocomplete_prefix
        self.example_hint = example_hint

    def value_from_datadict(self, data, files, name):
        values = {part: (data.get(f"{name}_{part}") or "").strip() for part in self.parts}
        if not any(values.values()):
            return None
        return values

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{part}" in data for part in self.parts)

    def parts_for(self, value) -> dict:
        if isinstance(value, dict):
            return {part: value.get(part, "") for part in self.parts}
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, str) and value:
            try:
                parsed = datetime.date.fromisoformat(value)
            except ValueError:
                return dict.fromkeys(self.parts, "")
            return self.parts_for(parsed)
        return dict.fromkeys(self.parts, "")

    def autocomplete_for(self, part: str) -> str:
        if self.autocomplete_prefix:
            return {"day": "bday-day", "month": "bday-month", "year": "bday-year"}[part]
        return "off"

    def parts_in_error(self, bound_field) -> tuple[str, ...]:
        """Which of day, month and year to highlight: the missing ones, the year alone, or all three."""
        if not bound_field.errors:
            return ()
        errors = bound_field.form.errors.as_data().get(bound_field.name, [])
        codes = {error.code for error in errors}
        parts = self.parts_for(bound_field.value())
        if codes == {"incomplete"}:
            missing = tuple(part for part in self.parts if not parts[part])
            if missing:
                return missing
        if codes == {"invalid_year"}:
            return ("year",)
        return self.parts

    def first_invalid_part(self, bound_field) -> str:
        in_error = self.parts_in_error(bound_field)
        return in_error[0] if in_error else "day"
