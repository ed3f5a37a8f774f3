"""The mapping file: which of another system's columns fill which of our fields, and how.

Pure Python (no Django), like the other rules modules (DEVELOPERS.md decision 2): the command
reads a TOML file with ``tomllib``, this module checks it completely before a single row is
read, and turns each cell of a row into the value our forms then check. Every key is documented
in docs/import-mappings/README.md.

A mapping looks like this::

    kind = "people"                 # people, caring, contacts or consents: one kind per file
    source = "CarerBase"            # the other system's name; its row ids are unique within it
    source_id = "Client ref"        # their column that identifies each row
    date_format = "%d/%m/%Y"        # how their dates are written (each field may say otherwise)

    [fields]                        # our field = their column, or a table saying more
    given_name = "Forename"
    sex = { column = "Gender", values = { M = "male", F = "female", U = "" } }
    is_carer = { value = "yes" }    # the same for every row

Problems are ``MappingProblem`` (a ``ValidationProblem`` with its own codes and English
templates, marked for translation): the Django layer translates them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final

from carershub.core.i18n import gettext_noop
from carershub.core.ukdata import ValidationProblem


class MappingProblem(ValidationProblem):
    messages = {
        "unreadable": gettext_noop("The mapping file %(path)s cannot be read: %(error)s"),
        "not_toml": gettext_noop("The mapping file is not valid TOML: %(error)s"),
        "unknown_key": gettext_noop(
            "The mapping file has a key this import does not know: %(key)s. The keys are: %(known)s"
        ),
        "missing_key": gettext_noop("The mapping file must say %(key)s"),
        "not_text": gettext_noop("%(key)s in the mapping file must be text in quotes"),
        "unknown_kind": gettext_noop("kind must be one of: %(kinds)s (the mapping file says %(kind)s)"),
        "no_fields": gettext_noop("The mapping file has no [fields] table saying which columns fill which fields"),
        "unknown_field": gettext_noop(
            "%(field)s is not one of our fields for %(kind)s. Our fields are: %(fields)s"
        ),
        "field_not_mapped": gettext_noop(
            "The mapping must say where %(field)s comes from (a column, or a value for every row)"
        ),
        "field_spec": gettext_noop(
            "%(field)s must be a column name in quotes, or a table with column or value"
        ),
        "column_and_value": gettext_noop("%(field)s has both a column and a value: give one"),
        "unknown_field_key": gettext_noop(
            "%(field)s has a key this import does not know: %(key)s. The keys are: %(known)s"
        ),
        "key_not_for_field": gettext_noop("%(key)s does not apply to %(field)s"),
        "values_not_table": gettext_noop(
            "values for %(field)s must be a table of their values and ours, like { M = \"male\" }"
        ),
        "bad_format": gettext_noop(
            "%(field)s: the format %(format)s must use %%d, %%m (or %%b or %%B) and %%Y for a date, "
            "or %%H and %%M for a time, and nothing else after a %%"
        ),
        "unknown_column": gettext_noop(
            "The mapping names a column the file does not have: %(column)s. The file's columns are: %(columns)s"
        ),
        "source_id_mapped": gettext_noop(
            "%(field)s cannot come from the source id column %(column)s"
        ),
    }


# ---------------------------------------------------------------------------
# What each kind of file can fill
# ---------------------------------------------------------------------------

TEXT: Final = "text"
DATE: Final = "date"
TIME: Final = "time"
CHOICE: Final = "choice"  # one of our codes (a value map translates theirs)
CHOICES: Final = "choices"  # several codes in one cell, split by a separator
YES_NO: Final = "yes_no"
NUMBER: Final = "number"
PERSON: Final = "person"  # the source id of a person imported earlier from the same source
AREA: Final = "area"  # a council area, by its code (W06000016) or name
ORGANISATION: Final = "organisation"  # by ODS code or name

PEOPLE: Final = "people"
CARING: Final = "caring"
CONTACTS: Final = "contacts"
CONSENTS: Final = "consents"


@dataclass(frozen=True, slots=True)
class Field:
    type: str
    must_map: bool = False  # the mapping must say where it comes from


FIELDS: Final[dict[str, dict[str, Field]]] = {
    PEOPLE: {
        "given_name": Field(TEXT, must_map=True),
        "family_name": Field(TEXT, must_map=True),
        "preferred_name": Field(TEXT),
        "date_of_birth": Field(DATE),
        "nhs_number": Field(TEXT),
        "address_line_1": Field(TEXT),
        "address_line_2": Field(TEXT),
        "town": Field(TEXT),
        "postcode": Field(TEXT),
        "area": Field(AREA),
        "phone": Field(TEXT),
        "email": Field(TEXT),
        "preferred_contact_method": Field(CHOICE),
        "preferred_language": Field(CHOICE),
        "communication_needs": Field(TEXT),
        "sex": Field(CHOICE),
        "gender_same_as_sex": Field(CHOICE),
        "ethnic_group": Field(CHOICE),
        "religion": Field(CHOICE),
        "sexual_orientation": Field(CHOICE),
        "disability": Field(CHOICE),
        "gp_practice": Field(ORGANISATION),
        "school": Field(ORGANISATION),
        "employer": Field(TEXT),
        # A person is a carer unless is_carer says otherwise (most exports are of carers).
        "is_carer": Field(YES_NO),
        "identified_on": Field(DATE),
        "is_parent_carer": Field(YES_NO),
        "caring_ended_on": Field(DATE),
    },
    CARING: {
        "carer": Field(PERSON, must_map=True),
        "cared_for": Field(PERSON, must_map=True),
        "relationship": Field(CHOICE, must_map=True),
        "lives_with_carer": Field(YES_NO),
        "caring_since": Field(DATE),
        "hours_per_week": Field(NUMBER),
        "condition_groups": Field(CHOICES),
        "conditions_detail": Field(TEXT),
    },
    CONTACTS: {
        "person": Field(PERSON),
        "received_on": Field(DATE, must_map=True),
        "received_time": Field(TIME, must_map=True),
        "channel": Field(CHOICE, must_map=True),
        "caller_role": Field(CHOICE, must_map=True),
        "caller_name": Field(TEXT),
        "caller_organisation": Field(TEXT),
        "given_name": Field(TEXT),
        "family_name": Field(TEXT),
        "date_of_birth": Field(DATE),
        "postcode": Field(TEXT),
        "phone": Field(TEXT),
        "email": Field(TEXT),
        "cared_for_summary": Field(TEXT),
        "what_matters": Field(TEXT, must_map=True),
        "information_given": Field(TEXT),
        "signposted_to": Field(TEXT),
        "outcomes": Field(CHOICES, must_map=True),
        "referred_to": Field(ORGANISATION),
        "urgent_details": Field(TEXT),
    },
    CONSENTS: {
        "person": Field(PERSON, must_map=True),
        "organisation": Field(ORGANISATION, must_map=True),
        "purpose": Field(CHOICE, must_map=True),
        "given_on": Field(DATE, must_map=True),
        "method": Field(CHOICE, must_map=True),
        "expires_on": Field(DATE),
        "withdrawn_on": Field(DATE),
    },
}
KINDS: Final = tuple(FIELDS)

TOP_KEYS: Final = ("kind", "source", "source_id", "date_format", "delimiter", "sheet", "fields")
FIELD_KEYS: Final = ("column", "value", "default", "values", "date_format", "time_format", "separator")
DEFAULT_DATE_FORMAT: Final = "%d/%m/%Y"
DEFAULT_SEPARATOR: Final = ";"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Where one of our fields comes from, and how their values become ours."""

    name: str
    type: str
    column: str | None = None
    value: str | None = None
    default: str | None = None
    values: dict[str, str] | None = None
    date_format: str | None = None
    time_format: str | None = None
    separator: str = DEFAULT_SEPARATOR


