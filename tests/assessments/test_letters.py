"""The decision letter through the views: the law cited per framework and nation, the decision and its
reasons in the carer's words, advice for this carer when needs are not met, "not considered", the date
of the decision, drafts, the council's details and the ombudsman, print styles, Welsh, and tagged PDFs.

Assessments are built in the state a decision leaves them (builders.decided_assessment), since the
decision's own pages are tested with the decision (tests/assessments/test_views.py).
"""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.assessments import eligibility, letters
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from carershub.partnership.models import Area, Nation, Organisation
from tests import builders
from tests.pages import Page
from tests.welsh import compile_welsh_catalogue, cy

LETTER_HEADING = "Your carer's assessment: our decision"


@pytest.fixture
def english_council(region):
    area = Area.objects.create(name="Test Letterford", code="E06999803", nation=Nation.ENGLAND)
    return Organisation.objects.create(
        name="Test Letterford Council",
        kind=Organisation.Kind.COUNCIL,
        sector=Organisation.Sector.STATUTORY,
        area=area,
        address="Civic Centre\nHigh Street\nLetterford\nLT1 1AA",
        phone="01632 960 100",
        email="carers@letterford.test",
        website="https://letterford.test",
        complaints_contact="Complaints team, 01632 960 199, complaints@letterford.test",
    )


@pytest.fixture
def welsh_council(region):
    return region["orgs"]["council"]  # its area, Afon, is in Wales


@pytest.fixture
def practitioner(client_for):
    # A delegated assessor at the carers centre, who works with the carer as their case worker.
    return client_for(Role.PRACTITIONER, organisation="centre")


@pytest.fixture
def carer(make_carer, practitioner):
    person = make_carer(given="Eira", family="Testletter", address_line_1="3 Chapel Row", town="Afon")
    person.carer.case_worker = practitioner.user
    person.carer.save()
    return person


def answers_struggling_with(nation, codes, how="with_significant_pain_distress_anxiety", **changes):
    """Answers the rules decide on, the carer managing everything but ``codes`` (and those ``how``)."""
    data = builders.needs_answers(nation, eligible=False)
    for outcome in data["outcomes"]:
        if outcome["code"] in codes:
            outcome["achievable"] = how
    data.update(changes)
    return data


def letter(client, assessment) -> Page:
    response = client.get(f"/assessments/{assessment.pk}/letter/")
    assert response.status_code == 200
    return Page(response)


def criteria_items(page: Page) -> list[str]:
    return [li.text() for li in page.find_all("li") if "app-criterion" in li.classes]


# --- The law, and what was decided -------------------------------------------------------------------


def test_an_english_adult_carer_who_is_eligible_is_told_so_under_the_care_act(practitioner, carer, english_council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=english_council, eligible=True)

    page = letter(practitioner, assessment)

    assert "section 10 of the Care Act 2014" in page.text and "(SI 2015/313)" in page.text
    assert "Your needs as a carer meet the national eligibility criteria for carers in England." in page.text
    assert "What happens next" in page.text and "Advice and information for you" not in page.text
    items = criteria_items(page)
    assert items and items[0].startswith("Met:")
    # Ready to post: the council's details, the worker, the complaints route and the ombudsman.
    for words in ("Test Letterford Council", "Civic Centre", "LT1 1AA", "01632 960 100", "carers@letterford.test",
                  "3 Chapel Row", practitioner.user.get_full_name(), "Complaints team, 01632 960 199",
                  "Local Government and Social Care Ombudsman", "0300 061 0614", "www.lgo.org.uk"):
        assert words in page.text, words
    assert "Public Services Ombudsman for Wales" not in page.text
    # No internal codes: the rules in words, as "our reference".
    assert assessment.rule_version not in page.text
    assert f"Our reference: assessment number {assessment.pk}" in page.text
    assert "The Care and Support (Eligibility Criteria) Regulations 2015" in page.text
    assert AccessEvent.objects.filter(person_ref=carer.pk, part=AccessPart.DECISION_LETTER).exists()


