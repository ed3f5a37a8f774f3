"""Form fields shared by every app: GOV.UK date input, bounded text, version checks."""

import datetime

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core.widgets import GovukDateWidget
from carershub.core.ukdata import MESSAGES


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = GovukDateWidget

    def __init__(self, *, allow_future=True, allow_past=True, autocomplete_prefix=None, **kwargs):
        self.allow_future = allow_future
        self.allow_past = allow_past
        kwargs.setdefault("widget", GovukDateWidget(autocomplete_prefix=autocomplete_prefix))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.date):
            return value
        label = self.label or _("Date")
        missing = [part for part in ("day", "month", "year") if not value.get(part)]
        if missing:
            names = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
            raise forms.ValidationError(
                _("%(label)s must include %(parts)s")
                % {"label": label, "parts": _(" and ").join(str(names[p]) for p in missing)},
                code="incomplete",
            )
        try:
            day, month, year = (int(value[p]) for p in ("day", "month", "year"))
        except ValueError:
            raise forms.ValidationError(
                _("%(label)s must be a real date, using numbers only") % {"label": label}, code="invalid"
            ) from None
        if year < 1000:
            raise forms.ValidationError(_("Year must include 4 numbers"), code="invalid_year")
        try:
            return datetime.date(year, month, day)
        except (ValueError, OverflowError):  # a year like 99999999999999999999 overflows
            raise forms.ValidationError(_("%(label)s must be a real date") % {"label": label}, code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if not self.allow_future and value > today:
            self._refuse(_("%(label)s must be today or in the past"), "future")
        if not self.allow_past and value < today:
            self._refuse(_("%(label)s must be today or in the future"), "past")
        if value.year < 1900:
            self._refuse(_("%(label)s must be after 1900"), "too_old")

    def _refuse(self, message: str, code: str):
        # The label is translated only here, for a message: an import checks a million dates.
        raise forms.ValidationError(message % {"label": self.label or _("Date")}, code=code)

    def prepare_value(self, value):
        return value


def set_length_messages(form):
    """Say "First name must be 100 characters or less", not "Ensure this value has at most 100 characters".

    Uses the model field's name where there is one, so the message does not repeat "(optional)".
    """
    model = getattr(getattr(form, "_meta", None), "model", None)
    template = gettext(MESSAGES["text_too_long"])
    for name, field in form.fields.items():
        max_length = getattr(field, "max_length", None)
        if not (isinstance(field, forms.CharField) and max_length):
            continue
        label = field.label or name
        if model is not None:
            try:
                label = model._meta.get_field(name).verbose_name
            except FieldDoesNotExist:
                pass
        text = template % {"label": capfirst(str(label)), "max_length": max_length}
        # Django fills in its own %(limit_value)s parameters: escape any % in the label.
        field.error_messages["max_length"] = text.replace("%", "%%")


class GovukLengthMessagesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_length_messages(self)


class VersionedFormMixin:
    """Carries the record's version through the form so a second editor is detected."""

    version_conflict_message = _(
        "Somebody else changed this record while you were editing it. "
        "Your changes have not been saved. Check the record as it is now, then make your changes again."
    )

    def add_version_field(self):
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=True)
        if self.instance and self.instance.pk:
            self.initial.setdefault("version", self.instance.version)


class VersionOnlyForm(forms.Form):
    """A button that moves a record on (submit, agree, discard): carries only the version it was shown at."""

    version = forms.IntegerField(widget=forms.HiddenInput)
