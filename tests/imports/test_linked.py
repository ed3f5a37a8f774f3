"""Caring relationships, contacts and consents name people by the source system's ids."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.contacts.models import Contact
from carershub.imports.models import SourceRecord
from carershub.people.models import CaringRelationship, Consent, Person
from carershub.reporting.figures import Period, team_figures
from tests.builders import share_consented

PEOPLE = """
kind = "people"
source = "CarerBase"
source_id = "Ref"

[fields]
given_name = "Forename"
family_name = "Surname"
date_of_birth = "DOB"
is_carer = "Carer"
"""
CARING = """
kind = "caring"
source = "CarerBase"
source_id = "Link"

[fields]
carer = "Carer Ref"
cared_for = "Cared For Ref"
relationship = { column = "Relationship", values = { MUM = "parent", SON = "child" } }
lives_with_carer = "Same Address"
hours_per_week = "Hours"
condition_groups = { column = "Conditions", values = { DEM = "dementia", MH = "mental_health" } }
caring_since = "Since"
"""
CONTACTS = """
kind = "contacts"
source = "CarerBase"
source_id = "Call"

[fields]
person = "Client Ref"
received_on = { column = "When", date_format = "%d/%m/%Y %H:%M" }
received_time = { column = "When", time_format = "%d/%m/%Y %H:%M" }
channel = { column = "Method", values = { TEL = "phone" } }
caller_role = { value = "carer" }
given_name = "Caller Forename"
family_name = "Caller Surname"
what_matters = "Notes"
outcomes = { column = "Outcome", values = { INFO = "information_only", REF = "referral" }, default = "information_only" }
referred_to = "Referred To"
"""
CONSENTS = """
kind = "consents"
source = "CarerBase"
source_id = "Consent"

