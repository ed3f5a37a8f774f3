"""Carers' self-assessment: the public form, its protections, and staff turning it into a draft assessment."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.assessments import wellbeing
from carershub.assessments.models import Assessment, AssessmentSource
from carershub.selfassessment import services as self_services
from carershub.selfassessment.models import SelfAssessment
from carershub.selfassessment.views import RATE_LIMIT
from carershub.audit.models import AccessEvent
from carershub.core.locking import StaleRecordError
from carershub.partnership.models import Organisation
from carershub.people.models import CarerProfile, Person
from tests.pages import Page

QUESTIONS = "/self-assessment/questions/"


def self_assessment_data(area, **overrides) -> dict:
    """What a carer types into the public form. Everyone here is invented."""
    data = {
        "area": str(area.pk),
        "made_by": "self",
        "helper_name": "",
        "given_name": "Gwen",
        "family_name": "Testselfie",
        "date_of_birth_day": "14",
        "date_of_birth_month": "2",
        "date_of_birth_year": "1966",
        "postcode": "af1 2ab",
        "email": "gwen@example.com",
        "phone": "",
        "caring_role": "I help my husband wash and dress every morning.\nI am up most nights.",
        "cared_for_needs": "He has Parkinson's and falls often.",
        "able_to_care": "partly",
        "willing_to_care": "yes",
        "future_caring": "My own knees are getting worse.",
        "outcomes_wanted": "A full night's sleep once a week.",
        "work_education_leisure": "I gave up my job at the library.",
        "carer_views": "I love him but I am exhausted.",
        "website": "",
    }
    for code in wellbeing.AREAS_BY_NATION[area.nation]:
        data[f"{code}_impact"] = "some"
        data[f"{code}_notes"] = ""
    data["health_impact"] = "significant"
    data["health_notes"] = "I am always tired."
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def public(db):
    """A carer's browser: not signed in."""
    return Client()


@pytest.fixture
def afon(region):
    return region["areas"]["afon"]  # Wales, with a council


@pytest.fixture
def marches(region):
    return region["areas"]["marches"]  # England, no council in the test region


@pytest.fixture
def send(public):
    def _send(area, client=None, **overrides):
        return (client or public).post(QUESTIONS, self_assessment_data(area, **overrides))

    return _send


# --- The public pages -------------------------------------------------------------------


def test_a_carer_can_open_every_step_without_signing_in(public, afon):
    for path in ("/self-assessment/", "/self-assessment/where-you-live/", f"{QUESTIONS}?area={afon.pk}"):
        response = public.get(path)
        assert response.status_code == 200, path
        assert len(Page(response).find_all("h1")) == 1, path


def test_the_start_page_leads_to_the_area_question(public):
    page = Page(public.get("/self-assessment/"))
    assert page.heading == "Tell us about your caring"
    assert "/self-assessment/where-you-live/" in page.links()


def test_choosing_no_area_says_what_to_do(public, afon):
    page = Page(public.get("/self-assessment/where-you-live/?chosen=1"))
    assert page.error_summary == ["Select the council area where you live"]
    assert page.error_for("area") == "Select the council area where you live"


def test_choosing_an_area_leads_to_that_nations_questions(public, afon, marches):
    response = public.get(f"/self-assessment/where-you-live/?chosen=1&area={afon.pk}")
    assert response.status_code == 302
    assert response.url == f"{QUESTIONS}?area={afon.pk}"

    welsh = Page(public.get(response.url)).text
    assert "Securing rights and entitlements" in welsh
    assert "Personal dignity" not in welsh
    english = Page(public.get(f"{QUESTIONS}?area={marches.pk}")).text
    assert "Personal dignity, including being treated with respect" in english
    assert "Securing rights and entitlements" not in english


@pytest.mark.parametrize("query", ["", "?area=", "?area=abc", "?area=999999"])
def test_the_questions_without_a_real_area_go_back_to_the_area_question(public, region, query):
    response = public.get(QUESTIONS + query)
    assert response.status_code == 302
    assert response.url == "/self-assessment/where-you-live/"


def test_every_question_has_a_label(public, afon):
    page = Page(public.get(f"{QUESTIONS}?area={afon.pk}"))
    labelled = {node.attrs.get("for") for node in page.find_all("label")}
    for node in page.find_all("input") + page.find_all("textarea") + page.find_all("select"):
        if node.attrs.get("type") in ("hidden", "submit"):
            continue
        assert node.attrs.get("id") in labelled, node.attrs.get("name")