def test_an_english_carer_who_is_not_eligible_gets_advice_about_their_own_needs(
    practitioner, carer, english_council, monkeypatch
):
    answers = answers_struggling_with("england", {"england.nutrition"}, how="takes_significantly_longer")
    assessment = builders.decided_assessment(
        carer, actor=practitioner.user, organisation=english_council, eligible=False, answers=answers
    )
    assert assessment.decision["eligible"] is False
    picked = {"name": "Letterford Carers Cafe", "organisation": "Letterford Carers", "phone": "01632 960 555",
              "email": "", "url": "https://cafe.test", "address": ""}
    monkeypatch.setattr(letters, "_advice_providers", [lambda a, language: [picked] if a.pk == assessment.pk else []])

    page = letter(practitioner, assessment)

    assert "Your needs as a carer do not meet the national eligibility criteria for carers in England." in page.text
    assert "section 13(5) of the Care Act 2014" in page.text
    advice = page.text[page.text.index("Advice and information for you"):]
    assert "eating and drinking well" in advice, "names what this carer struggles with"
    assert "To sleep through the night twice a week" in advice, "and what they want to achieve"
    assert "Letterford Carers Cafe" in advice and "01632 960 555" in advice, "the services chosen for them"
    assert "What happens next" not in page.text


def test_a_criterion_not_reached_reads_not_considered_never_met(practitioner, carer, english_council):
    answers = builders.needs_answers("england", eligible=True)
    answers["provides_necessary_care"] = False
    assessment = builders.decided_assessment(
        carer, actor=practitioner.user, organisation=english_council, eligible=False, answers=answers
    )
    codes = [c["explanation_code"] for c in assessment.decision["criteria"]]
    assert any(code.endswith(".not_considered") for code in codes), codes

    items = criteria_items(letter(practitioner, assessment))

    assert items[0].startswith("Not met:")
    considered = [i for i, c in enumerate(codes) if c.endswith(".not_considered")]
    for i in considered:
        assert items[i].startswith("Not considered:"), items[i]
    assert len([item for item in items if item.startswith("Not considered:")]) == len(considered)


def test_where_the_practitioner_departed_the_letter_gives_their_decision_and_reasons(
    practitioner, carer, english_council
):
    assessment = builders.decided_assessment(
        carer, actor=practitioner.user, organisation=english_council, eligible=True, proposed=False,
        reasons="Her own health is failing: she was admitted to hospital twice this year.",
    )
    assert assessment.decision["eligible"] is False, "the rules proposed not eligible"

    page = letter(practitioner, assessment)

    assert "Your needs as a carer meet the national eligibility criteria for carers in England." in page.text
    assert "she was admitted to hospital twice this year" in page.text
    assert "do not meet the national eligibility criteria" not in page.text, "not the proposal"
    assert criteria_items(page) == [], "the criteria were the proposal's"


def test_a_welsh_carer_who_is_not_eligible_is_told_under_the_welsh_act(practitioner, carer, welsh_council):
    answers = answers_struggling_with("wales", {"wales.communication"})
    assessment = builders.decided_assessment(
        carer, actor=practitioner.user, organisation=welsh_council, eligible=False, answers=answers
    )

    page = letter(practitioner, assessment)

    assert "section 24 of the Social Services and Well-being (Wales) Act 2014" in page.text
    assert "regulation 5 of the Care and Support (Eligibility) (Wales) Regulations 2015 (SI 2015/1578)" in page.text
    assert "None of your needs as a carer meets the eligibility criteria for carers in Wales." in page.text
    assert "section 32(1)(d) of the Social Services and Well-being (Wales) Act 2014" in page.text
    assert "communicating" in page.text[page.text.index("Advice and information for you"):]
    assert "Public Services Ombudsman for Wales" in page.text and "www.ombudsman.wales" in page.text
    assert "Local Government and Social Care Ombudsman" not in page.text
    assert "Care Act" not in page.text


def test_a_welsh_must_meet_determination_is_explained(practitioner, carer, welsh_council):
    assessment = builders.decided_assessment(
        carer, actor=practitioner.user, organisation=welsh_council, eligible=False, must_meet=True,
        must_meet_provision="s32(1)(b)", must_meet_reasons="The person she cares for has hit her twice.",
    )

    page = letter(practitioner, assessment)

    assert "we must still meet them" in page.text
    assert "section 32(1)(b) of the Social Services and Well-being (Wales) Act 2014" in page.text
    assert "The person she cares for has hit her twice." in page.text
    assert "What happens next" in page.text and "Advice and information for you" not in page.text


