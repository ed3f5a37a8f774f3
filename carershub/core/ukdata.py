"""UK data rules shared by every part of the service: NHS number, postcode, phone, email, dates.

Pure Python on purpose: no Django import, so the rules can be unit-tested
fast and reused by forms, the API and data imports alike.

Every check either returns a normalised value or raises ``ValidationProblem``.
A problem carries a stable ``code`` plus an English ``message`` written in
GOV.UK error-message style.

Translation: this module never translates. ``MESSAGES`` maps each code to an
English template, and the Django layer translates at display time::

    text = gettext(MESSAGES[problem.code])
    if problem.params:
        text = text % problem.params

The templates are wrapped in ``carershub.core.i18n.gettext_noop`` so that
Django's ``makemessages`` extracts them into the .po files.

Other pure modules add their own codes by subclassing ``ValidationProblem`` with
their own ``messages`` (see ``carershub.people.caring``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any, ClassVar, Final

from carershub.core.i18n import gettext_noop


# Codes are part of the contract with the Django layer and the API: keep them
# stable. Templates use %(name)s placeholders (filled from ValidationProblem.params
# after translation), because word order differs between languages, e.g. Welsh.
MESSAGES: Final[dict[str, str]] = {
    "nhs_number_required": gettext_noop("Enter an NHS number"),
    "nhs_number_characters": gettext_noop("NHS number must only include numbers 0 to 9"),
    "nhs_number_length": gettext_noop("NHS number must be 10 digits"),
    "nhs_number_checksum": gettext_noop("Enter a valid NHS number, like 943 476 5919"),
    "postcode_required": gettext_noop("Enter a postcode"),
    "postcode_invalid": gettext_noop("Enter a full UK postcode"),
    "postcode_prefix_invalid": gettext_noop(
        "Enter a postcode area, district or sector, like CF, CF37 or CF37 1"
    ),
    "date_of_birth_future": gettext_noop("Date of birth must be in the past"),
    "date_of_birth_too_old": gettext_noop("Date of birth must be within the last 125 years"),
    "date_in_future": gettext_noop("%(label)s must be today or in the past"),
    "text_too_long": gettext_noop("%(label)s must be %(max_length)s characters or less"),
    "phone_required": gettext_noop("Enter a telephone number"),
    "phone_invalid": gettext_noop(
        "Enter a UK telephone number, like 01632 960 001 or 07700 900 982"
    ),
    "email_required": gettext_noop("Enter an email address"),
    "email_invalid": gettext_noop(
        "Enter an email address in the correct format, like name@example.com"
    ),
}


class ValidationProblem(Exception):
    """A value broke a rule. ``code`` is stable; ``template`` is the English message to translate;
    ``message`` is it filled in, in English, for logs and tests."""

    messages: ClassVar[dict[str, str]] = MESSAGES

    def __init__(self, code: str, **params: Any) -> None:
        if code not in self.messages:
            # Fail loudly in development rather than show users a blank error.
            raise KeyError(f"Unknown validation code: {code!r}")
        self.code = code
        self.params = params
        self.template = self.messages[code]
        self.message = self.template % params if params else self.template
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"ValidationProblem(code={self.code!r}, message={self.message!r})"


# ---------------------------------------------------------------------------
# NHS number
# ---------------------------------------------------------------------------

# People copy NHS numbers from letters ("943 476 5919") and other systems
# ("485-777-3456"), so separators are tolerated; nothing else is.
_NHS_SEPARATORS = re.compile(r"[\s\-]+")


def _nhs_check_digit(first_nine: str) -> int | None:
    """Modulus 11 check digit, or None when the result is 10 (never issued)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1)))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def normalise_nhs_number(raw: str) -> str:
    """Return the NHS number as 10 digits with no spaces, or raise ValidationProblem.

    Also rejects ten identical digits (e.g. 0000000000, 1111111111): they pass
    the checksum but are placeholders typed to get past a form, not real numbers.
    """
    value = _NHS_SEPARATORS.sub("", raw or "")
    if not value:
        raise ValidationProblem("nhs_number_required")
    # isascii() stops non-ASCII digits such as Arabic-Indic numerals slipping through.
    if not (value.isascii() and value.isdigit()):
        raise ValidationProblem("nhs_number_characters")
    if len(value) != 10:
        raise ValidationProblem("nhs_number_length")
    if _nhs_check_digit(value[:9]) != int(value[9]) or len(set(value)) == 1:
        raise ValidationProblem("nhs_number_checksum")
    return value