def test_a_self_assessment_is_kept_as_typed_counted_and_confirmed(public, send, afon):
    response = send(afon)

    assert response.status_code == 302
    assert response.url == "/self-assessment/sent/"
    sa = SelfAssessment.objects.get()
    assert (sa.given_name, sa.family_name, sa.date_of_birth) == ("Gwen", "Testselfie", date(1966, 2, 14))
    assert sa.postcode == "AF1 2AB"
    assert sa.email == "gwen@example.com"
    assert sa.area == afon
    assert sa.made_by == AssessmentSource.SELF
    assert sa.assessment is None
    # Keyed by the Assessment's own field names, so they copy straight across.
    assert sa.answers["caring_role"].startswith("I help my husband")
    assert sa.answers["able_to_care"] == "partly"
    assert sa.answers["willing_to_care"] == "yes"
    assert sa.answers["outcomes_wanted"] == "A full night's sleep once a week."
    assert sa.answers["nation"] == "wales"
    assert set(sa.answers["wellbeing"]) == set(wellbeing.WALES_AREAS)
    assert sa.answers["wellbeing"]["health"] == {"impact": "significant", "notes": "I am always tired."}
    assert set(sa.answers) - {"nation", "wellbeing"} <= {f.name for f in Assessment._meta.get_fields()}

    event = Event.objects.get(kind=EventKind.SELF_ASSESSMENT_RECEIVED)
    assert event.actor is None and event.person is None
    assert event.area == afon
    assert event.object_id == sa.pk
    assert event.data == {"nation": "wales", "made_by": "self", "carer_type": "adult_carer"}

    sent = public.get(response.url)
    page = Page(sent)
    assert page.heading == "Self-assessment sent"
    assert sa.reference and sa.reference in page.text
    assert len(page.find_all("div", "govuk-panel")) == 1
    assert "What happens next" in page.text


def test_the_confirmation_page_shows_no_personal_data(public, send, afon, make_carer):
    make_carer(given="Gwen", family="Testselfie", dob=date(1966, 2, 14))
    send(afon)

    text = Page(public.get("/self-assessment/sent/")).text
    for personal in ("Gwen", "Testselfie", "1966", "AF1 2AB", "gwen@example.com", "husband"):
        assert personal not in text


def test_the_confirmation_page_needs_a_self_assessment_sent_from_this_browser(public, send, afon):
    send(afon)
    stranger = Client()
    response = stranger.get("/self-assessment/sent/")
    assert response.status_code == 302
    assert response.url == "/self-assessment/"


def test_someone_filling_it_in_for_the_carer_gives_their_name(public, send, afon):
    page = Page(send(afon, made_by="on_behalf", helper_name=""))
    assert page.error_for("helper_name") == "Enter your name, as the person filling in this form"
    assert not SelfAssessment.objects.exists()

    send(afon, made_by="on_behalf", helper_name="Rhys Testhelper")
    sa = SelfAssessment.objects.get()
    assert sa.made_by == AssessmentSource.ON_BEHALF
    assert sa.helper_name == "Rhys Testhelper"
    assert Event.objects.get(kind=EventKind.SELF_ASSESSMENT_RECEIVED).data["made_by"] == "on_behalf"


def test_a_helper_name_is_not_kept_when_the_carer_fills_it_in(send, afon):
    send(afon, made_by="self", helper_name="Someone")
    assert SelfAssessment.objects.get().helper_name == ""


def test_mistakes_get_gov_uk_messages_and_everything_typed_is_kept(send, afon):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = send(
        afon,
        postcode="NOT A POSTCODE",
        date_of_birth_day=str(tomorrow.day),
        date_of_birth_month=str(tomorrow.month),
        date_of_birth_year=str(tomorrow.year),
        outcomes_wanted="x" * 5001,
        health_notes="y" * 2001,
    )

    assert response.status_code == 200
    page = Page(response)
    assert page.error_for("postcode") == "Enter a full UK postcode"
    assert page.error_for("date_of_birth") == "Date of birth must be in the past"
    assert page.error_for("outcomes_wanted") == "What you would like to be different must be 5000 characters or less"
    assert page.error_for("health_notes") == (
        "What you told us about physical and mental health and emotional well-being must be 2000 characters or less"
    )
    assert len(page.error_summary) == 4
    assert page.heading == "Tell us about you and your caring"
    # Nothing is lost: the carer only fixes what is wrong.
    assert page.value_of("postcode") == "NOT A POSTCODE"
    assert page.value_of("outcomes_wanted") == "x" * 5001
    assert page.value_of("caring_role") == self_assessment_data(afon)["caring_role"]
    assert page.value_of("able_to_care") == "partly"
    assert page.value_of("health_impact") == "significant"
    assert page.value_of("date_of_birth_day") == str(tomorrow.day)
    assert not SelfAssessment.objects.exists()
    assert "Error:" in page.root.text()


