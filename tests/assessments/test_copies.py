"""Copies given to the carer through the views: the copy of the assessment record (page and PDF, audited,
in the carer's language), giving it to the carer or someone they asked, and issuing the decision letter:
refused before a decision or a required sign-off, once only on a double submit, each with its event."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.assessments import copies
from carershub.assessments import services as assessment_services
from carershub.assessments.models import AssessmentCopy, CopyDocument
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from tests import builders
from tests.pages import Page
from tests.welsh import compile_welsh_catalogue, cy

RECORD_HEADING = "Your carer's assessment: our record"


@pytest.fixture
def council(region):
    return region["orgs"]["council"]


@pytest.fixture
def practitioner(client_for):
    return client_for(Role.PRACTITIONER, organisation="centre")


@pytest.fixture
def carer(make_carer, practitioner):
    person = make_carer(given="Eira", family="Testcopy")
    person.carer.case_worker = practitioner.user
    person.carer.save()
    return person


def today_fields(prefix="given_on", day=None):
    day = day or timezone.localdate()
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


# --- The copy of the record -------------------------------------------------------------------------------


def test_the_record_shows_every_section_recorded_and_its_viewing_is_audited(practitioner, carer, council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council, eligible=True)

    response = practitioner.get(f"/assessments/{assessment.pk}/record/")

    assert response.status_code == 200
    page = Page(response)
    assert page.heading == RECORD_HEADING
    for recorded in ("Cares for her father every evening and overnight", "Partly", "Worried about next winter",
                     "To sleep through the night twice a week", "Gave up her job at the library",
                     "I love him but I am exhausted", "The carer and her brother",
                     "At least one of your needs as a carer meets the eligibility criteria for carers in Wales."):
        assert recorded in page.text, recorded
    for section in ("The care you give", "Being able and willing to care", "What you want to achieve",
                    "The effect on your well-being", "Work, education, training and leisure", "Your views",
                    "Who took part", "Our decision"):
        assert section in [h.text() for h in page.find_all("h2")], section
    assert AccessEvent.objects.filter(
        person_ref=carer.pk, part=AccessPart.ASSESSMENT_RECORD, action=AccessAction.VIEW
    ).count() == 1


def test_the_record_shows_the_matters_the_law_requires(practitioner, carer, council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council)
    assessment.matters = {"some.matter": {"answer": "Wants to go back to college", "does_not_apply": False}}
    assessment.save()

    page = Page(practitioner.get(f"/assessments/{assessment.pk}/record/"))

    assert "Wants to go back to college" in page.text


def test_the_record_pdf_is_tagged_and_its_download_audited(practitioner, carer, council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council)

    response = practitioner.get(f"/assessments/{assessment.pk}/record.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    facts = builders.pdf_facts(response.content)
    assert facts["tagged"] and facts["marked"] and facts["lang"] == "en-GB" and facts["title"] == RECORD_HEADING
    assert {"H1", "H2", "L", "LI"} <= facts["structure"]
    assert AccessEvent.objects.filter(part=AccessPart.ASSESSMENT_RECORD, action=AccessAction.EXPORT).count() == 1


def test_a_record_before_the_decision_says_nothing_is_decided_yet(practitioner, carer, council):
    assessment = assessment_services.start_assessment(
        carer=carer, assessment_type="carer", organisation=council, actor=practitioner.user
    )

    page = Page(practitioner.get(f"/assessments/{assessment.pk}/record/"))

    assert "We have not made a decision yet." in page.text


def test_the_record_is_in_welsh_for_a_welsh_speaking_carer(practitioner, make_carer, council):
    compile_welsh_catalogue()
    carer = make_carer(given="Eirlys", preferred_language="cy")
    carer.carer.case_worker = practitioner.user
    carer.carer.save()
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council)

    page = Page(practitioner.get(f"/assessments/{assessment.pk}/record/"))

    version = next(n for n in page.find_all("div") if "app-letter-version" in n.classes)
    assert version.attrs["lang"] == "cy"
    assert cy("Work, education, training and leisure") in version.text()
    facts = builders.pdf_facts(practitioner.get(f"/assessments/{assessment.pk}/record.pdf").content)
    assert facts["lang"] == "cy"


def test_giving_the_record_to_someone_the_carer_asked_needs_their_name(practitioner, carer, council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council)
    url = f"/assessments/{assessment.pk}/record/give/"

    response = practitioner.post(url, {"recipient": "someone_asked", "method": "post", **today_fields()})

    assert response.status_code == 200
    assert Page(response).error_for("recipient_name") == "Enter the name of the person the carer asked us to give it to"
    assert not AssessmentCopy.objects.exists() and not Event.objects.filter(kind=EventKind.ASSESSMENT_RECORD_GIVEN).exists()

    response = practitioner.post(
        url, {"recipient": "someone_asked", "recipient_name": "Rhys Testbrother", "method": "email", **today_fields()}
    )

    assert response.status_code == 302 and response.url == f"/assessments/{assessment.pk}/"
    copy = AssessmentCopy.objects.get()
    assert (copy.document, copy.recipient, copy.recipient_name, copy.method, copy.given_on, copy.given_by) == (
        CopyDocument.ASSESSMENT_RECORD, "someone_asked", "Rhys Testbrother", "email", timezone.localdate(),
        practitioner.user,
    )
    event = Event.objects.get(kind=EventKind.ASSESSMENT_RECORD_GIVEN)
    assert event.person == carer and event.data["recipient"] == "someone_asked"
    assert "Rhys" not in str(event.data), "the name stays on the copy, not in the counted event"


def test_the_record_given_to_the_carer_cannot_be_dated_in_the_future(practitioner, carer, council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = practitioner.post(
        f"/assessments/{assessment.pk}/record/give/", {"recipient": "carer", "method": "by_hand", **today_fields(day=tomorrow)}
    )

    assert response.status_code == 200 and Page(response).error_for("given_on")
    assert not AssessmentCopy.objects.exists()


# --- Issuing the letter --------------------------------------------------------------------------------------


def test_the_letter_cannot_be_issued_before_sign_off_and_can_after(
    practitioner, carer, council, make_user, new_client
):
    council.assessment_sign_off_required = True
    council.save()
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council)
    url = f"/assessments/{assessment.pk}/letter/issue/"

    shown = practitioner.get(url)
    assert shown.status_code == 200 and "has not been signed off yet" in Page(shown).text
    refused = practitioner.post(url, {"method": "post", **today_fields()})
    assert refused.status_code == 409 and "has not been signed off yet" in Page(refused).text
    assert not AssessmentCopy.objects.exists()
    assert not Event.objects.filter(kind=EventKind.ASSESSMENT_LETTER_ISSUED).exists()

    manager = new_client(make_user(Role.TEAM_MANAGER, organisation="council"))
    assessment.refresh_from_db()
    manager.post(f"/assessments/{assessment.pk}/sign-off/", {"version": assessment.version})

    issued = practitioner.post(url, {"method": "post", **today_fields()})

    assert issued.status_code == 302
    copy = AssessmentCopy.objects.get()
    assert (copy.document, copy.recipient, copy.method) == (CopyDocument.DECISION_LETTER, "carer", "post")
    event = Event.objects.get(kind=EventKind.ASSESSMENT_LETTER_ISSUED)
    assert event.person == carer and event.object_id == assessment.pk and event.data["method"] == "post"


def test_a_letter_issued_twice_from_the_same_form_is_recorded_once(practitioner, carer, council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council)
    url = f"/assessments/{assessment.pk}/letter/issue/"
    token = Page(practitioner.get(url)).value_of("form_token")
    assert token

    first = practitioner.post(url, {"form_token": token, "method": "by_hand", **today_fields()})
    second = practitioner.post(url, {"form_token": token, "method": "by_hand", **today_fields()})

    assert first.status_code == 302 and second.status_code == 302
    assert AssessmentCopy.objects.count() == 1
    assert Event.objects.filter(kind=EventKind.ASSESSMENT_LETTER_ISSUED).count() == 1


def test_the_letter_cannot_be_issued_before_the_decision_or_in_the_future(practitioner, carer, council):
    decided = timezone.now() - datetime.timedelta(days=10)
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council, decided_at=decided)
    url = f"/assessments/{assessment.pk}/letter/issue/"

    before = practitioner.post(url, {"method": "post", **today_fields(day=timezone.localdate(decided) - datetime.timedelta(days=1))})
    future = practitioner.post(url, {"method": "post", **today_fields(day=timezone.localdate() + datetime.timedelta(days=1))})

    assert before.status_code == 200 and "before the decision" in Page(before).error_for("given_on")
    assert future.status_code == 200 and Page(future).error_for("given_on")
    assert not AssessmentCopy.objects.exists()


def test_there_is_no_letter_to_issue_before_a_decision(practitioner, carer, council):
    assessment = assessment_services.start_assessment(
        carer=carer, assessment_type="carer", organisation=council, actor=practitioner.user
    )

    response = practitioner.post(f"/assessments/{assessment.pk}/letter/issue/", {"method": "post", **today_fields()})

    assert response.status_code == 409
    assert "there is no decision to write to the carer about yet" in Page(response).text
    assert not AssessmentCopy.objects.exists()
    with pytest.raises(copies.NotReady):
        copies.issue_letter(assessment, method="post", given_on=timezone.localdate(), actor=practitioner.user)


@pytest.mark.parametrize("role", [Role.FRONT_DOOR, Role.COMMISSIONER])
def test_only_practitioners_and_managers_of_the_council_or_the_assessor_give_copies(client_for, role, carer, council, make_user):
    assessor = make_user(Role.PRACTITIONER, organisation="centre")
    assessment = builders.decided_assessment(carer, actor=assessor, organisation=council)
    client = client_for(role)

    for url in (f"/assessments/{assessment.pk}/letter/issue/", f"/assessments/{assessment.pk}/record/give/"):
        response = client.post(url, {"method": "post", "recipient": "carer", **today_fields()})
        assert response.status_code in (403, 404)
    assert not AssessmentCopy.objects.exists()


def test_the_copies_partial_lists_what_was_given(practitioner, carer, council):
    from django.template.loader import render_to_string

    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=council)
    copies.give_record(assessment, recipient="someone_asked", recipient_name="Rhys Testbrother", method="post",
                       given_on=timezone.localdate(), actor=practitioner.user)

    html = render_to_string(
        "assessments/_copies.jinja",
        {"assessment": assessment, "copies_info": copies.copies_context(practitioner.user, assessment)},
    )

    page = Page(html)
    assert "Rhys Testbrother" in page.text
    for url in ("letter/", "letter.pdf", "record/", "record.pdf", "letter/issue/", "record/give/"):
        assert f"/assessments/{assessment.pk}/{url}" in page.links(), url