def test_a_young_carer_in_england_is_told_about_needs_and_services_under_the_children_act(
    practitioner, make_carer, english_council
):
    young = make_carer(given="Osian", dob=timezone.localdate() - datetime.timedelta(days=365 * 14 + 10))
    young.carer.case_worker = practitioner.user
    young.carer.save()
    assessment = builders.decided_assessment(
        young, actor=practitioner.user, organisation=english_council, framework="young_carer",
        needs_for_support=True, services_to_be_provided=True,
        reasons="Osian misses school twice a week to look after his mother.",
    )
    assert assessment.decision is None and assessment.eligible is None

    page = letter(practitioner, assessment)

    assert "section 17ZA of the Children Act 1989" in page.text
    assert "We found that you have needs for support." in page.text
    assert "We will provide services for you under section 17 of the Children Act 1989." in page.text
    assert "Osian misses school twice a week" in page.text
    assert "Care Act" not in page.text and "SI 2015/313" not in page.text
    assert criteria_items(page) == []


def test_a_transition_letter_says_whether_needs_are_likely_after_18(practitioner, carer, english_council):
    assessment = builders.decided_assessment(
        carer, actor=practitioner.user, organisation=english_council, framework="young_carer_transition",
        likely_needs_after_18=True, needs_after_18="Help to keep caring while at college", likely_eligible_after_18=True,
    )

    page = letter(practitioner, assessment)

    assert "section 63 of the Care Act 2014" in page.text
    assert "We think you are likely to have needs for support after you turn 18." in page.text
    assert "Help to keep caring while at college" in page.text
    assert "likely to meet the national eligibility criteria for carers then" in page.text


# --- Dates, drafts and issuing ------------------------------------------------------------------------


def test_the_letter_is_dated_by_the_decision_not_the_day_it_is_opened(practitioner, carer, english_council):
    decided = timezone.make_aware(datetime.datetime(2026, 3, 14, 11, 0))
    assessment = builders.decided_assessment(
        carer, actor=practitioner.user, organisation=english_council, decided_at=decided
    )

    page = letter(practitioner, assessment)

    assert "14 March 2026" in page.text
    today = timezone.localdate()
    if today != datetime.date(2026, 3, 14):
        assert f"{today.day} {today:%B} {today.year}" not in page.text


def test_a_decision_waiting_for_sign_off_is_a_draft_on_the_page_and_the_pdf(
    practitioner, carer, welsh_council, make_user, new_client
):
    welsh_council.assessment_sign_off_required = True
    welsh_council.save()
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=welsh_council)
    assert assessment.status == "decided"

    page = letter(practitioner, assessment)
    assert "Draft: not signed off, do not send" in page.text
    assert f"/assessments/{assessment.pk}/letter/issue/" not in page.links()
    pdf = practitioner.get(f"/assessments/{assessment.pk}/letter.pdf")
    assert builders.pdf_facts(pdf.content)["title"] == f"Draft: {LETTER_HEADING}"
    assert "draft-" in pdf["Content-Disposition"]

    manager = new_client(make_user(Role.TEAM_MANAGER, organisation="council"))
    assessment.refresh_from_db()
    manager.post(f"/assessments/{assessment.pk}/sign-off/", {"version": assessment.version})
    assessment.refresh_from_db()
    assert assessment.status == "completed"

    page = letter(practitioner, assessment)
    assert "Draft" not in page.text
    assert f"/assessments/{assessment.pk}/letter/issue/" in page.links()
    assert builders.pdf_facts(practitioner.get(f"/assessments/{assessment.pk}/letter.pdf").content)["title"] == LETTER_HEADING


def test_there_is_no_letter_before_a_decision(practitioner, carer, english_council):
    from carershub.assessments import services

    assessment = services.start_assessment(
        carer=carer, assessment_type="carer", organisation=english_council, actor=practitioner.user
    )
    assert practitioner.get(f"/assessments/{assessment.pk}/letter/").status_code == 404
    assert practitioner.get(f"/assessments/{assessment.pk}/letter.pdf").status_code == 404


# --- The council's logo --------------------------------------------------------------------------------


def test_the_councils_logo_heads_the_letter_without_anything_fetched(practitioner, carer, english_council):
    from tests.documents import files

    english_council.set_logo(files.png())
    english_council.save()
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=english_council)

    page = letter(practitioner, assessment)

    logo = next(img for img in page.find_all("img") if "app-letter-logo" in img.classes)
    assert logo.attrs["src"].startswith("data:image/png;base64,")
    assert logo.attrs["alt"] == "Test Letterford Council"
    assert practitioner.get(f"/assessments/{assessment.pk}/letter.pdf").status_code == 200


@pytest.mark.parametrize("content", ["gif", "html", "exe"])
def test_a_logo_must_be_a_small_png_or_jpeg(region, content):
    from django.core.exceptions import ValidationError

    from tests.documents import files

    council = region["orgs"]["council"]
    with pytest.raises(ValidationError):
        council.set_logo(getattr(files, content)())
    with pytest.raises(ValidationError):
        council.set_logo(files.png() + b"\x00" * (300 * 1024))
    council.set_logo(files.png())
    assert council.logo_type == "image/png"