def test_answers_that_are_required_are_asked_for(send, afon):
    page = Page(
        send(
            afon,
            given_name="",
            caring_role="  ",
            able_to_care=None,
            outcomes_wanted="",
            health_impact=None,
            made_by=None,
        )
    )
    assert page.error_for("given_name") == "Enter your first name"
    assert page.error_for("caring_role") == "Tell us about the care you give"
    assert page.error_for("able_to_care") == "Select whether you are able to keep caring"
    assert page.error_for("outcomes_wanted") == "Tell us what you would like to be different"
    assert page.error_for("health_impact") == (
        "Select how much caring affects physical and mental health and emotional well-being"
    )
    assert page.error_for("made_by") == "Select who is filling in this form"


def test_a_way_to_contact_the_carer_is_needed(send, afon):
    page = Page(send(afon, email="", phone=""))
    assert page.error_for("email") == "Enter an email address or a phone number, so we can contact you"

    send(afon, email="", phone="07700 900 982")
    assert SelfAssessment.objects.get().phone == "+447700900982"


def test_a_malformed_email_or_phone_is_explained(send, afon):
    page = Page(send(afon, email="gwen at example", phone="12345"))
    assert page.error_for("email") == "Enter an email address in the correct format, like name@example.com"
    assert page.error_for("phone") == "Enter a UK telephone number, like 01632 960 001 or 07700 900 982"


@pytest.mark.parametrize("field", ["date_of_birth_month", "date_of_birth_year"])
def test_a_broken_date_never_breaks_the_page(send, afon, field):
    response = send(afon, **{field: "13x"})
    assert response.status_code == 200
    assert Page(response).error_for("date_of_birth")


def test_unexpected_values_never_break_the_page(send, afon):
    response = send(afon, able_to_care="maybe", health_impact="enormous", made_by="robot")
    assert response.status_code == 200
    assert not SelfAssessment.objects.exists()


def test_a_robot_filling_in_the_hidden_field_is_turned_away(send, afon):
    page = Page(send(afon, website="http://spam.example"))
    assert page.error_summary == ["We could not send your self-assessment. Check your answers and try again."]
    assert not SelfAssessment.objects.exists()
    assert not Event.objects.filter(kind=EventKind.SELF_ASSESSMENT_RECEIVED).exists()


def test_the_hidden_field_is_hidden_from_people(public, afon):
    page = Page(public.get(f"{QUESTIONS}?area={afon.pk}"))
    trap = page.by_id("id_website")
    assert "hidden" in trap.parent.attrs
    assert trap.attrs.get("tabindex") == "-1"