@dataclass(frozen=True, slots=True)
class Mapping:
    kind: str
    source: str
    source_id: str
    fields: dict[str, FieldSpec]
    delimiter: str = ","
    sheet: str | None = None

    @property
    def columns(self) -> list[str]:
        """Every column of theirs the mapping reads, the source id first."""
        named = [self.source_id, *(spec.column for spec in self.fields.values() if spec.column)]
        return list(dict.fromkeys(named))

    def check_columns(self, header: list[str]) -> None:
        """Raise MappingProblem naming the first column the mapping wants and the file lacks."""
        present = set(header)
        for column in self.columns:
            if column not in present:
                raise MappingProblem(
                    "unknown_column", column=column, columns=", ".join(c for c in header if c) or "-"
                )


def _text(data: dict, key: str, *, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise MappingProblem("missing_key", key=key)
        return None
    if not isinstance(value, str) or not value.strip():
        raise MappingProblem("not_text", key=key)
    return value.strip()


def _as_text(value: Any) -> str:
    # TOML may hold a value map's value as a number or a boolean ({ 1 = true }): ours are text.
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _field_spec(kind: str, name: str, raw: Any, top_date_format: str) -> FieldSpec:
    known = FIELDS[kind]
    if name not in known:
        raise MappingProblem("unknown_field", field=name, kind=kind, fields=", ".join(known))
    ftype = known[name].type
    if isinstance(raw, str):
        raw = {"column": raw}
    if not isinstance(raw, dict):
        raise MappingProblem("field_spec", field=name)
    for key in raw:
        if key not in FIELD_KEYS:
            raise MappingProblem("unknown_field_key", field=name, key=key, known=", ".join(FIELD_KEYS))
    column = raw.get("column")
    value = raw.get("value")
    if column is not None and (not isinstance(column, str) or not column.strip()):
        raise MappingProblem("field_spec", field=name)
    if column is not None and value is not None:
        raise MappingProblem("column_and_value", field=name)
    if column is None and value is None:
        raise MappingProblem("field_spec", field=name)
    values = raw.get("values")
    if values is not None:
        if not isinstance(values, dict) or any(isinstance(v, (dict, list)) for v in values.values()):
            raise MappingProblem("values_not_table", field=name)
        values = {str(theirs).strip(): _as_text(ours).strip() for theirs, ours in values.items()}
    date_format = raw.get("date_format")
    if date_format is not None and ftype != DATE:
        raise MappingProblem("key_not_for_field", key="date_format", field=name)
    time_format = raw.get("time_format")
    if time_format is not None and ftype != TIME:
        raise MappingProblem("key_not_for_field", key="time_format", field=name)
    separator = raw.get("separator")
    if separator is not None and (ftype != CHOICES or not isinstance(separator, str) or not separator):
        raise MappingProblem("key_not_for_field", key="separator", field=name)
    if ftype == DATE:
        date_format = date_format or top_date_format
        if not isinstance(date_format, str) or not _format_ok(date_format, DATE):
            raise MappingProblem("bad_format", field=name, format=str(date_format))
    if time_format is not None and (not isinstance(time_format, str) or not _format_ok(time_format, TIME)):
        raise MappingProblem("bad_format", field=name, format=str(time_format))
    default = raw.get("default")
    return FieldSpec(
        name=name,
        type=ftype,
        column=column.strip() if column else None,
        value=None if value is None else _as_text(value),
        default=None if default is None else _as_text(default),
        values=values,
        date_format=date_format,
        time_format=time_format,
        separator=separator or DEFAULT_SEPARATOR,
    )


def parse_mapping(data: dict) -> Mapping:
    """A checked Mapping from the TOML's tables; raises MappingProblem on the first problem."""
    for key in data:
        if key not in TOP_KEYS:
            raise MappingProblem("unknown_key", key=key, known=", ".join(TOP_KEYS))
    kind = _text(data, "kind")
    if kind not in FIELDS:
        raise MappingProblem("unknown_kind", kinds=", ".join(KINDS), kind=kind)
    source = _text(data, "source")
    source_id = _text(data, "source_id")
    top_date_format = data.get("date_format", DEFAULT_DATE_FORMAT)
    if not isinstance(top_date_format, str) or not _format_ok(top_date_format, DATE):
        raise MappingProblem("bad_format", field="date_format", format=str(top_date_format))
    delimiter = _text(data, "delimiter", required=False) if data.get("delimiter") != "\t" else "\t"
    if delimiter is not None and len(delimiter) != 1:
        raise MappingProblem("not_text", key="delimiter")
    sheet = _text(data, "sheet", required=False)
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, dict) or not raw_fields:
        raise MappingProblem("no_fields")
    fields = {name: _field_spec(kind, name, raw, top_date_format) for name, raw in raw_fields.items()}
    for name, spec in FIELDS[kind].items():
        if spec.must_map and name not in fields:
            raise MappingProblem("field_not_mapped", field=name)
    for spec in fields.values():
        if spec.column == source_id:
            raise MappingProblem("source_id_mapped", field=spec.name, column=source_id)
    return Mapping(
        kind=kind, source=source, source_id=source_id, fields=fields, delimiter=delimiter or ",", sheet=sheet
    )


