"""Each row checked by the same rules as the forms staff use, with the messages those forms show.

The rules are not written again here: each kind of row is checked by the fields of the
service's own forms (``PersonDetailsForm``, ``EqualityForm``, ``SettingsForm``,
``CarerProfileForm``, ``CaringRelationshipForm``, ``ContactForm``, ``ConsentForm``): a field's
``clean()``, then the form's ``clean_<field>()``, then, where it reads nothing from the
database, the form's own ``clean()`` for the rules between fields. A form is made once per
run, not once per row: building a form for each of a million rows would be most of the
import's time, and the form's checks of one field depend only on the values given.

What a form cannot check from a row (a council area or an organisation named in words, a
person named by another system's id) is looked up here or, for people, by the batch.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _

from carershub.contacts.forms import ContactForm
from carershub.core.forms import GovukDateField
from carershub.imports import mapping as m
from carershub.partnership.models import Area, Organisation
from carershub.people.forms import (
    CaringRelationshipForm,
    CarerProfileForm,
    ConsentForm,
    EqualityForm,
    PersonDetailsForm,
    SettingsForm,
)

MAX_SOURCE_ID = 100
# The database cannot store a NUL character; the forms refuse one with this message.
NO_NULS = ProhibitNullCharactersValidator()
MEMORY_PER_FIELD = 10_000
MEMORY_TRIAL = 2_000


@dataclass(slots=True)
class CheckedRow:
    """A row after the checks: our values, or what is wrong with it, in the reader's language."""

    number: int
    source_id: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    # Source ids of people this row names (carer, cared-for person, the person a contact is about).
    refs: dict[str, str] = field(default_factory=dict)
    # Worked out by the batch (imports/kinds.py): the row's hashes, its name keys, a note for the report.
    hashes: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""
    keys: tuple | None = None
    note: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


_UNSET = object()


class FormFields:
    """One form's own checks of its fields, run on plain values."""

    def __init__(self, form: forms.BaseForm, names, *, whole_form: bool = False):
        self.form = form
        self.steps = {}
        for name in names:
            if name in form.fields:
                self.steps[name] = (form.fields[name], getattr(form, f"clean_{name}", None))
        self.whole_form = whole_form

    def __contains__(self, name):
        return name in self.steps

    def clean_field(self, name: str, value: Any, cleaned: dict) -> Any:
        """The field's checks, then the form's ``clean_<name>``; raises ValidationError with the form's message."""
        formfield, method = self.steps[name]
        if isinstance(formfield, GovukDateField):
            value = _date_value(value)
        elif value is None:
            value = ""
        result = formfield.clean(value)
        if method is not None:
            cleaned[name] = result
            self.form.cleaned_data = cleaned
            result = method()
        return result

    def clean_form(self, cleaned: dict) -> dict[str, list[str]]:
        """The form's own ``clean()`` (its rules between fields), on these values; its errors by field."""
        form = self.form
        form.cleaned_data = cleaned
        form._errors = ErrorDict()
        try:
            result = form.clean()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if result is not None:
                cleaned.update(result)
        errors = {name: list(messages) for name, messages in form._errors.items()}
        form._errors = None
        return errors


def _date_value(value):
    """A date straight through; day, month and year as written for the form to judge."""
    if isinstance(value, m.DateParts):
        day, month, year = value.day, value.month, value.year
        if len(year) == 4 and day.isdigit() and month.isdigit() and year.isdigit():
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError:
                pass
        return value.as_form_data()
    return value


class Lookup:
    """Council areas or organisations found by their code or their name, loaded once per run."""

    def __init__(self, objects, codes, message: str):
        self.by_key = {}
        for obj in objects:
            for key in (*codes(obj), obj.name):
                if key:
                    self.by_key.setdefault(key.strip().casefold(), obj)
        self.message = message

    def find(self, text: str):
        found = self.by_key.get(text.strip().casefold())
        if found is None:
            raise ValidationError(self.message % {"value": text}, code="not_found")
        return found


def area_lookup() -> Lookup:
    return Lookup(Area.objects.all(), lambda a: (a.code,), _("No council area has the code or name “%(value)s”"))


