"""Behaviour tests for the UK data rules (carershub.core.ukdata): NHS number, postcode, dates, text, phone, email.

The caring rules (carer type, hours bands) are tested in tests/people/test_caring.py.

All data is synthetic. NHS numbers are in the 999 range, which is never
issued to real patients; phone numbers are Ofcom drama numbers.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from carershub.core import ukdata
from carershub.core.ukdata import (
    MESSAGES,
    ValidationProblem,
    age_on,
    check_date_of_birth,
    check_not_future,
    check_text_length,
    format_nhs_number,
    normalise_email,
    normalise_nhs_number,
    normalise_phone,
    normalise_postcode,
    postcode_district_sector,
    postcode_outward,
)
from tests.conftest import imported_packages

TODAY = date(2025, 6, 15)


def problem_code(func, *args, **kwargs) -> str:
    with pytest.raises(ValidationProblem) as excinfo:
        func(*args, **kwargs)
    return excinfo.value.code


# ---------------------------------------------------------------------------
# Module hygiene
# ---------------------------------------------------------------------------


def test_module_does_not_import_django():
    assert "django" not in imported_packages(ukdata)


# ---------------------------------------------------------------------------
# ValidationProblem
# ---------------------------------------------------------------------------


def test_validation_problem_carries_code_and_message():
    problem = ValidationProblem("nhs_number_length")
    assert problem.code == "nhs_number_length"
    assert problem.message == "NHS number must be 10 digits"
    assert problem.params == {}
    assert str(problem) == problem.message


def test_validation_problem_fills_placeholders_but_keeps_params_for_translation():
    problem = ValidationProblem("text_too_long", label="Notes", max_length=500)
    assert problem.message == "Notes must be 500 characters or less"
    assert problem.params == {"label": "Notes", "max_length": 500}
    # The Django layer translates the template, then applies params.
    assert MESSAGES[problem.code] % problem.params == problem.message


def test_validation_problem_rejects_unknown_code():
    with pytest.raises(KeyError):
        ValidationProblem("no_such_code")


# ---------------------------------------------------------------------------
# NHS number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("9990000018", "9990000018"),
        ("999 000 0026", "9990000026"),
        ("999-000-0034", "9990000034"),
        ("  999 000 0042  ", "9990000042"),
        ("999\t000\u00a00069", "9990000069"),  # tab and non-breaking space from a paste
        ("9990000050", "9990000050"),  # check digit 0 (11 - 0 = 11 -> 0)
        ("9990000190", "9990000190"),
    ],
)
def test_valid_nhs_numbers_are_normalised_to_ten_digits(raw, expected):
    assert normalise_nhs_number(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "9990000019",  # last digit off by one
        "9990000017",
        "9990000081",  # two digits transposed (9990000018)
        "9990000051",  # check digit should be 0
    ],
)
def test_wrong_check_digit_is_rejected(raw):
    assert problem_code(normalise_nhs_number, raw) == "nhs_number_checksum"


@pytest.mark.parametrize("last_digit", "0123456789")
def test_number_whose_check_digit_would_be_10_is_always_invalid(last_digit):
    # Weighted sum of 999000014 leaves remainder 1, so the check digit would be
    # 10, which is never issued: no final digit can make it valid.
    assert problem_code(normalise_nhs_number, "999000014" + last_digit) == "nhs_number_checksum"


@pytest.mark.parametrize("raw", ["0000000000", "1111111111", "2222222222"])
def test_placeholder_numbers_of_one_repeated_digit_are_rejected(raw):
    assert problem_code(normalise_nhs_number, raw) == "nhs_number_checksum"


@pytest.mark.parametrize("raw", ["999000001", "99900000188", "1", "999 000 001"])
def test_wrong_length_is_rejected(raw):
    problem = pytest.raises(ValidationProblem, normalise_nhs_number, raw).value
    assert problem.code == "nhs_number_length"
    assert problem.message == "NHS number must be 10 digits"


@pytest.mark.parametrize("raw", ["999000001A", "999.000.0018", "999/000/0018", "٩٩٩٠٠٠٠٠١٨"])
def test_characters_other_than_digits_and_separators_are_rejected(raw):
    assert problem_code(normalise_nhs_number, raw) == "nhs_number_characters"


@pytest.mark.parametrize("raw", ["", "   ", " - ", None])
def test_blank_nhs_number_is_required(raw):
    assert problem_code(normalise_nhs_number, raw) == "nhs_number_required"


def test_checksum_message_is_govuk_style():
    problem = pytest.raises(ValidationProblem, normalise_nhs_number, "9990000019").value
    assert problem.message == "Enter a valid NHS number, like 943 476 5919"


def test_format_nhs_number_groups_3_3_4():
    assert format_nhs_number("9990000018") == "999 000 0018"
    assert format_nhs_number("999-000-0018") == "999 000 0018"


def test_format_nhs_number_does_not_validate_checksum():
    # Legacy values must still display.
    assert format_nhs_number("9990000019") == "999 000 0019"


@pytest.mark.parametrize("bad", ["999000001", "99900000AB", ""])
def test_format_nhs_number_rejects_non_ten_digit_values(bad):
    with pytest.raises(ValueError):
        format_nhs_number(bad)


# ---------------------------------------------------------------------------
# Postcode
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("SW1A 1AA", "SW1A 1AA"),  # AA9A
        ("M1 1AE", "M1 1AE"),  # A9
        ("B33 8TH", "B33 8TH"),  # A99
        ("CR2 6XH", "CR2 6XH"),  # AA9
        ("DN55 1PT", "DN55 1PT"),  # AA99
        ("EC1A 1BB", "EC1A 1BB"),  # AA9A
        ("W1A 0AX", "W1A 0AX"),  # A9A
        ("GIR 0AA", "GIR 0AA"),  # the historic exception
        ("cf371dl", "CF37 1DL"),
        ("  cf37   1dl ", "CF37 1DL"),
        ("Cf37 1Dl", "CF37 1DL"),
        ("sw1a1aa", "SW1A 1AA"),
        ("gir0aa", "GIR 0AA"),
        ("CF3 71DL", "CF37 1DL"),  # space in the wrong place is forgiven
    ],
)
def test_valid_postcodes_are_normalised(raw, expected):
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "CF37",  # outward code only
        "1DL",
        "QQ1 1QQ",  # Q never first
        "V1 1AA",  # V never first
        "X1 1AA",  # X never first
        "AI1 1AA",  # I never second
        "AJ1 1AA",
        "AZ1 1AA",  # Z never second
        "W1I 0AX",  # I not allowed in the A9A letter position
        "EC1C 1BB",  # C not allowed in the AA9A letter position
        "M1 1AC",  # C never in the inward code
        "M1 1IA",  # I never in the inward code
        "M1 1KA",
        "M1 1MA",
        "M1 1OA",
        "M1 1VA",
        "M1 AAA",  # inward must start with a digit
        "M1 11A",
        "MM111 1AA",  # outward too long
        "1M1 1AA",
        "CF37 1DL X",
        "CF37-1DL",
        "GIR 0AB",
        "ZZ99 3VZ",  # NHS "no fixed abode" pseudo-postcode, not a real postcode
    ],
)
def test_invalid_postcodes_are_rejected(raw):
    problem = pytest.raises(ValidationProblem, normalise_postcode, raw).value
    assert problem.code == "postcode_invalid"
    assert problem.message == "Enter a full UK postcode"


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_blank_postcode_is_required(raw):
    assert problem_code(normalise_postcode, raw) == "postcode_required"


@pytest.mark.parametrize(
    "raw, outward, sector",
    [
        ("cf371dl", "CF37", "CF37 1"),
        ("M1 1AE", "M1", "M1 1"),
        ("SW1A 1AA", "SW1A", "SW1A 1"),
        ("W1A 0AX", "W1A", "W1A 0"),
        ("GIR 0AA", "GIR", "GIR 0"),
    ],
)
def test_postcode_area_helpers(raw, outward, sector):
    assert postcode_outward(raw) == outward
    assert postcode_district_sector(raw) == sector


def test_postcode_area_helpers_validate_input():
    assert problem_code(postcode_outward, "CF37") == "postcode_invalid"
    assert problem_code(postcode_district_sector, "QQ1 1QQ") == "postcode_invalid"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def test_date_of_birth_in_the_past_is_returned():
    assert check_date_of_birth(date(1980, 3, 2), TODAY) == date(1980, 3, 2)


def test_date_of_birth_today_is_allowed():
    assert check_date_of_birth(TODAY, TODAY) == TODAY


def test_date_of_birth_tomorrow_is_rejected():
    problem = pytest.raises(ValidationProblem, check_date_of_birth, date(2025, 6, 16), TODAY).value
    assert problem.code == "date_of_birth_future"
    assert problem.message == "Date of birth must be in the past"


def test_date_of_birth_exactly_125_years_ago_is_allowed_but_not_a_day_more():
    assert check_date_of_birth(date(1900, 6, 15), TODAY) == date(1900, 6, 15)
    assert problem_code(check_date_of_birth, date(1900, 6, 14), TODAY) == "date_of_birth_too_old"


def test_125_year_limit_when_today_is_29_february():
    today = date(2024, 2, 29)  # 1899 has no 29 February
    assert check_date_of_birth(date(1899, 2, 28), today) == date(1899, 2, 28)
    assert problem_code(check_date_of_birth, date(1899, 2, 27), today) == "date_of_birth_too_old"


def test_date_of_birth_accepts_datetime_and_returns_a_date():
    result = check_date_of_birth(datetime(1980, 3, 2, 9, 30), TODAY)
    assert result == date(1980, 3, 2)
    assert type(result) is date


def test_check_not_future_allows_today_and_past():
    assert check_not_future(TODAY, TODAY, "Date caring started") == TODAY
    assert check_not_future(date(2020, 1, 1), TODAY, "Date caring started") == date(2020, 1, 1)


def test_check_not_future_rejects_future_with_label_in_message():
    problem = pytest.raises(
        ValidationProblem, check_not_future, date(2025, 6, 16), TODAY, "Date caring started"
    ).value
    assert problem.code == "date_in_future"
    assert problem.message == "Date caring started must be today or in the past"
    assert problem.params == {"label": "Date caring started"}


@pytest.mark.parametrize(
    "dob, on, expected",
    [
        (date(2007, 6, 15), date(2025, 6, 14), 17),  # day before 18th birthday
        (date(2007, 6, 15), date(2025, 6, 15), 18),  # on the birthday
        (date(2007, 6, 15), date(2025, 6, 16), 18),
        (date(2007, 12, 31), date(2025, 1, 1), 17),  # later month, earlier in year
        (date(2025, 6, 15), date(2025, 6, 15), 0),
        (date(2004, 2, 29), date(2025, 2, 28), 20),  # leapling: not yet in a non-leap year
        (date(2004, 2, 29), date(2025, 3, 1), 21),  # ...birthday counts on 1 March
        (date(2004, 2, 29), date(2024, 2, 28), 19),
        (date(2004, 2, 29), date(2024, 2, 29), 20),  # real birthday in a leap year
    ],
)
def test_age_on(dob, on, expected):
    assert age_on(dob, on) == expected


def test_age_on_before_birth_is_an_error():
    with pytest.raises(ValueError):
        age_on(date(2025, 6, 16), TODAY)


# ---------------------------------------------------------------------------
# Text length
# ---------------------------------------------------------------------------


def test_text_at_the_limit_is_allowed_and_stripped():
    assert check_text_length("  " + "a" * 10 + "\n", 10, "Notes") == "a" * 10


def test_text_over_the_limit_is_rejected_with_label_and_limit():
    problem = pytest.raises(ValidationProblem, check_text_length, "a" * 11, 10, "Notes").value
    assert problem.code == "text_too_long"
    assert problem.message == "Notes must be 10 characters or less"


def test_text_length_counts_characters_not_bytes():
    assert check_text_length("Siân ŵŷ", 7, "Name") == "Siân ŵŷ"


# ---------------------------------------------------------------------------
# Telephone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("07700 900123", "+447700900123"),
        ("07700900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("+447700900123", "+447700900123"),
        ("+44 (0)7700 900123", "+447700900123"),
        ("+44 07700 900123", "+447700900123"),  # stray trunk 0 tolerated
        ("0044 7700 900123", "+447700900123"),
        ("447700900123", "+447700900123"),
        ("07700-900-123", "+447700900123"),
        ("01632 960001", "+441632960001"),
        ("(01632) 960 001", "+441632960001"),
        ("020 7946 0999", "+442079460999"),
        ("0808 157 0192", "+448081570192"),
        ("01697 73456", "+44169773456"),  # 9-digit number in an older area code
        ("0800 123 456", "+44800123456"),  # 9-digit freephone
    ],
)
def test_uk_phone_numbers_are_normalised_to_e164(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "7700 900123",  # missing leading 0
        "0770090012",  # too short for a mobile
        "077009001234",  # too long
        "+33 1 23 45 67 89",  # not UK
        "+1 202 555 0100",
        "07700 9OO123",  # letter O for zero
        "07700 900123 ext 4",
        "04700 900123",  # 04 is not a UK range
        "06700 900123",
    ],
)
def test_invalid_phone_numbers_are_rejected(raw):
    assert problem_code(normalise_phone, raw) == "phone_invalid"


def test_blank_phone_is_required():
    assert problem_code(normalise_phone, "  ") == "phone_required"


# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("alys.pritchard@example.com", "alys.pritchard@example.com"),
        ("  Alys.Pritchard@EXAMPLE.Org.UK ", "Alys.Pritchard@example.org.uk"),  # local part kept
        ("carer+hub@example.co.uk", "carer+hub@example.co.uk"),
        ("dewi@enghraifft.cymru", "dewi@enghraifft.cymru"),
        ("dewi@ENGHRAIFFT-ŵ.cymru", "dewi@enghraifft-ŵ.cymru"),  # internationalised domain
    ],
)
def test_valid_emails_are_normalised(raw, expected):
    assert normalise_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "alys.example.com",
        "@example.com",
        "alys@",
        "alys@example",
        "alys@@example.com",
        "alys pritchard@example.com",
        "alys@exam ple.com",
        "alys@example..com",
        "alys@-example.com",
        "alys@example.c",
        "alys@example.123",
        ".alys@example.com",
        "alys..p@example.com",
        "a" * 65 + "@example.com",
    ],
)
def test_invalid_emails_are_rejected(raw):
    problem = pytest.raises(ValidationProblem, normalise_email, raw).value
    assert problem.code == "email_invalid"
    assert problem.message == "Enter an email address in the correct format, like name@example.com"


def test_blank_email_is_required():
    assert problem_code(normalise_email, "") == "email_required"


# ---------------------------------------------------------------------------
# Phone numbers as people read them
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        pytest.param("+447700900123", "07700 900123", id="mobile"),
        pytest.param("+442920180000", "029 2018 0000", id="02x geographic"),
        pytest.param("+441134960000", "0113 496 0000", id="011x"),
        pytest.param("+441214960000", "0121 496 0000", id="01x1"),
        pytest.param("+441632960123", "01632 960 123", id="other 01"),
        pytest.param("+44163296012", "01632 96012", id="01 with a five-digit local number"),
        pytest.param("+441539412345", "015394 12345", id="a mixed area's five-digit code"),
        pytest.param("+44169771234", "016977 1234", id="a mixed area's code, four-digit local number"),
        pytest.param("+443001234567", "0300 123 4567", id="03"),
        pytest.param("+448001234567", "0800 123 4567", id="0800"),
        pytest.param("+44800123456", "0800 123 456", id="0800 with six digits"),
        pytest.param("+449098790000", "0909 879 0000", id="09"),
        pytest.param("+447012345678", "070 1234 5678", id="070 personal number"),
        pytest.param("+445612345678", "056 1234 5678", id="056"),
    ],
)
def test_phone_numbers_are_shown_in_the_national_format(stored, shown):
    assert ukdata.format_phone(stored) == shown
    assert ukdata.format_phone(shown) == shown, "formatting twice changes nothing"


@pytest.mark.parametrize("typed", ["07700 900123", "07700900123", "+44 (0)7700 900123", "0044 7700 900 123"])
def test_any_way_a_number_was_typed_shows_the_same(typed):
    assert ukdata.format_phone(typed) == "07700 900123"


@pytest.mark.parametrize("old", ["ask at reception", "+33 1 23 45 67 89", "12345", ""])
def test_a_number_that_is_not_a_uk_one_is_shown_as_it_was(old):
    assert ukdata.format_phone(old) == old


# ---------------------------------------------------------------------------
# Postcode areas, districts and sectors (the table of council areas)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("postcode", "prefixes"),
    [
        ("CF37 1DL", ["CF37 1", "CF37", "CF"]),
        ("cf371dl", ["CF37 1", "CF37", "CF"]),
        ("EC1A 1BB", ["EC1A 1", "EC1A", "EC1", "EC"]),
        ("W1A 1AA", ["W1A 1", "W1A", "W1", "W"]),
        ("M1 1AE", ["M1 1", "M1", "M"]),
        ("not one", []),
    ],
)
def test_a_postcode_falls_under_its_sector_district_and_area(postcode, prefixes):
    assert ukdata.postcode_prefixes(postcode) == prefixes


def test_the_most_specific_known_prefix_wins_and_a_district_is_not_a_string_prefix():
    known = {"CF", "CF3", "CF37", "CF37 1"}

    assert ukdata.most_specific_prefix("CF37 1DL", known) == "CF37 1"
    assert ukdata.most_specific_prefix("CF37 2DL", known) == "CF37"
    assert ukdata.most_specific_prefix("CF31 1AA", known) == "CF"
    assert ukdata.most_specific_prefix("CF3 0AA", known) == "CF3"
    assert ukdata.most_specific_prefix("SA1 1AA", known) is None


@pytest.mark.parametrize(
    ("typed", "stored"), [("cf", "CF"), (" cf37 ", "CF37"), ("cf37  1", "CF37 1"), ("ec1a", "EC1A"), ("W1", "W1")]
)
def test_a_prefix_is_stored_in_one_form(typed, stored):
    assert ukdata.normalise_postcode_prefix(typed) == stored


@pytest.mark.parametrize("typed", ["", "CF371", "CF 1", "C F 3", "QA1", "CF37 1DL", "123"])
def test_a_prefix_that_is_not_one_is_refused(typed):
    assert problem_code(ukdata.normalise_postcode_prefix, typed) == "postcode_prefix_invalid"