def test_administrators_upload_the_logo_where_they_edit_organisations(region, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from carershub.partnership.admin import OrganisationForm
    from tests.documents import files

    council = region["orgs"]["council"]
    data = {"name": council.name, "kind": council.kind, "sector": council.sector, "area": council.area_id,
            "is_active": "on", "address": "Neuadd y Sir\nAfon", "phone": "01632 960 200"}

    bad = OrganisationForm(data, {"logo_upload": SimpleUploadedFile("logo.png", files.html())}, instance=council)
    assert not bad.is_valid() and "logo_upload" in bad.errors

    good = OrganisationForm(data, {"logo_upload": SimpleUploadedFile("logo.png", files.png())}, instance=council)
    assert good.is_valid(), good.errors
    good.save()
    council.refresh_from_db()
    assert council.logo_type == "image/png" and bytes(council.logo) == files.png()
    assert council.address_lines == ["Neuadd y Sir", "Afon"]

    removed = OrganisationForm({**data, "remove_logo": "on"}, instance=council)
    assert removed.is_valid(), removed.errors
    removed.save()
    council.refresh_from_db()
    assert not council.logo and council.logo_data_uri == ""


# --- Printing --------------------------------------------------------------------------------------------


def test_a_printed_letter_leaves_off_the_site_around_it(practitioner, carer, english_council):
    scss = (Path(__file__).resolve().parents[2] / "carershub/core/frontend/application.scss").read_text()
    print_rules = " ".join(re.findall(r"@media print \{(.*?)\n\}", scss, re.S))
    for selector in (".app-no-print", ".govuk-template__header", ".govuk-back-link", ".govuk-footer",
                     ".govuk-service-navigation", ".govuk-button"):
        assert selector in print_rules, selector
    assert "break-before: page" in print_rules, "each language version of a letter starts a new page"

    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=english_council)
    page = letter(practitioner, assessment)
    staff_only = [n for n in page.root.iter() if "app-no-print" in n.classes]
    assert any("Download this letter as a PDF" in n.text() for n in staff_only)
    assert any("The carer gets this in English" in n.text() for n in staff_only)
    assert any(n.tag == "div" and "app-letter-version" in n.classes for n in page.root.iter())


# --- Tagged PDFs -------------------------------------------------------------------------------------------


def assert_accessible(content: bytes, *, lang: str, title: str):
    facts = builders.pdf_facts(content)
    assert facts["tagged"] and facts["marked"], "a tagged PDF (PDF/UA)"
    assert {"Document", "H1", "P"} <= facts["structure"], facts["structure"]
    assert facts["lang"] == lang
    assert facts["title"] == title and facts["display_title"]
    return facts


def test_the_letter_pdf_is_tagged_with_its_language_title_headings_and_lists(practitioner, carer, english_council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=english_council)

    response = practitioner.get(f"/assessments/{assessment.pk}/letter.pdf")

    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    facts = assert_accessible(response.content, lang="en-GB", title=LETTER_HEADING)
    assert {"H2", "L", "LI"} <= facts["structure"]
    assert AccessEvent.objects.filter(part=AccessPart.DECISION_LETTER, action=AccessAction.EXPORT).exists()


def test_the_plan_copy_pdf_is_tagged(practitioner, carer, english_council):
    assessment = builders.decided_assessment(carer, actor=practitioner.user, organisation=english_council)
    plan = builders.agreed_plan(assessment, actor=practitioner.user)

    response = practitioner.get(f"/plans/{plan.pk}/copy.pdf")

    assert response.status_code == 200
    assert_accessible(response.content, lang="en-GB", title="Your support plan")


def test_the_emergency_card_pdf_is_tagged(practitioner, carer, welsh_council, region):
    from carershub.support.emergency import cards
    from carershub.support.emergency import services as emergency

    delivered = builders.support_delivered(carer, actor=practitioner.user, council=welsh_council,
                                           provider=region["orgs"]["partner"])
    card = delivered["card"]

    content = cards.card_pdf(card, emergency.line_for(carer.area_id))

    facts = builders.pdf_facts(content)
    assert facts["tagged"] and facts["marked"] and facts["display_title"]
    assert facts["lang"] in ("cy", "en-GB") and facts["title"]


