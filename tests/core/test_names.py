"""Names lose the invisible characters that would make them show or match as another name.

The rule is ukdata.clean_name (pure); every form where a name is typed applies it: a person's
details (new carer, cared-for person), a contact at the front door, the public self-assessment.
"""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from carershub.contacts.models import Contact
from carershub.core import ukdata
from carershub.people.models import Person
from carershub.selfassessment.models import SelfAssessment
from tests import formdata
from tests.conftest import imported_packages
from tests.pages import Page
from tests.selfassessment.test_self_assessment import self_assessment_data

# Every invisible character the rule removes: bidirectional embeddings, overrides and isolates,
# directional marks, zero-width space, non-joiner and joiner, word joiner, byte-order mark.
INVISIBLE = [
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\u200e", "\u200f", "\u061c",
    *map(chr, range(0x200B, 0x200E)),
    "\ufeff", "\u2060",
]
SPOOFED = "\u202eBron\u200bwen\u202c"  # shows reversed where overrides are honoured; "Bronwen" to a reader


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_each_invisible_character_is_removed(char):
    assert ukdata.clean_name(f"{char}Si{char}ân{char}") == "Siân"


def test_letters_spaces_hyphens_and_apostrophes_are_kept():
    assert ukdata.clean_name("  Mary-Jane O'Brien ") == "Mary-Jane O'Brien"
    assert ukdata.clean_name("Zoë ap Rhys") == "Zoë ap Rhys"


def test_an_accent_typed_as_a_separate_mark_becomes_one_letter():
    assert ukdata.clean_name("Sia\u0302n") == "Siân"


def test_nothing_visible_is_no_name():
    assert ukdata.clean_name("\u200b\u202e\ufeff ") == ""


def test_the_rule_is_pure():
    assert "django" not in imported_packages(ukdata)


def test_a_new_carer_record_stores_the_name_without_them(front_door):
    response = front_door.post("/people/new/", formdata.new_carer(given_name=SPOOFED, family_name="Test\u2066field\u2069"))

    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.given_name, person.family_name) == ("Bronwen", "Testfield")


def test_the_duplicate_check_sees_through_them(front_door, make_carer):
    make_carer(given="Bronwen", family="Testfield", dob=date(1968, 4, 12))

    response = front_door.post("/people/new/", formdata.new_carer(given_name=SPOOFED))

    assert response.status_code == 200
    assert "This person may already have a record" in Page(response).text
    assert Person.objects.count() == 1


def test_a_name_of_nothing_but_them_is_a_missing_name(front_door):
    response = front_door.post("/people/new/", formdata.new_carer(given_name="\u200b\u200d"))

    assert Page(response).error_for("given_name") == "Enter their first name"
    assert not Person.objects.exists()


def test_a_cared_for_person_is_stored_without_them(front_door, make_carer):
    carer = make_carer()

    response = front_door.post(
        f"/people/{carer.pk}/cared-for/new/", formdata.cared_for(**{"person-given_name": "\ufeffIdris\u200c"})
    )

    assert response.status_code == 302
    assert Person.objects.exclude(pk=carer.pk).get().given_name == "Idris"


def test_a_contact_stores_the_callers_names_without_them(front_door):
    data = formdata.contact(
        timezone.localtime() - timedelta(hours=1), given_name=SPOOFED, caller_name="Dr\u2067 Test\u2069", caller_role="professional"
    )

    response = front_door.post("/contacts/new/", data)

    assert response.status_code == 302, Page(response).error_summary
    contact = Contact.objects.get()
    assert (contact.given_name, contact.caller_name) == ("Bronwen", "Dr Test")


def test_the_self_assessment_stores_the_carers_name_without_them(region):
    afon = region["areas"]["afon"]

    response = Client().post(
        "/self-assessment/questions/", self_assessment_data(afon, given_name=SPOOFED, family_name="\u200fTestselfie")
    )

    assert response.status_code == 302
    sent = SelfAssessment.objects.get()
    assert (sent.given_name, sent.family_name) == ("Bronwen", "Testselfie")