[fields]
person = "Client Ref"
organisation = "Shared With"
purpose = { value = "support_and_referral" }
given_on = "Given"
method = { value = "written" }
withdrawn_on = "Withdrawn"
"""


@pytest.fixture
def people(export, mapping_file, run_import):
    """Three people imported from CarerBase: carers C1 and C2, and M1, whom C1 cares for."""
    run_import(
        export([
            ["Ref", "Forename", "Surname", "DOB", "Carer"],
            ["C1", "Gwen", "Morgan", "01/02/1960", "Y"],
            ["C2", "Huw", "Morgan", "03/04/1988", "Y"],
            ["M1", "Mair", "Morgan", "05/06/1930", "N"],
        ], name="people.csv"),
        mapping_file(PEOPLE, name="people.toml"),
    )
    return {p.given_name: p for p in Person.objects.all()}


def test_caring_relationships_join_people_imported_before(people, export, mapping_file, run_import):
    header = ["Link", "Carer Ref", "Cared For Ref", "Relationship", "Same Address", "Hours", "Conditions", "Since"]
    rows = [
        header,
        ["L1", "C1", "M1", "MUM", "Y", "35", "DEM;MH", "01/01/2019"],
        ["L2", "C9", "M1", "MUM", "N", "", "", ""],
        ["L3", "C2", "C2", "SON", "N", "", "", ""],
        ["L4", "C2", "M1", "AUNT", "N", "200", "", ""],
    ]
    mapping = mapping_file(CARING, name="caring.toml")

    run = run_import(export(rows, name="caring.csv"), mapping)

    assert run.outcomes() == ["added", "rejected", "rejected", "rejected"]
    caring = CaringRelationship.objects.get()
    assert (caring.carer, caring.cared_for, caring.relationship) == (people["Gwen"], people["Mair"], "parent")
    assert (caring.lives_with_carer, caring.hours_per_week, caring.condition_groups) == (
        True, 35, ["dementia", "mental_health"]
    )
    assert run.row(3)["reason"] == (
        "Carer Ref: No person with the source id “C9” has been imported from CarerBase. Import the people file first"
    )
    assert run.row(4)["reason"] == "The carer and the person they care for are the same person"
    assert "Relationship: Select a valid choice. AUNT is not one of the available choices." in run.row(5)["reason"]
    assert "Hours: Hours of care a week must be between 0 and 168" in run.row(5)["reason"]
    event = Event.objects.get(kind=EventKind.IMPORTED, object_type="people.caringrelationship")
    assert (event.person, event.data["original_date"]) == (people["Gwen"], "2019-01-01")
    assert not Event.objects.filter(kind=EventKind.CARING_ADDED).exists()

    assert run_import(export(rows, name="caring.csv"), mapping).outcomes() == [
        "unchanged", "rejected", "rejected", "rejected"
    ]


def test_a_caring_pair_we_already_have_is_merged(people, export, mapping_file, run_import):
    ours = CaringRelationship.objects.create(carer=people["Gwen"], cared_for=people["Mair"], relationship="parent")
    header = ["Link", "Carer Ref", "Cared For Ref", "Relationship", "Same Address", "Hours", "Conditions", "Since"]

    run = run_import(export([header, ["L1", "C1", "M1", "MUM", "Y", "20", "", ""]], name="caring.csv"),
                     mapping_file(CARING, name="caring.toml"))

    assert run.outcomes() == ["merged"]
    assert run.row(2)["reason"].startswith(f"Merged with caring relationship {ours.pk}, between the same two people")
    ours.refresh_from_db()
    assert (ours.hours_per_week, ours.lives_with_carer) == (20, True)
    assert CaringRelationship.objects.count() == 1


def test_contacts_are_imported_as_history_not_as_new_work(people, export, mapping_file, run_import, make_user,
                                                          make_contact, region):
    worker = make_user(Role.FRONT_DOOR, username="importer")
    header = ["Call", "Client Ref", "When", "Method", "Caller Forename", "Caller Surname", "Notes", "Outcome",
              "Referred To"]
    rows = [
        header,
        ["K1", "C1", "14/03/2024 10:15", "TEL", "", "", "Needs a break at weekends", "INFO", ""],
        ["K2", "", "15/03/2024 16:40", "TEL", "Rhys", "Unknown", "Caring for a neighbour", "", ""],
        ["K3", "C1", "16/03/2024 09:00", "TEL", "", "", "Referral", "REF", ""],
        ["K4", "X1", "16/03/2024 09:00", "TEL", "", "", "Who is this?", "INFO", ""],
        ["K5", "C2", "16/03/1999 09:00", "TEL", "", "", "Too early", "INFO", ""],
        ["K6", "C2", "17/03/2024 11:00", "TEL", "", "", "Referred on", "REF", "Test Young Carers"],
    ]
    mapping = mapping_file(CONTACTS, name="contacts.toml")
    today = timezone.localdate()
    before = team_figures(Period(today, today))

    run = run_import(export(rows, name="contacts.csv"), mapping, "--user", "importer")

    assert run.outcomes() == ["added", "added", "rejected", "rejected", "rejected", "added"]
    first = Contact.objects.get(person=people["Gwen"])
    assert Contact.objects.get(person=people["Huw"]).referred_to == region["orgs"]["partner"]
    assert timezone.localtime(first.received_at).replace(tzinfo=None) == datetime.datetime(2024, 3, 14, 10, 15)
    assert (first.recorded_by, first.organisation, first.outcomes) == (
        worker, region["orgs"]["council"], ["information_only"]
    )
    unknown = Contact.objects.get(person=None)
    assert (unknown.given_name, unknown.family_name) == ("Rhys", "Unknown")
    assert run.row(4)["reason"] == "Referred To: Choose the organisation they were referred to"
    assert run.row(5)["reason"].startswith("Client Ref: No person with the source id “X1”")
    assert run.row(6)["reason"] == "When: Date of contact must be on or after 1 January 2000"
    # History, not new work: one "imported" event each, dated by the contact in its data.
    assert not Event.objects.filter(kind=EventKind.CONTACT_LOGGED).exists()
    event = Event.objects.get(kind=EventKind.IMPORTED, object_id=first.pk, object_type="contacts.contact")
    assert event.data["original_date"].startswith("2024-03-14T10:15")
    after = team_figures(Period(today, today))
    assert (after.contacts_logged, after.carers_identified) == (before.contacts_logged, before.carers_identified)

    # A contact logged at the front door today still counts, so the figure can move.
    from carershub.activity.services import record_event

    contact = make_contact(people["Gwen"])
    record_event(EventKind.CONTACT_LOGGED, actor=worker, person=people["Gwen"], obj=contact)
    assert team_figures(Period(today, today)).contacts_logged == before.contacts_logged + 1


def test_contacts_need_the_member_of_staff_who_logged_them(people, export, mapping_file, run_import):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Contacts need --user"):
        run_import(export([["Call", "Client Ref"]], name="contacts.csv"), mapping_file(CONTACTS, name="c.toml"))


def test_consents_are_kept_for_the_partners_referrals_and_a_withdrawal_is_kept(people, export, mapping_file, run_import,
                                                                            make_user, region):
    partner_worker = make_user(Role.PARTNER_WORKER, organisation="partner")
    header = ["Consent", "Client Ref", "Shared With", "Given", "Withdrawn"]
    rows = [
        header,
        ["S1", "C1", "Test Young Carers", "01/02/2024", ""],
        ["S2", "C2", "Test Young Carers", "01/02/2024", "01/03/2024"],
        ["S3", "C2", "Test Nowhere", "01/02/2024", ""],
        ["S4", "C2", "Test Befriending", "01/02/2024", "01/01/2024"],
        ["S5", "M1", "Test Befriending", "", ""],
        ["S6", "Z9", "Test Befriending", "01/02/2024", ""],
    ]
    mapping = mapping_file(CONSENTS, name="consents.toml")

    run = run_import(export(rows, name="consents.csv"), mapping)

    assert run.outcomes() == ["added", "added", "rejected", "rejected", "rejected", "rejected"]
    assert run.row(7)["reason"].startswith("Client Ref: No person with the source id “Z9” has been imported")
    # An imported consent opens nothing by itself (decision 36): a referral accepted under it does.
    assert not Person.objects.related_to(partner_worker).filter(pk=people["Gwen"].pk).exists()
    share_consented(Consent.objects.get(person=people["Gwen"]))
    assert Person.objects.related_to(partner_worker).filter(pk=people["Gwen"].pk).exists()
    assert not Consent.objects.active().filter(person=people["Huw"]).exists()  # withdrawn
    assert Consent.objects.get(person=people["Huw"]).withdrawn_on == datetime.date(2024, 3, 1)
    assert run.row(4)["reason"] == "Shared With: No organisation has the ODS code or name “Test Nowhere”"
    assert run.row(5)["reason"] == (
        "Withdrawn: The date consent was withdrawn must be on or after the date it was given"
    )
    assert run.row(6)["reason"] == "Given: This field is required."

    again = run_import(export(rows, name="consents.csv"), mapping)
    assert again.outcomes() == ["unchanged", "unchanged", "rejected", "rejected", "rejected", "rejected"]
    assert SourceRecord.objects.filter(kind="consents").count() == 2