def format_nhs_number(digits: str) -> str:
    """Display form "943 476 5919" (3-3-4, the NHS standard grouping).

    Does not check the checksum, so legacy or imported values can still be shown.
    Raises ValueError (a programming error, not user input) if not 10 digits.
    """
    value = _NHS_SEPARATORS.sub("", digits or "")
    if len(value) != 10 or not (value.isascii() and value.isdigit()):
        raise ValueError(f"NHS number must be 10 digits, got {digits!r}")
    return f"{value[:3]} {value[3:6]} {value[6:]}"


# ---------------------------------------------------------------------------
# Postcode
# ---------------------------------------------------------------------------

# Royal Mail format rules, applied after removing spaces and upper-casing:
#   outward: A9, A99, A9A, AA9, AA99, AA9A; inward: 9AA
#   - 1st letter never Q, V or X
#   - 2nd letter never I, J or Z
#   - letter in A9A (3rd position) only A B C D E F G H J K P S T U W
#   - letter in AA9A (4th position) only A B E H M N P R V W X Y
#   - inward letters never C I K M O V
# Plus the one historic exception GIR 0AA. BFPO and overseas territory
# postcodes (e.g. ASCN 1ZZ) and NHS pseudo-postcodes (ZZ99 ...) are not accepted.
_POSTCODE_RE = re.compile(
    r"""
    ^(?:
        (?P<gir>GIR)(?P<gir_inward>0AA)
      |
        (?P<outward>
            [A-PR-UWYZ]
            (?:
                [0-9][0-9]?                  # A9, A99
              | [A-HK-Y][0-9][0-9]?          # AA9, AA99
              | [0-9][A-HJKPSTUW]            # A9A
              | [A-HK-Y][0-9][ABEHMNPRVWXY]  # AA9A
            )
        )
        (?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})
    )$
    """,
    re.VERBOSE,
)


def normalise_postcode(raw: str) -> str:
    """Return the canonical form "CF37 1DL": upper case, one space before the inward code.

    Spaces and case are ignored on input ("cf371dl", " CF37  1DL " are fine),
    because the inward code is always the last three characters.
    """
    compact = re.sub(r"\s+", "", raw or "").upper()
    if not compact:
        raise ValidationProblem("postcode_required")
    match = _POSTCODE_RE.match(compact)
    if not match:
        raise ValidationProblem("postcode_invalid")
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_outward(postcode: str) -> str:
    """Outward code (postcode district), e.g. "CF37" from "CF37 1DL".

    Accepts raw input: it is normalised (and validated) first.
    """
    return normalise_postcode(postcode).split(" ")[0]


def postcode_district_sector(postcode: str) -> str:
    """Postcode sector, e.g. "CF37 1" from "CF37 1DL".

    Sectors (roughly 3,000 households) are the usual level for area reporting:
    small enough to be useful, coarse enough not to identify a household.
    """
    outward, inward = normalise_postcode(postcode).split(" ")
    return f"{outward} {inward[0]}"


# The parts of a postcode a council area can be looked up by, least to most specific:
#   area      "CF"      (the letters)
#   district  "CF37"    (the outward code); "EC1" also stands for the sub-districts EC1A to EC1Y
#   sector    "CF37 1"  (outward code and the inward code's digit)
# A district can straddle two councils, so a sector may be given where one district is split.
_PREFIX_RE = re.compile(
    r"^(?P<letters>[A-PR-UWYZ][A-HK-Y]?)(?:(?P<digits>[0-9][0-9]?)(?P<letter>[A-Z])?(?: (?P<sector>[0-9]))?)?$"
)


