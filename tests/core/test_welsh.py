"""The service in Welsh: the language switch, each person's own language, letters, dates, stored decisions.

Staff see the service in their own language (accounts/language.py); carers get letters and plan
copies in theirs, whatever the member of staff's (assessments/letters.py). The Welsh words are
read from the catalogue (``cy``), so these tests check the mechanisms, not the wording.
"""

import datetime
import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.assessments import eligibility
from carershub.assessments.models import Assessment
from tests import builders
from tests.conftest import TEST_PASSWORD, totp_code
from tests.pages import Page
from tests.welsh import compile_welsh_catalogue, cy

LETTER_HEADING = "Your carer's assessment: our decision"
COPY_HEADING = "Your support plan"


@pytest.fixture(autouse=True, scope="module")
def _welsh_catalogue():
    compile_welsh_catalogue()


def html_lang(response) -> str:
    return re.search(r'<html[^>]*\blang="([^"]+)"', response.content.decode())[1]


def switch_link(page: Page):
    """The language link in the header."""
    labels = ("Language", cy("Language"))
    nav = next(n for n in page.root.iter() if n.tag == "nav" and n.attrs.get("aria-label") in labels)
    links = [n for n in nav.iter() if n.tag == "a"]
    assert len(links) == 1, "the switch offers the other language only"
    return links[0]


def welsh_speaker(client, **fields):
    user = client.user
    user.preferred_language = "cy"
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return client


# --- The switch ----------------------------------------------------------------------------------


def test_the_switch_offers_the_other_language_in_that_language_and_keeps_the_page(client, region):
    page = Page(client.get("/self-assessment/?from=leaflet"))
    link = switch_link(page)

    assert link.text() == "Cymraeg"
    assert link.attrs["lang"] == "cy" and link.attrs["hreflang"] == "cy"
    assert link.attrs["href"] == "/accounts/language/cy/?next=" + quote("/self-assessment/?from=leaflet", safe="/")

    response = client.get(link.attrs["href"])
    assert response.status_code == 302
    assert response.url == "/self-assessment/?from=leaflet"
    welsh = client.get(response.url)
    assert html_lang(welsh) == "cy"
    back = switch_link(Page(welsh))
    assert back.text() == "English" and back.attrs["lang"] == "en-GB" and back.attrs["hreflang"] == "en-GB"
    assert client.get(back.attrs["href"]).url == "/self-assessment/?from=leaflet"
    assert html_lang(client.get("/self-assessment/?from=leaflet")) == "en-GB"


def test_the_switch_goes_back_only_to_this_site(client, region):
    response = client.get("/accounts/language/cy/?next=https://example.com/phish")
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/accounts/language/fr/?next=/").status_code == 404


def test_a_signed_in_user_switches_for_the_rest_of_the_session_on_the_same_page(client_for, region):
    client = client_for(Role.FRONT_DOOR)

    response = client.get("/accounts/language/cy/?next=" + quote("/people/?q=Ann+Jones"))
    assert response.url == "/people/?q=Ann+Jones"
    page = client.get(response.url)
    assert html_lang(page) == "cy"
    assert cy("Find a person") in Page(page).heading
    assert html_lang(client.get("/")) == "cy", "the choice lasts for the session"


# --- Each person's own language ------------------------------------------------------------------