def organisation_lookup(kind: str | None = None) -> Lookup:
    organisations = Organisation.objects.filter(is_active=True)
    if kind == Organisation.Kind.GP_PRACTICE:
        message = _("No GP practice has the ODS code or name “%(value)s”")
    elif kind == Organisation.Kind.SCHOOL:
        message = _("No school or college has the code or name “%(value)s”")
    else:
        message = _("No organisation has the ODS code or name “%(value)s”")
    if kind:
        organisations = organisations.filter(kind=kind)
    return Lookup(organisations, lambda o: (o.ods_code,), message)


REF, LOOKUP, FORM, PLAIN = range(4)
SIMPLE_TYPES = frozenset({m.TEXT, m.CHOICE})


class RowChecker:
    """Checks every row of one kind: the mapping reads the cells, the forms check the values."""

    def __init__(self, mapping: m.Mapping, groups: list[FormFields], lookups: dict[str, Lookup]):
        self.mapping = mapping
        self.groups = groups
        self.whole_forms = [group for group in groups if group.whole_form]
        self.lookups = lookups
        self.owner = {}
        for group in groups:
            for name in group.steps:
                self.owner.setdefault(name, group)
        # Each field's way through, worked out once: (name, their column, spec, plain text?, step, what checks it).
        self.steps = []
        for spec in mapping.fields.values():
            name = spec.name
            simple = spec.type in SIMPLE_TYPES and spec.value is None and spec.default is None and not spec.values
            if spec.type == m.PERSON:
                step, target = REF, None
            elif name in lookups:
                formfield = self.owner[name].steps[name][0] if name in self.owner else None
                step, target = LOOKUP, (lookups[name], formfield is not None and formfield.required, formfield)
            elif name in self.owner:
                step, target = FORM, self.owner[name]
            else:
                step, target = PLAIN, None
            self.steps.append([name, spec.column, spec, simple, step, target, {}, 0, 0])

    @staticmethod
    def _form_value(name, spec, simple, group, cell, values):
        """(True, our value) or (False, the form's messages) for one cell of a field a form checks."""
        if simple and type(cell) is str:
            value = cell.strip()
        else:
            try:
                value = m.convert(spec, cell)
            except m.NotYesOrNo:
                return False, [_("Answer yes or no, like Y or N")]
        try:
            return True, group.clean_field(name, value, values)
        except ValidationError as error:
            if value is m.NOT_A_DATE:
                # Not written the way the mapping says: the whole column may be, so say how.
                example = datetime.date(1961, 3, 27).strftime(spec.date_format)
                return False, [f"{message}. " + _("Dates must be written like %(example)s") % {"example": example}
                               for message in error.messages]
            return False, error.messages

    @staticmethod
    def remember(step, key, found):
        """Keep a cell's result. Most cells of an export repeat (blanks, codes, common names, dates of
        birth); each field's memory is emptied when it fills, so it stays small however long the file,
        and dropped for a field whose values hardly repeat (NHS numbers, email addresses)."""
        seen = step[6]
        if seen is None:
            return
        step[7] += 1  # values checked
        if step[7] == MEMORY_TRIAL and step[8] < MEMORY_TRIAL * 0.02:
            step[6] = None
            return
        if len(seen) >= MEMORY_PER_FIELD:
            seen.clear()
        seen[key] = found

    def label(self, name: str) -> str:
        """How a problem names the field: their column, or ours where the mapping gives a value."""
        spec = self.mapping.fields.get(name)
        return spec.column if spec is not None and spec.column else name

    def check(self, number: int, cells: dict[str, Any]) -> CheckedRow:
        source_id = m.cell_text(cells.get(self.mapping.source_id))
        row = CheckedRow(number=number, source_id=source_id)
        if not source_id:
            row.errors.append(_("%(column)s: the source id is blank. Every row needs one") % {
                "column": self.mapping.source_id
            })
            return row
        if "\x00" in source_id:
            row.errors.append(f"{self.mapping.source_id}: {NO_NULS.message}")
            return row
        if len(source_id) > MAX_SOURCE_ID:
            row.errors.append(_("%(column)s: the source id must be %(max)s characters or less") % {
                "column": self.mapping.source_id, "max": MAX_SOURCE_ID
            })
            return row
        values = row.values
        problems: dict[str, list[str]] = {}
        for step_ in self.steps:
            name, column, spec, simple, step, target, seen = step_[:7]
            cell = cells.get(column) if column is not None else None
            if step == FORM:
                # A cell's checks depend on that cell alone (and today's date), so a value seen
                # before is not read or checked again (see remember()).
                key = cell if type(cell) is str else (type(cell), cell)
                found = seen.get(key) if seen is not None else None
                if found is None:
                    found = self._form_value(name, spec, simple, target, cell, values)
                    self.remember(step_, key, found)
                elif step_[8] < MEMORY_TRIAL:
                    step_[8] += 1  # values found again, until the field has shown it repeats
                ok, result = found
                if ok:
                    values[name] = result
                else:
                    values.pop(name, None)
                    problems[name] = result
                continue
            if simple and type(cell) is str:
                value = cell.strip()
            else:
                try:
                    value = m.convert(spec, cell)
                except m.NotYesOrNo:
                    problems[name] = [_("Answer yes or no, like Y or N")]
                    continue
            if step == REF:
                if "\x00" in value:
                    problems[name] = [str(NO_NULS.message)]
                elif value:
                    row.refs[name] = value
            elif step == LOOKUP:
                lookup, required, formfield = target
                if value:
                    try:
                        values[name] = lookup.find(value).pk
                    except ValidationError as error:
                        problems[name] = error.messages
                elif required:
                    problems[name] = [formfield.error_messages["required"]]
                else:
                    values[name] = None
            else:
                values[name] = value
        for group in self.whole_forms:
            for name, messages in group.clean_form(values).items():
                problems.setdefault(name, []).extend(messages)
        if problems:
            for name, messages in problems.items():
                label = self.label(name) if name != "__all__" else self.mapping.source_id
                row.errors.extend(f"{label}: {message}" for message in messages)
        return row