def load_mapping(path: str | Path) -> Mapping:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise MappingProblem("unreadable", path=str(path), error=error.strerror or str(error)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingProblem("not_toml", error=str(error)) from None
    return parse_mapping(data)


# ---------------------------------------------------------------------------
# Dates and times as they write them
# ---------------------------------------------------------------------------

_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DIRECTIVES: Final = {
    "d": r"(?P<day>\d{1,2})",
    "m": r"(?P<month>\d{1,2})",
    "b": r"(?P<month_name>[A-Za-z]{3,4})",
    "B": r"(?P<month_name>[A-Za-z]+)",
    # Any number of digits: a two-digit year reaches the form, which asks for four.
    "Y": r"(?P<year>\d+)",
    "H": r"(?P<hour>\d{1,2})",
    "M": r"(?P<minute>\d{2})",
    "S": r"(?P<second>\d{2})",
}
# A date-only format still reads "31/12/1961 00:00" or "1961-12-31T00:00:00": databases write midnight.
_MIDNIGHT: Final = r"(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?"


def _format_ok(fmt: str, kind: str) -> bool:
    try:
        directives = _directives(fmt)
    except ValueError:
        return False
    if kind == DATE:
        return "d" in directives and ("m" in directives or "b" in directives or "B" in directives) and "Y" in directives
    return "H" in directives and "M" in directives


def _directives(fmt: str) -> list[str]:
    found = re.findall(r"%(.)", fmt.replace("%%", ""))
    if any(d not in _DIRECTIVES for d in found) or len(found) != len(set(found)) or fmt.replace("%%", "").endswith("%"):
        raise ValueError(fmt)
    if "b" in found and "B" in found:
        raise ValueError(fmt)
    return found


_PATTERNS: dict[str, re.Pattern] = {}


def _pattern(fmt: str) -> re.Pattern:
    pattern = _PATTERNS.get(fmt)
    if pattern is None:
        parts, i = [], 0
        while i < len(fmt):
            if fmt[i] == "%" and i + 1 < len(fmt):
                parts.append("%" if fmt[i + 1] == "%" else _DIRECTIVES[fmt[i + 1]])
                i += 2
            else:
                parts.append(r"\s+" if fmt[i] == " " else re.escape(fmt[i]))
                i += 1
        tail = _MIDNIGHT if "H" not in fmt else ""
        pattern = _PATTERNS[fmt] = re.compile("".join(parts) + tail, re.IGNORECASE)
    return pattern


@dataclass(frozen=True, slots=True)
class DateParts:
    """Day, month and year as written: the form's date field judges them (a real date? four-digit year?)."""

    day: str
    month: str
    year: str

    def as_form_data(self) -> dict[str, str]:
        return {"day": self.day, "month": self.month, "year": self.year}


# Their value did not fit the format at all: the form says the date is not a real one.
NOT_A_DATE: Final = DateParts("x", "x", "x")


def date_parts(text: str, fmt: str) -> DateParts:
    match = _pattern(fmt).fullmatch(text)
    if not match:
        return NOT_A_DATE
    groups = match.groupdict()
    month = groups.get("month")
    if month is None:
        number = _MONTHS.get((groups.get("month_name") or "").lower())
        if number is None:
            return NOT_A_DATE
        month = str(number)
    return DateParts(groups["day"], month, groups["year"])


def time_text(text: str, fmt: str) -> str:
    """Their time as "HH:MM" (or "HH:MM:SS") for the form's time field; the text itself if it does not fit."""
    match = _pattern(fmt).fullmatch(text)
    if not match:
        return text
    groups = match.groupdict()
    second = groups.get("second")
    return f"{groups['hour']}:{groups['minute']}" + (f":{second}" if second else "")


# ---------------------------------------------------------------------------
# One cell to the value our forms check
# ---------------------------------------------------------------------------

YES_WORDS: Final = frozenset({"yes", "y", "true", "t", "1"})
NO_WORDS: Final = frozenset({"no", "n", "false", "f", "0", ""})


class NotYesOrNo(ValueError):
    """A yes/no field held something else; the Django layer says so with the field's name."""


def cell_text(cell: Any) -> str:
    """A cell as text: a spreadsheet's 9434765919.0 is "9434765919", a date "1961-04-03"."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.isoformat(sep=" ")
    if isinstance(cell, (date, time)):
        return cell.isoformat()
    return str(cell).strip()


def convert(spec: FieldSpec, cell: Any) -> Any:
    """Their cell as our form field wants it, before the form's own checks.

    Text for text and choice fields (a value map applied), a list for several choices,
    ``DateParts`` or a ``date`` for dates (a spreadsheet's date cell needs no format), text for
    times, True or False for yes/no (raising NotYesOrNo otherwise).
    """
    if spec.value is not None:
        cell = spec.value
    ftype = spec.type
    if ftype == DATE and isinstance(cell, datetime):
        return cell.date()
    if ftype == DATE and isinstance(cell, date):
        return cell
    if ftype == TIME and isinstance(cell, (time, datetime)):
        value = cell.time() if isinstance(cell, datetime) else cell
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    text = cell_text(cell)
    if not text and spec.default is not None:
        text = spec.default
    values = spec.values
    if ftype == CHOICES:
        items = [item.strip() for item in text.split(spec.separator)] if text else []
        if values:
            items = [values.get(item, item) for item in items]
        return [item for item in items if item]
    if values and text in values:
        text = values[text]
    if ftype == DATE:
        return date_parts(text, spec.date_format) if text else None
    if ftype == TIME:
        return time_text(text, spec.time_format) if text and spec.time_format else text
    if ftype == YES_NO:
        word = text.casefold()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise NotYesOrNo(text)
    return text