def test_one_address_can_send_only_a_few_an_hour(public, send, afon):
    for _n in range(RATE_LIMIT):
        assert send(afon).status_code == 302

    response = send(afon, caring_role="Typed before finding out about the limit")
    assert response.status_code == 200
    page = Page(response)
    assert "Wait an hour and send this again" in page.error_summary[0]
    assert page.value_of("caring_role") == "Typed before finding out about the limit"
    assert SelfAssessment.objects.count() == RATE_LIMIT

    # Somebody else, somewhere else, is not held up.
    other = public.post(QUESTIONS, self_assessment_data(afon), REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 302
    assert SelfAssessment.objects.count() == RATE_LIMIT + 1


def test_mistakes_do_not_use_up_the_limit(send, afon):
    for _n in range(RATE_LIMIT + 2):
        send(afon, postcode="nope")
    assert send(afon).status_code == 302


def test_the_form_is_protected_against_cross_site_posting(afon):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(QUESTIONS, self_assessment_data(afon)).status_code == 403
    assert not SelfAssessment.objects.exists()

    page = Page(browser.get(f"{QUESTIONS}?area={afon.pk}"))
    tokens = {name: page.form_data()[name] for name in ("csrfmiddlewaretoken", "form_token")}
    response = browser.post(QUESTIONS, {**self_assessment_data(afon), **tokens})
    assert response.status_code == 302
    assert SelfAssessment.objects.count() == 1


def test_a_signed_in_worker_without_mfa_is_sent_to_set_it_up(client, make_user, afon):
    client.force_login(make_user(Role.PRACTITIONER, mfa=False))
    response = client.get("/self-assessment/")
    assert response.status_code == 302
    assert "/accounts/" in response.url


# --- Staff: the queue ---------------------------------------------------------------------


def _received(area, **overrides) -> SelfAssessment:
    data = self_assessment_data(area, **overrides)
    details = {
        "given_name": data["given_name"],
        "family_name": data["family_name"],
        "date_of_birth": date(
            int(data["date_of_birth_year"]), int(data["date_of_birth_month"]), int(data["date_of_birth_day"])
        ),
        "postcode": data["postcode"].upper(),
        "email": data["email"],
        "phone": data["phone"],
    }
    answers = {
        name: data[name]
        for name in (
            "caring_role",
            "cared_for_needs",
            "able_to_care",
            "willing_to_care",
            "future_caring",
            "outcomes_wanted",
            "work_education_leisure",
            "carer_views",
        )
    }
    answers["wellbeing"] = {
        code: {"impact": data[f"{code}_impact"], "notes": data[f"{code}_notes"]}
        for code in wellbeing.AREAS_BY_NATION[area.nation]
    }
    return self_services.receive(
        details=details, answers=answers, area=area, made_by=data["made_by"], helper_name=data["helper_name"]
    )


@pytest.mark.parametrize("role", [Role.FRONT_DOOR, Role.COMMISSIONER, Role.PARTNER_WORKER, Role.ADMINISTRATOR])
def test_only_practitioners_and_team_managers_see_self_assessments(client_for, afon, role):
    sa = _received(afon)
    client = client_for(role)
    assert client.get("/self-assessment/review/").status_code == 403
    assert client.get(f"/self-assessment/review/{sa.pk}/").status_code == 403
    assert client.post(f"/self-assessment/review/{sa.pk}/", {"carer": "new"}).status_code == 403
    assert not Assessment.objects.exists()


def test_the_staff_pages_need_signing_in(public, afon):
    sa = _received(afon)
    for path in ("/self-assessment/review/", f"/self-assessment/review/{sa.pk}/"):
        response = public.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_the_queue_lists_those_waiting_oldest_first(client_for, afon, make_carer):
    newer = _received(afon, given_name="Newer")
    older = _received(afon, given_name="Older")
    SelfAssessment.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(days=3))
    done = _received(afon, given_name="Done")
    carer = make_carer()
    council = Organisation.objects.get(name="Test Council")
    self_services.start_assessment_from(done, carer=carer, organisation=council, actor=None)

    page = Page(client_for(Role.PRACTITIONER).get("/self-assessment/review/"))

    assert page.heading == "Self-assessments to review"
    names = [row[0] for row in page.table_rows()]
    assert names == ["Older Testselfie", "Newer Testselfie"]
    assert f"/self-assessment/review/{newer.pk}/" in page.links()
    assert older.reference in page.text


def test_an_empty_queue_says_so(client_for, region):
    assert (
        "There are no self-assessments waiting."
        in Page(client_for(Role.TEAM_MANAGER).get("/self-assessment/review/")).text
    )


# --- Staff: from self-assessment to draft assessment ------------------------------------------


def test_the_review_page_shows_what_the_carer_wrote_and_likely_records(client_for, afon, make_carer):
    existing = make_carer(given="Gwen", family="Testselfie", dob=date(1966, 2, 14), postcode="AF1 2AB")
    sa = _received(afon, made_by="on_behalf", helper_name="Rhys Testhelper")
    client = client_for(Role.PRACTITIONER)

    response = client.get(f"/self-assessment/review/{sa.pk}/")

    page = Page(response)
    assert page.heading == "Self-assessment from Gwen Testselfie"
    assert "I help my husband wash and dress every morning." in page.text
    assert "Filled in for the carer by Rhys Testhelper" in page.text
    assert "Physical and mental health and emotional well-being" in page.text
    assert "I am always tired." in page.text
    assert "This carer may already have a record" in page.text
    assert "This is Gwen Testselfie: start a draft assessment" in page.text
    assert "Create a new carer record from this self-assessment" in page.text
    assert "Assessing council: Test Council" in page.text
    assert (
        AccessEvent.objects.filter(person_ref=existing.pk, part="possible_duplicates", actor=client.user).count() == 1
    )