def test_the_subject_access_pdf_is_tagged(carer):
    from carershub.privacy import subject_access

    document = subject_access.build(carer)

    content = subject_access.as_pdf(document, subject_access.FOR_RELEASE)

    facts = builders.pdf_facts(content)
    assert facts["tagged"] and facts["marked"] and facts["display_title"]
    assert facts["lang"] == "en-GB" and carer.full_name in facts["title"]
    assert {"H1", "H2"} <= facts["structure"]


# --- Welsh -----------------------------------------------------------------------------------------------


@pytest.fixture
def welsh_catalogue():
    compile_welsh_catalogue()


def test_a_welsh_speaking_carer_gets_the_letter_in_welsh_dated_in_welsh(
    welsh_catalogue, practitioner, make_carer, welsh_council
):
    carer = make_carer(given="Eirlys", preferred_language="cy")
    carer.carer.case_worker = practitioner.user
    carer.carer.save()
    decided = timezone.make_aware(datetime.datetime(2026, 3, 14, 11, 0))
    assessment = builders.decided_assessment(
        carer, actor=practitioner.user, organisation=welsh_council, eligible=False, decided_at=decided
    )

    page = letter(practitioner, assessment)

    welsh = next(n for n in page.find_all("div") if "app-letter-version" in n.classes)
    assert welsh.attrs["lang"] == "cy"
    assert page.heading == cy(LETTER_HEADING)
    assert "14 Mawrth 2026" in welsh.text() and "March" not in welsh.text()
    assert cy(eligibility.MESSAGES["decision.wales.not_eligible"]) in welsh.text()
    pdf = practitioner.get(f"/assessments/{assessment.pk}/letter.pdf")
    assert_accessible(pdf.content, lang="cy", title=cy(LETTER_HEADING))


MY_TEMPLATES = ["_letter_head", "_decision_words", "_letter_body", "_record_body", "letter", "_versions", "record",
                "issue_letter", "give_record", "_copies"]
MY_MODULES = ["assessments/letters.py", "assessments/copies.py", "assessments/views/letters.py"]


def english_messages() -> set[str]:
    """The English messages of the letters' templates and modules (``_("...")`` and ``gettext``)."""
    import ast

    root = Path(__file__).resolve().parents[2] / "carershub"
    found = set()
    for name in MY_TEMPLATES:
        text = (root / "templates/assessments" / f"{name}.jinja").read_text()
        found |= {ast.literal_eval(f'"{m}"') for m in re.findall(r'_\(\s*"((?:\\.|[^"\\])*)"', text)}
    for name in MY_MODULES:
        for node in ast.walk(ast.parse((root / name).read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "gettext", "gettext_lazy")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


def test_every_letter_string_has_welsh_in_the_catalogue_or_waiting_to_be_merged(welsh_catalogue):
    """Welsh for this work's strings is in /work/welsh/letters.json until it is merged into the catalogue
    (which make check then guards); either way, no string of a letter may be without Welsh."""
    import json

    from django.utils import translation

    source = Path("/work/welsh/letters.json")
    waiting = json.loads(source.read_text()) if source.exists() else {}
    messages = english_messages()
    assert "Not considered:" in messages and "Public Services Ombudsman for Wales" in messages
    with translation.override("cy"):
        without = sorted(m for m in messages if translation.gettext(m) == m and not waiting.get(m))
    assert without == []
    if "Public Services Ombudsman for Wales" in waiting:
        assert waiting["Public Services Ombudsman for Wales"] == "Ombwdsmon Gwasanaethau Cyhoeddus Cymru"
    for english, welsh in waiting.items():
        assert sorted(re.findall(r"%\(\w+\)s", english)) == sorted(re.findall(r"%\(\w+\)s", welsh)), english


def test_the_pdf_reader_of_these_tests_inflates_a_stream_whose_last_byte_is_a_carriage_return():
    # One compressed stream in 256 ends in "\r". Cut at "\r\nendstream", such a stream could not be
    # inflated, and a tagged PDF read as untagged now and then (the emergency card's test, once).
    import zlib

    catalogue = b"<< /Type /Catalog /StructTreeRoot 5 0 R /MarkInfo << /Marked true >> /Lang (cy) >> "
    # Adler-32 (the stream's last four bytes) moves by 121, odd, with each "y": some count ends in \r.
    data = next(d for i in range(2_000) if (d := zlib.compress(catalogue + b"y" * i)).endswith(b"\r"))
    content = b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + data + b"\nendstream\nendobj\n"

    facts = builders.pdf_facts(content)

    assert facts["tagged"] and facts["marked"] and facts["lang"] == "cy"
