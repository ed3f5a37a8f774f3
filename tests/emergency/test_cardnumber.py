"""The card number's pure rules: random, twelve digits, a Damm check digit, read in groups of four."""

import random

import pytest

from carershub.support.emergency import cardnumber


def test_a_new_number_has_twelve_digits_and_checks():
    number = cardnumber.new_number()
    assert len(number) == 12 and number.isdigit()
    assert cardnumber.is_valid(number)


def test_numbers_are_random_not_sequential():
    numbers = {cardnumber.new_number() for _ in range(200)}
    assert len(numbers) == 200
    ordered = sorted(int(n[:-1]) for n in numbers)
    assert not all(b - a == 1 for a, b in zip(ordered, ordered[1:]))


def test_every_single_wrong_digit_is_caught():
    rng = random.Random(7)
    for _ in range(100):
        number = cardnumber.new_number(rng.randrange)
        for position in range(12):
            for digit in "0123456789":
                if digit != number[position]:
                    wrong = number[:position] + digit + number[position + 1 :]
                    assert cardnumber.read(wrong)[0] == cardnumber.MISTYPED


def test_every_swap_of_neighbouring_digits_is_caught():
    rng = random.Random(11)
    for _ in range(300):
        number = cardnumber.new_number(rng.randrange)
        for position in range(11):
            a, b = number[position], number[position + 1]
            if a != b:
                swapped = number[:position] + b + a + number[position + 2 :]
                assert cardnumber.read(swapped)[0] == cardnumber.MISTYPED


@pytest.mark.parametrize("typed", ["", "1234", "1234 5678 901", "1234 5678 90123", "abcd efgh ijkl", "١٢٣٤٥٦٧٨٩٠١٢"])
def test_what_is_not_twelve_digits_is_malformed(typed):
    assert cardnumber.read(typed)[0] == cardnumber.MALFORMED


def test_a_number_is_read_however_it_is_spaced_and_shown_in_groups_of_four():
    number = cardnumber.new_number()
    spaced = f" {number[:4]}-{number[4:8]} {number[8:]} "
    assert cardnumber.read(spaced) == (cardnumber.OK, number)
    assert cardnumber.grouped(number) == f"{number[:4]} {number[4:8]} {number[8:]}"


def test_the_known_damm_example():
    # Damm's own worked example: 572 has check digit 4.
    assert cardnumber.check_digit("572") == "4"


def test_waits_grow_after_the_free_wrong_numbers_and_stop_at_the_cap():
    waits = [cardnumber.lookup_wait(n, free=5, cap=60) for n in range(12)]
    assert waits[:5] == [0, 0, 0, 0, 0]
    assert waits[5:] == [2, 4, 8, 16, 32, 60, 60]


def test_the_card_number_rules_are_pure():
    from tests.conftest import imported_packages

    assert imported_packages(cardnumber) <= {"secrets", "carershub"}