def test_the_carers_line_breaks_are_kept_and_their_words_escaped(client_for, afon):
    sa = _received(afon, carer_views="<script>alert(1)</script>\nSecond line")
    html = client_for(Role.PRACTITIONER).get(f"/self-assessment/review/{sa.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line" in html


def test_starting_for_an_existing_carer_copies_every_answer(client_for, afon, make_carer):
    existing = make_carer(given="Gwen", family="Testselfie", dob=date(1966, 2, 14), postcode="AF1 2AB")
    sa = _received(afon)
    client = client_for(Role.PRACTITIONER)

    response = client.post(
        f"/self-assessment/review/{sa.pk}/",
        {"carer": str(existing.pk), "assessing_organisation": Organisation.objects.get(name="Test Council").pk},
    )

    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response.url == f"/assessments/{assessment.pk}/"
    assert assessment.carer == existing
    assert assessment.source == AssessmentSource.SELF
    assert assessment.assessing_organisation.name == "Test Council"
    assert assessment.nation == "wales"
    assert assessment.status == "draft"
    assert assessment.caring_role == sa.answers["caring_role"]
    assert assessment.cared_for_needs == "He has Parkinson's and falls often."
    assert (assessment.able_to_care, assessment.willing_to_care) == ("partly", "yes")
    assert assessment.future_caring == "My own knees are getting worse."
    assert assessment.outcomes_wanted == "A full night's sleep once a week."
    assert assessment.work_education_leisure == "I gave up my job at the library."
    assert assessment.carer_views == "I love him but I am exhausted."
    assert assessment.wellbeing == sa.answers["wellbeing"]
    assert "Self-assessment sent in by the carer" in assessment.participants
    sa.refresh_from_db()
    assert sa.assessment == assessment
    assert Person.objects.count() == 1
    started = Event.objects.get(kind=EventKind.ASSESSMENT_STARTED)
    assert started.data["source"] == "self"
    assert started.actor == client.user

    # The practitioner lands on a draft with the sections filled in, ready to check.
    detail = Page(client.get(response.url))
    assert "I help my husband wash and dress every morning." in detail.text
    assert "Started from a self-assessment." in detail.text


def test_creating_a_new_carer_record_from_the_self_assessment(client_for, afon):
    sa = _received(afon, made_by="on_behalf", helper_name="Rhys Testhelper", phone="07700 900 982")
    client = client_for(Role.TEAM_MANAGER)

    response = client.post(
        f"/self-assessment/review/{sa.pk}/",
        {"carer": "new", "assessing_organisation": Organisation.objects.get(name="Test Council").pk},
    )

    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.given_name, person.family_name, person.date_of_birth) == ("Gwen", "Testselfie", date(1966, 2, 14))
    assert (person.postcode, person.email, person.phone) == ("AF1 2AB", "gwen@example.com", "07700 900 982")
    assert person.area == afon
    assert person.created_by == client.user
    assert CarerProfile.objects.filter(person=person).exists()
    assessment = Assessment.objects.get()
    assert assessment.carer == person
    assert assessment.source == AssessmentSource.ON_BEHALF
    assert "Rhys Testhelper" in assessment.participants
    identified = Event.objects.get(kind=EventKind.CARER_IDENTIFIED)
    assert identified.person == person
    assert identified.area == afon
    assert identified.data["self_assessment_id"] == sa.pk
    assert Event.objects.filter(kind=EventKind.PERSON_CREATED, person=person).count() == 1


def test_a_match_who_is_not_yet_a_carer_is_made_one(client_for, afon, region):
    cared_for = Person.objects.create(
        given_name="Gwen", family_name="Testselfie", date_of_birth=date(1966, 2, 14), postcode="AF1 2AB", area=afon
    )
    sa = _received(afon)
    client = client_for(Role.PRACTITIONER)
    assert (
        "add them as a carer and start a draft assessment" in Page(client.get(f"/self-assessment/review/{sa.pk}/")).text
    )

    client.post(
        f"/self-assessment/review/{sa.pk}/",
        {"carer": str(cared_for.pk), "assessing_organisation": Organisation.objects.get(name="Test Council").pk},
    )

    assert CarerProfile.objects.filter(person=cared_for).exists()
    assert Assessment.objects.get().carer == cared_for
    assert Event.objects.filter(kind=EventKind.CARER_IDENTIFIED, person=cared_for).count() == 1