def normalise_postcode_prefix(raw: str) -> str:
    """A postcode area, district or sector as stored: upper case, one space before a sector's digit.

    "cf" -> "CF", " cf37 " -> "CF37", "cf37  1" -> "CF37 1". Anything else raises ValidationProblem.
    """
    words = (raw or "").upper().split()
    if not words:
        raise ValidationProblem("postcode_prefix_invalid")
    value = " ".join(words)
    # A sector needs its space: "CF371" could be district CF37, sector 1 or a typing slip.
    if len(words) > 2 or not _PREFIX_RE.match(value):
        raise ValidationProblem("postcode_prefix_invalid")
    return value


def postcode_prefixes(postcode: str) -> list[str]:
    """What a full postcode can be looked up by, most specific first.

    "CF37 1DL" -> ["CF37 1", "CF37", "CF"]; "EC1A 1BB" -> ["EC1A 1", "EC1A", "EC1", "EC"].
    Never a string prefix of another district: "CF3" is a district of its own, not part of "CF37".
    An invalid postcode has none.
    """
    try:
        outward, inward = normalise_postcode(postcode).split(" ")
    except ValidationProblem:
        return []
    letters = _letters_of(outward)
    prefixes = [f"{outward} {inward[0]}", outward]
    if outward[-1].isalpha() and outward[:-1] != letters:
        prefixes.append(outward[:-1])
    prefixes.append(letters)
    return prefixes


def _letters_of(outward: str) -> str:
    """The postcode area: the letters before the first digit ("CF" of "CF37", "W" of "W1A")."""
    for i, ch in enumerate(outward):
        if ch.isdigit():
            return outward[:i]
    return outward


def most_specific_prefix(postcode: str, known) -> str | None:
    """The most specific of ``known`` prefixes (sector, then district, then area) this postcode falls under.

    ``known`` is any container of normalised prefixes (normalise_postcode_prefix), such as the
    keys of a table of districts to council areas. None when none applies or the postcode is invalid.
    """
    for prefix in postcode_prefixes(postcode):
        if prefix in known:
            return prefix
    return None


# ---------------------------------------------------------------------------
# Dates and ages
# ---------------------------------------------------------------------------

MAX_AGE_YEARS: Final = 125


def _as_date(value: date) -> date:
    # datetime is a subclass of date but cannot be compared with one; forms
    # and imports sometimes hand us datetimes, so drop the time part.
    if isinstance(value, datetime):
        return value.date()
    return value


