"""Every response carries a Content-Security-Policy, and nothing with personal data may be cached."""

import pytest
from rest_framework.test import APIClient

from carershub.accounts.models import Role
from tests.builders import completed_assessment
from tests.pages import Page


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def nonce_of(response) -> str:
    """The nonce the header allows scripts by; it must be the one it allows styles by too."""
    csp = policy(response)
    nonces = [s for s in csp["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1, csp["script-src"]
    assert nonces[0] in csp["style-src"]
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


def assert_scripts_only_from_us(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


def inline_elements(response, tag) -> list:
    """Each <script> without a src (or each <style>) on the page: what only a nonce may allow."""
    return [node for node in Page(response).root.iter() if node.tag == tag and "src" not in node.attrs]


def assert_every_inline_script_has_the_nonce(response):
    nonce = nonce_of(response)
    scripts = inline_elements(response, "script")
    assert scripts, "the page should have the GOV.UK template's js-enabled script"
    for element in scripts + inline_elements(response, "style"):
        assert element.attrs.get("nonce") == nonce


@pytest.fixture
def practitioner(client_for):
    return client_for(Role.PRACTITIONER, organisation="council")


@pytest.fixture
def decided(practitioner, make_carer, region):
    """A carer in the practitioner's council's area, assessed and decided by them."""
    carer = make_carer(given="Heledd", family="Headertest")
    return completed_assessment(carer, actor=practitioner.user, organisation=region["orgs"]["council"])


class TestContentSecurityPolicy:
    def test_a_signed_in_page_allows_only_its_own_inline_script(self, practitioner):
        response = practitioner.get("/")

        assert response.status_code == 200
        assert_scripts_only_from_us(response)
        assert_every_inline_script_has_the_nonce(response)
        assert "js-enabled" in inline_elements(response, "script")[0].text()

    def test_the_public_self_assessment_page(self, client, db):
        response = client.get("/self-assessment/")

        assert response.status_code == 200
        assert_scripts_only_from_us(response)
        assert_every_inline_script_has_the_nonce(response)

    def test_each_response_has_its_own_nonce(self, client, db):
        assert nonce_of(client.get("/self-assessment/")) != nonce_of(client.get("/self-assessment/"))

    def test_the_api_schema_and_its_docs(self, client, db):
        schema = client.get("/api/schema/")
        docs = client.get("/api/docs/")

        assert schema.status_code == docs.status_code == 200
        assert_scripts_only_from_us(schema)
        assert_scripts_only_from_us(docs)
        # Swagger UI starts from an inline script and style: ours carry the nonce.
        assert_every_inline_script_has_the_nonce(docs)
        assert inline_elements(docs, "style")

    def test_the_admin_pages_get_the_nonce_too(self, client_for):
        client = client_for(Role.ADMINISTRATOR)
        client.user.is_staff = client.user.is_superuser = True
        client.user.save()

        response = client.get("/admin/accounts/user/")

        assert response.status_code == 200
        assert_scripts_only_from_us(response)
        # Django's admin marks its scripts and styles with the nonce of its template context.
        marked = [node.attrs["nonce"] for node in Page(response).root.iter() if "nonce" in node.attrs]
        assert marked and set(marked) == {nonce_of(response)}


class TestNothingPersonalIsCached:
    @staticmethod
    def assert_no_store(response):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]

    def test_a_person_page(self, practitioner, decided):
        self.assert_no_store(practitioner.get(f"/people/{decided.carer.pk}/"))

    def test_a_decision_letter_pdf(self, practitioner, decided):
        response = practitioner.get(f"/assessments/{decided.pk}/letter.pdf")

        assert response["Content-Type"] == "application/pdf"
        self.assert_no_store(response)

    def test_the_figures_csv(self, client_for):
        response = client_for(Role.COMMISSIONER).get("/figures/assessment-figures.csv")

        assert response["Content-Type"].startswith("text/csv")
        self.assert_no_store(response)

    def test_the_api_json(self, make_user):
        client = APIClient()
        client.force_authenticate(make_user(Role.PRACTITIONER))  # whatever the API's own tokens are

        response = client.get("/api/v1/health/")

        assert response["Content-Type"] == "application/json"
        self.assert_no_store(response)

    def test_the_health_check_is_never_answered_from_a_cache_either(self, client, db):
        self.assert_no_store(client.get("/healthz"))