def test_only_a_listed_match_can_be_chosen(client_for, afon, make_carer):
    stranger = make_carer(given="Totally", family="Different", dob=date(1950, 1, 1), postcode="MR1 1AA")
    sa = _received(afon)
    response = client_for(Role.PRACTITIONER).post(
        f"/self-assessment/review/{sa.pk}/",
        {"carer": str(stranger.pk), "assessing_organisation": Organisation.objects.get(name="Test Council").pk},
    )
    assert response.status_code == 200
    assert Page(response).error_summary
    assert not Assessment.objects.exists()


def test_with_no_council_for_the_area_the_worker_is_asked(client_for, marches, region):
    sa = _received(marches)
    client = client_for(Role.PRACTITIONER)
    page = Page(client.get(f"/self-assessment/review/{sa.pk}/"))
    assert page.by_id("id_assessing_organisation") is not None

    response = client.post(f"/self-assessment/review/{sa.pk}/", {"carer": "new", "assessing_organisation": ""})
    assert Page(response).error_for("assessing_organisation") == "Choose the assessing council"
    assert not Assessment.objects.exists()
    assert not Person.objects.exists()

    council = region["orgs"]["council"]
    client.post(f"/self-assessment/review/{sa.pk}/", {"carer": "new", "assessing_organisation": council.pk})
    assessment = Assessment.objects.get()
    assert assessment.assessing_organisation == council
    assert assessment.nation == "wales"


def test_well_being_answered_under_the_other_nations_list_is_not_lost(client_for, marches, region):
    # The carer chose an English area, but a Welsh council assesses: shared areas carry over,
    # the rest go into the carer's views word for word.
    sa = _received(marches, dignity_notes="Nobody listens to me.")
    client_for(Role.PRACTITIONER).post(
        f"/self-assessment/review/{sa.pk}/",
        {"carer": "new", "assessment_organisation": "", "assessing_organisation": region["orgs"]["council"].pk},
    )
    assessment = Assessment.objects.get()
    assert set(assessment.wellbeing) == set(wellbeing.ENGLAND_AREAS) & set(wellbeing.WALES_AREAS)
    assert (
        "Personal dignity, including being treated with respect: Some impact. Nobody listens to me."
        in assessment.carer_views
    )
    assert assessment.carer_views.startswith("I love him but I am exhausted.")


def test_an_assessment_is_started_only_once(client_for, afon, make_carer):
    sa = _received(afon)
    client = client_for(Role.PRACTITIONER)
    council = Organisation.objects.get(name="Test Council")
    client.post(f"/self-assessment/review/{sa.pk}/", {"carer": "new", "assessing_organisation": council.pk})

    again = client.post(f"/self-assessment/review/{sa.pk}/", {"carer": "new", "assessing_organisation": council.pk})

    assert again.status_code == 200
    assert "A draft assessment has been started from this self-assessment." in Page(again).text
    assert Assessment.objects.count() == 1
    assert Person.objects.count() == 1


def test_two_workers_at_once_cannot_both_start_one(afon, make_user):
    sa = _received(afon)
    council = Organisation.objects.get(name="Test Council")
    first, second = make_user(Role.PRACTITIONER), make_user(Role.PRACTITIONER)
    stale_copy = SelfAssessment.objects.get(pk=sa.pk)  # the second worker opened the page before the first saved
    self_services.start_assessment_from(sa, carer=None, organisation=council, actor=first)

    with pytest.raises(StaleRecordError):
        self_services.start_assessment_from(stale_copy, carer=None, organisation=council, actor=second)

    # The second attempt left nothing behind: no second person, assessment or events.
    assert Person.objects.count() == 1
    assert Assessment.objects.count() == 1
    assert Event.objects.filter(kind=EventKind.ASSESSMENT_STARTED).count() == 1


def test_reviewing_a_started_one_records_who_looked(client_for, afon, make_carer):
    carer = make_carer()
    sa = _received(afon)
    self_services.start_assessment_from(
        sa, carer=carer, organisation=Organisation.objects.get(name="Test Council"), actor=None
    )
    client = client_for(Role.PRACTITIONER)

    page = Page(client.get(f"/self-assessment/review/{sa.pk}/"))

    assert f"/assessments/{sa.assessment_id}/" in page.links()
    assert AccessEvent.objects.filter(person_ref=carer.pk, actor=client.user, part="assessment").exists()


def test_a_missing_self_assessment_is_not_found(client_for, region):
    assert client_for(Role.PRACTITIONER).get("/self-assessment/review/999999/").status_code == 404