# ---------------------------------------------------------------------------
# The checks of each kind of row
# ---------------------------------------------------------------------------


def people_checker(mapping: m.Mapping) -> RowChecker:
    details = PersonDetailsForm()
    carer = CarerProfileForm()
    # A blank takes the default a record made here gets: English, and identified today (the
    # new-carer page asks neither; the edit forms require them only because they show one).
    details.fields["preferred_language"].required = False
    carer.fields["identified_on"].required = False
    # Not the form's clean(): it looks up the NHS number in the database one row at a time;
    # the import looks up a whole batch at once and merges a row with the record it finds.
    groups = [
        FormFields(details, mapping.fields),
        FormFields(EqualityForm(), mapping.fields),
        FormFields(SettingsForm(), ["employer"]),
        FormFields(carer, ["identified_on", "is_parent_carer", "caring_ended_on"]),
    ]
    lookups = {"area": area_lookup()}
    if "gp_practice" in mapping.fields:
        lookups["gp_practice"] = organisation_lookup(Organisation.Kind.GP_PRACTICE)
    if "school" in mapping.fields:
        lookups["school"] = organisation_lookup(Organisation.Kind.SCHOOL)
    return RowChecker(mapping, groups, lookups)


def caring_checker(mapping: m.Mapping) -> RowChecker:
    return RowChecker(mapping, [FormFields(CaringRelationshipForm(), mapping.fields)], {})


class ContactChecker(RowChecker):
    """A contact about a known person has no caller details to check (the form drops them)."""

    def __init__(self, mapping):
        lookups = {"referred_to": organisation_lookup()}
        self.about_person = RowChecker(
            mapping, [FormFields(ContactForm(person=True), mapping.fields, whole_form=True)], lookups
        )
        super().__init__(mapping, [FormFields(ContactForm(), mapping.fields, whole_form=True)], lookups)

    def check(self, number, cells):
        spec = self.mapping.fields.get("person")
        if spec is not None and m.convert(spec, cells.get(spec.column) if spec.column else None):
            row = self.about_person.check(number, cells)
            for name in ("given_name", "family_name", "date_of_birth", "postcode", "phone", "email"):
                row.values.pop(name, None)
            return row
        return super().check(number, cells)


def consent_checker(mapping: m.Mapping) -> RowChecker:
    form = ConsentForm()
    # The date consent was withdrawn is not on the form (withdrawing is a button, dated today):
    # a past date, no earlier than the consent itself (checked with the record).
    form.fields["withdrawn_on"] = GovukDateField(label=_("Consent withdrawn on"), required=False, allow_future=False)
    return RowChecker(mapping, [FormFields(form, mapping.fields, whole_form=True)], {"organisation": organisation_lookup()})


CHECKERS = {
    m.PEOPLE: people_checker,
    m.CARING: caring_checker,
    m.CONTACTS: ContactChecker,
    m.CONSENTS: consent_checker,
}