def sign_in(client, user):
    client.post("/accounts/login/", {"login": user.username, "password": TEST_PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    return client.get(response.url)


def test_a_members_own_language_is_applied_when_they_sign_in(client, make_user):
    user = make_user(Role.PRACTITIONER)
    user.preferred_language = "cy"
    user.save()

    home = sign_in(client, user)

    assert html_lang(home) == "cy"
    # Signing in says so in their language too, though allauth itself has no Welsh.
    with_message = Page(home).text
    assert cy("Successfully signed in as %(name)s.") % {"name": user.get_full_name()} in with_message

    # The switch changes it for this session only; the next sign-in is in Welsh again.
    client.get("/accounts/language/en-gb/?next=/")
    assert html_lang(client.get("/")) == "en-GB"
    client.post("/accounts/logout/")
    cache.clear()  # forget the code just used: allauth refuses a code twice
    assert html_lang(sign_in(client, user)) == "cy"


def test_a_switch_made_before_signing_in_gives_way_to_the_members_own_language(client, make_user):
    user = make_user(Role.PRACTITIONER)  # English, the default
    client.get("/accounts/language/cy/?next=/accounts/login/")
    assert html_lang(client.get("/accounts/login/")) == "cy"

    assert html_lang(sign_in(client, user)) == "en-GB"


def test_a_member_of_staff_chooses_their_language_on_their_account_page(client_for):
    client = client_for(Role.FRONT_DOOR)
    page = Page(client.get("/accounts/settings/"))
    labels = {n.text(): n.attrs.get("lang") for n in page.find_all("label") if "govuk-radios__label" in n.classes}
    assert labels == {"English": "en-GB", "Cymraeg": "cy"}, "each language is named, and marked, in itself"

    response = client.post("/accounts/settings/", {"preferred_language": "cy"})

    assert response.status_code == 302
    client.user.refresh_from_db()
    assert client.user.preferred_language == "cy"
    page = client.get(response.url)
    assert html_lang(page) == "cy"
    assert cy("Your language has been saved.") in Page(page).text


def test_choosing_no_language_is_an_error_on_the_field(client_for):
    client = client_for(Role.FRONT_DOOR)

    page = Page(client.post("/accounts/settings/", {"preferred_language": "fr"}))

    assert page.error_for("preferred_language") == "Select a language"
    assert page.error_summary == ["Select a language"]
    client.user.refresh_from_db()
    assert client.user.preferred_language == "en-gb"


@pytest.mark.parametrize(
    ("accept_language", "cookie", "expected"),
    [
        ("cy-GB,cy;q=0.9,en;q=0.8", None, "cy"),
        ("cy", None, "cy"),
        ("en-GB,en;q=0.9", None, "en-GB"),
        ("fr-FR", None, "en-GB"),
        # The switch (its cookie) comes after the browser's language, and outranks it.
        ("cy-GB", "en-gb", "en-GB"),
        ("en-GB", "cy", "cy"),
    ],
)
def test_a_public_page_follows_the_browsers_language_then_the_switch(client, region, accept_language, cookie, expected):
    if cookie:
        client.cookies["django_language"] = cookie

    response = client.get("/self-assessment/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert html_lang(response) == expected


def test_a_signed_in_members_language_outranks_the_browsers(client_for):
    client = client_for(Role.FRONT_DOOR)
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="cy-GB")) == "en-GB"


# --- Letters and plan copies in the carer's language ---------------------------------------------


@pytest.fixture
def council(region):
    return region["orgs"]["council"]  # in Wales; decisions need no sign-off


@pytest.fixture
def practitioner(client_for, council):
    return client_for(Role.PRACTITIONER, organisation="council")


def decided(carer, practitioner, council, *, eligible=True):
    carer.carer.case_worker = practitioner.user  # they work with the carer (people/relationships.py)
    carer.carer.save()
    return builders.completed_assessment(carer, actor=practitioner.user, organisation=council, eligible=eligible)


def versions(page: Page) -> list[tuple[str, str]]:
    """(lang, top heading) of each version of a letter on a staff page."""
    found = []
    for div in page.find_all("div"):
        if "lang" in div.attrs and div.parent is not None and "govuk-grid-column-two-thirds" in div.parent.classes:
            heading = next(n for n in div.iter() if n.tag in ("h1", "h2"))
            found.append((div.attrs["lang"], heading.text()))
    return found


def pdf_html(monkeypatch, client, url) -> str:
    """The HTML a PDF was made from (WeasyPrint's input), fetched through the view."""
    seen = []

    class RecordingHTML:
        def __init__(self, string):
            seen.append(string)

        def write_pdf(self, **options):
            return b"%PDF-1.7 recorded"

    monkeypatch.setattr("carershub.assessments.letters.HTML", RecordingHTML)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return seen[0]


def test_the_letter_is_in_the_carers_welsh_whatever_the_workers_language(
    practitioner, council, make_carer, monkeypatch
):
    carer = make_carer(given="Eirlys", preferred_language="cy")
    assessment = decided(carer, practitioner, council)

    page = Page(practitioner.get(f"/assessments/{assessment.pk}/letter/"))

    assert page.heading == cy(LETTER_HEADING), "one version: its heading is the page's"
    assert versions(page) == [("cy", cy(LETTER_HEADING))]
    assert "The carer gets this in Welsh, the language they asked us to use." in page.text, "said in the worker's"
    assert html_lang(practitioner.get(f"/assessments/{assessment.pk}/letter/")) == "en-GB", "the page is the worker's"
    document = pdf_html(monkeypatch, practitioner, f"/assessments/{assessment.pk}/letter.pdf")
    assert '<html lang="cy">' in document
    assert f"<title>{cy(LETTER_HEADING)}</title>" in document
    assert LETTER_HEADING not in document


def test_the_letter_is_in_the_carers_english_whatever_the_workers_language(
    practitioner, council, make_carer, monkeypatch
):
    welsh_speaker(practitioner)
    carer = make_carer(given="Ellis", preferred_language="en")
    assessment = decided(carer, practitioner, council)

    page = Page(practitioner.get(f"/assessments/{assessment.pk}/letter/"))

    assert versions(page) == [("en-GB", LETTER_HEADING)]
    assert cy("The carer gets this in English, the language they asked us to use.") in page.text
    document = pdf_html(monkeypatch, practitioner, f"/assessments/{assessment.pk}/letter.pdf")
    assert '<html lang="en-GB">' in document and LETTER_HEADING in document
    assert cy(LETTER_HEADING) not in document


def test_a_council_that_writes_bilingually_sends_welsh_first_then_english(
    practitioner, council, make_carer, monkeypatch
):
    council.bilingual_correspondence = True
    council.save()
    carer = make_carer(given="Ellis", preferred_language="en")
    assessment = decided(carer, practitioner, council)

    page = Page(practitioner.get(f"/assessments/{assessment.pk}/letter/"))

    assert versions(page) == [("cy", cy(LETTER_HEADING)), ("en-GB", LETTER_HEADING)]
    assert page.heading == "Decision letter", "the page has one h1 of its own"
    document = pdf_html(monkeypatch, practitioner, f"/assessments/{assessment.pk}/letter.pdf")
    assert '<html lang="cy">' in document
    assert document.index('class="letter-version" lang="cy"') < document.index('class="letter-version" lang="en-GB"')


def test_the_plan_copy_is_in_the_carers_language_or_both(practitioner, council, make_carer, monkeypatch):
    carer = make_carer(given="Eirlys", preferred_language="cy")
    plan = builders.agreed_plan(decided(carer, practitioner, council), actor=practitioner.user)

    page = Page(practitioner.get(f"/plans/{plan.pk}/copy/"))
    assert versions(page) == [("cy", cy(COPY_HEADING))]
    document = pdf_html(monkeypatch, practitioner, f"/plans/{plan.pk}/copy.pdf")
    assert '<html lang="cy">' in document and cy(COPY_HEADING) in document and COPY_HEADING not in document

    council.bilingual_correspondence = True
    council.save()
    page = Page(practitioner.get(f"/plans/{plan.pk}/copy/"))
    assert versions(page) == [("cy", cy(COPY_HEADING)), ("en-GB", COPY_HEADING)]
    assert f"The carer gets this in Welsh and English, Welsh first, because {council.name} writes" in page.text


def test_dates_in_a_welsh_letter_are_welsh(practitioner, council, make_carer):
    carer = make_carer(given="Eirlys", preferred_language="cy")
    assessment = decided(carer, practitioner, council)
    decided_at = timezone.make_aware(datetime.datetime(2026, 12, 1, 10, 0))
    Assessment.objects.filter(pk=assessment.pk).update(decided_at=decided_at)

    page = Page(practitioner.get(f"/assessments/{assessment.pk}/letter/"))

    assert "1 Rhagfyr 2026" in page.text
    assert "December" not in page.text


# --- Stored decisions, reworded in the reader's language from their codes -------------------------


def test_a_stored_decision_reads_in_welsh_from_its_codes_and_in_english_as_stored(practitioner, council, make_carer):
    carer = make_carer(given="Eirlys")
    assessment = decided(carer, practitioner, council)
    stored = dict(assessment.decision)
    code = stored["explanation_code"]
    # The stored English is the record: show it to English readers word for word.
    stored["explanation"] = "As decided at the time, in the words of the time."
    Assessment.objects.filter(pk=assessment.pk).update(decision=stored)

    # The letter to an English-speaking carer is that record.
    english = Page(practitioner.get(f"/assessments/{assessment.pk}/letter/"))
    assert "As decided at the time, in the words of the time." in english.text

    # Staff pages speak of the carer (the rules' staff wording), rebuilt from the codes in the reader's language.
    welsh_speaker(practitioner)
    welsh = Page(practitioner.get(f"/assessments/{assessment.pk}/"))
    assert cy(eligibility.STAFF_MESSAGES[code]) in welsh.text
    assert "As decided at the time" not in welsh.text
    criterion = stored["criteria"][0]
    assert cy(eligibility.STAFF_MESSAGES[criterion["explanation_code"]]) in welsh.text
    assert criterion["explanation"] not in welsh.text


def test_a_stored_decision_whose_code_is_no_longer_known_keeps_its_english_marked_as_english(
    practitioner, council, make_carer
):
    carer = make_carer(given="Eirlys")
    assessment = decided(carer, practitioner, council)
    stored = dict(assessment.decision)
    stored["explanation_code"] = "decision.wales.a_code_of_another_year"
    stored["explanation"] = "Wording only the stored record has."
    Assessment.objects.filter(pk=assessment.pk).update(decision=stored)
    welsh_speaker(practitioner)

    html = practitioner.get(f"/assessments/{assessment.pk}/").content.decode()

    assert '<span lang="en-GB">Wording only the stored record has.</span>' in html


def test_welsh_dates_and_month_names():
    from django.utils import formats, translation

    with translation.override("cy"):
        assert formats.date_format(datetime.date(2026, 12, 1), "j F Y") == "1 Rhagfyr 2026"
        assert formats.date_format(datetime.date(2026, 12, 1)) == "1 Rhagfyr 2026", "Django's cy DATE_FORMAT"


# --- E-mails -------------------------------------------------------------------------------------


def test_a_password_reset_email_goes_out_in_the_members_own_language(client, make_user, mailoutbox):
    user = make_user(Role.FRONT_DOOR)
    user.preferred_language = "cy"
    user.save()

    client.post("/accounts/password/reset/", {"email": user.email}, HTTP_ACCEPT_LANGUAGE="en-GB")

    (message,) = mailoutbox
    assert cy("Reset your %(service)s password") % {"service": "Carers Hub"} in message.subject
    assert cy("Your username is %(username)s.") % {"username": user.username} in message.body
    assert "/accounts/password/reset/key/" in message.body