def years_before(day: date, years: int) -> date:
    """Same calendar day ``years`` earlier; 29 Feb becomes 28 Feb in a non-leap year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_after(day: date, years: int) -> date:
    """Same calendar day ``years`` later; 29 Feb becomes 28 Feb in a non-leap year."""
    return years_before(day, -years)


def check_not_future(d: date, today: date, field_label: str) -> date:
    """Return ``d`` if it is today or earlier.

    ``field_label`` is put into the message ("Date caring started must be
    today or in the past"); the caller should pass an already-translated label.
    """
    d = _as_date(d)
    if d > _as_date(today):
        raise ValidationProblem("date_in_future", label=field_label)
    return d


def check_date_of_birth(dob: date, today: date) -> date:
    """Return ``dob`` if plausible: not in the future and within the last 125 years.

    Today is allowed: records may be made for a newborn cared-for child.
    Exactly 125 years ago is allowed; one day earlier is not.
    """
    dob = _as_date(dob)
    today = _as_date(today)
    if dob > today:
        raise ValidationProblem("date_of_birth_future")
    if dob < years_before(today, MAX_AGE_YEARS):
        raise ValidationProblem("date_of_birth_too_old")
    return dob


def age_on(dob: date, on_date: date) -> int:
    """Age in whole years on ``on_date``.

    Someone born on 29 February turns a year older on 1 March in non-leap
    years (the usual UK legal reading), which the tuple comparison gives us.
    Raises ValueError if ``on_date`` is before ``dob``.
    """
    dob = _as_date(dob)
    on_date = _as_date(on_date)
    if on_date < dob:
        raise ValueError("on_date is before date of birth")
    had_birthday = (on_date.month, on_date.day) >= (dob.month, dob.day)
    return on_date.year - dob.year - (0 if had_birthday else 1)


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

# Characters nobody can see that change how a name shows or matches: the bidirectional
# embeddings and overrides (U+202A to U+202E) and isolates (U+2066 to U+2069), the directional
# marks (U+200E, U+200F, U+061C), the zero-width space, non-joiner and joiner (U+200B to U+200D),
# the word joiner (U+2060) and the byte-order mark (U+FEFF). They arrive by copy and paste from
# emails, web pages and other systems. An override can make a stored name display as another
# ("Trojan Source", CVE-2021-42574), and any of them makes two identical-looking names differ, so
# search and the duplicate check would miss the person. They are removed rather than refused:
# a worker cannot see them, so could not act on a message asking them to take them out. The
# non-joiner and joiner only change how letters join in some scripts (Persian, Indic); the letters
# themselves are all kept.
_INVISIBLE_IN_NAMES = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def clean_name(raw: str) -> str:
    """A name as typed, less invisible formatting characters, in composed form (NFC), trimmed.

    Composed form makes "Siân" one name however the accent was typed. May return "" when nothing
    visible was typed: the caller decides whether the name was required.
    """
    return unicodedata.normalize("NFC", _INVISIBLE_IN_NAMES.sub("", raw or "")).strip()


# ---------------------------------------------------------------------------
# Free text
# ---------------------------------------------------------------------------


def check_text_length(value: str, max_length: int, label: str) -> str:
    """Return ``value`` stripped of surrounding whitespace if it fits ``max_length``.

    Length is counted after stripping, so a pasted trailing newline does not
    push a value over the limit. ``label`` should already be translated.
    """
    value = (value or "").strip()
    if len(value) > max_length:
        raise ValidationProblem("text_too_long", label=label, max_length=max_length)
    return value


# ---------------------------------------------------------------------------
# Telephone
# ---------------------------------------------------------------------------

# UK national significant number (the digits after the leading 0):
#   - 10 digits starting 1, 2, 3, 5, 7, 8 or 9 (landlines, mobiles, non-geographic)
#   - 9 digits for some older 01 area codes and 0800 numbers
# Deliberately not checking ranges more finely: Ofcom allocations change.
_UK_NSN_RE = re.compile(r"[1235789][0-9]{9}|1[0-9]{8}|800[0-9]{6}")
# Separators people type or paste: spaces, hyphens, dots, brackets.
_PHONE_SEPARATORS = re.compile(r"[\s\-.()]+")


def normalise_phone(raw: str) -> str:
    """Return a UK phone number in E.164 form, e.g. "+447700900123".

    Accepts national form (07700 900123, (01632) 960001), +44, 0044, a bare
    44 prefix (as pasted from messaging apps) and "+44 (0)..." notation.
    Non-UK international numbers are rejected: the service phones UK carers.
    """
    value = (raw or "").strip()
    if not value:
        raise ValidationProblem("phone_required")
    has_plus = value.startswith("+")
    if has_plus:
        value = value[1:]
    digits = _PHONE_SEPARATORS.sub("", value)
    if not (digits.isascii() and digits.isdigit()):
        raise ValidationProblem("phone_invalid")

    if has_plus:
        if not digits.startswith("44"):
            raise ValidationProblem("phone_invalid")
        national = digits[2:]
    elif digits.startswith("0044"):
        national = digits[4:]
    elif digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("44") and len(digits) in (11, 12):
        national = digits[2:]
    else:
        raise ValidationProblem("phone_invalid")

    # One trunk 0 after the country code is dropped: this covers "+44 (0)7700..."
    # notation (brackets are stripped above) and the "+44 07700..." mistake.
    if (has_plus or digits.startswith(("0044", "44"))) and national.startswith("0"):
        national = national[1:]
    if not _UK_NSN_RE.fullmatch(national):
        raise ValidationProblem("phone_invalid")
    return f"+44{national}"


# How a UK number is written for people to read, by the UK numbering plan's number groups.
# The groupings below follow Ofcom's presentation conventions as widely used (the National
# Telephone Numbering Plan's own text was not checked here; the mixed 5-digit area codes are
# from memory of that plan and should be checked against it):
#   02x geographic (8-digit local number)       029 2018 0000      (3 4 4)
#   011x and 01x1 (7-digit local number)         0113 496 0000      (4 3 4)
#   01xxx mixed areas with 5-digit codes          015394 12345       (6 5) or 016977 1234 (6 4)
#   other 01xxx (6-digit local number)           01632 960 123      (5 3 3)
#   01xxx with a 5-digit local number            01632 96012        (5 5)
#   07 mobiles, pagers                           07700 900123       (5 6)
#   070 personal numbers, 055/056 VoIP/corporate 070 1234 5678      (3 4 4)
#   03, 05, 08, 09 non-geographic                0300 123 4567      (4 3 4)
#   0800 with a 6-digit number                   0800 123 456       (4 3 3)
_SIX_DIGIT_AREA_CODES: Final = frozenset(
    {"013873", "015242", "015394", "015395", "015396", "016973", "016974", "016977", "017683", "017684", "017687", "019467"}
)


def _groups(number: str, *sizes: int) -> str:
    parts, start = [], 0
    for size in sizes:
        parts.append(number[start : start + size])
        start += size
    parts.append(number[start:])
    return " ".join(part for part in parts if part)


def format_phone(value: str) -> str:
    """A UK phone number in the national format people read and dial: "+447700900123" -> "07700 900123".

    Accepts anything ``normalise_phone`` accepts, so it can be applied again to its own result.
    A value that is not a UK number (an old record typed another way) is returned as it was:
    showing it is better than hiding it.
    """
    try:
        national = "0" + normalise_phone(value)[3:]
    except ValidationProblem:
        return (value or "").strip()
    if len(national) == 11:
        if national.startswith("02"):
            return _groups(national, 3, 4)
        if national.startswith("011") or (national.startswith("01") and national[3] == "1"):
            return _groups(national, 4, 3)
        if national[:6] in _SIX_DIGIT_AREA_CODES:
            return _groups(national, 6)
        if national.startswith("01"):
            return _groups(national, 5, 3)
        if national.startswith(("070", "055", "056")):
            return _groups(national, 3, 4)
        if national.startswith("07"):
            return _groups(national, 5)
        return _groups(national, 4, 3)
    # Ten digits: an 01 number with a shorter local number, or 0800 with six digits.
    if national.startswith("0800"):
        return _groups(national, 4, 3)
    if national[:6] in _SIX_DIGIT_AREA_CODES:
        return _groups(national, 6)
    return _groups(national, 5)


# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------

# A basic, permissive check: the only sure test of an address is sending to it.
# Domain labels are letters, digits and hyphens (not at either end), with a
# top-level domain of 2+ letters or an IDNA "xn--" label.
_DOMAIN_LABEL_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TLD_RE = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def normalise_email(raw: str) -> str:
    """Return the address stripped, with the domain lower-cased.

    The local part (before @) keeps its case: in theory it is case-sensitive,
    and changing it could stop mail arriving.
    """
    value = (raw or "").strip()
    if not value:
        raise ValidationProblem("email_required")
    local, at, domain = value.rpartition("@")
    domain = domain.lower()
    if (
        not at
        or not local
        or len(local) > 64
        or len(value) > 254
        or "@" in local
        or any(ch.isspace() or ord(ch) < 32 for ch in local)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
    ):
        raise ValidationProblem("email_invalid")
    try:
        # Internationalised domains (e.g. Welsh accented names) are checked in
        # their ASCII form but stored as typed, lower-cased.
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValidationProblem("email_invalid") from None
    labels = ascii_domain.split(".")
    if (
        len(labels) < 2
        or not all(_DOMAIN_LABEL_RE.fullmatch(label) for label in labels)
        or not _TLD_RE.fullmatch(labels[-1])
    ):
        raise ValidationProblem("email_invalid")
    return f"{local}@{domain}"
