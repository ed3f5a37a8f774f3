"""The OpenAPI 3 schema at /api/schema/ and the self-hosted docs at /api/docs/."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

from carershub.api.eligibility_serializers import EligibilityAnswersSerializer, OutcomeAnswerSerializer
from carershub.assessments.eligibility import (
    ABILITY_LABELS,
    OUTCOMES_BY_NATION,
    QUESTIONS,
    RULE_VERSIONS,
    Ability,
    CaredFor,
    Nation,
)

DECIDE_PATH = "/api/v1/eligibility/decisions/"
RULES_PATH = "/api/v1/eligibility/rules/"


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


class TestSchema:
    def test_is_public_and_valid_openapi_3(self, schema):
        assert schema["openapi"].startswith("3.")
        validate_schema(schema)  # drf-spectacular's own OpenAPI 3 JSON-schema check; raises if invalid

    def test_the_yaml_default_is_the_same_schema(self, client, db, schema):
        response = client.get("/api/schema/")
        assert response.status_code == 200
        assert yaml.safe_load(response.content) == schema

    def test_documents_the_eligibility_endpoints_as_token_authenticated(self, schema):
        decide = schema["paths"][DECIDE_PATH]["post"]
        assert decide["security"] == [{"tokenAuth": []}]
        assert {"200", "400", "401"} <= set(decide["responses"])
        assert "SI 2015/313" in decide["description"] and "SI 2015/1578" in decide["description"]
        assert schema["paths"][RULES_PATH]["get"]["security"] == [{"tokenAuth": []}]
        assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"

    def test_request_bodies_are_closed_as_the_serializers_are(self, schema):
        # The serializers refuse unknown fields (a misspelt answer is a 400), so the schema says so.
        components = schema["components"]["schemas"]
        assert components["EligibilityAnswers"]["additionalProperties"] is False
        assert components["OutcomeAnswer"]["additionalProperties"] is False
        assert "additionalProperties" not in components["EligibilityDecision"]

    def test_enums_list_exactly_the_codes_the_rules_accept(self, schema):
        components = schema["components"]["schemas"]
        answers = components["EligibilityAnswers"]["properties"]
        outcome = components["OutcomeAnswer"]["properties"]

        def enum_of(prop):
            refs = [prop["$ref"]] if "$ref" in prop else [s["$ref"] for s in prop.get("allOf", prop.get("oneOf", []))]
            return [v for ref in refs for v in components[ref.rsplit("/", 1)[1]]["enum"] if v is not None]

        assert enum_of(answers["nation"]) == [n.value for n in Nation]
        assert enum_of(answers["cared_for"]) == [c.value for c in CaredFor]
        assert enum_of(answers["rule_version"]) == list(RULE_VERSIONS)
        assert enum_of(outcome["achievable"]) == [a.value for a in Ability]
        codes = enum_of(outcome["code"])
        assert codes == [*OUTCOMES_BY_NATION[Nation.ENGLAND], *OUTCOMES_BY_NATION[Nation.WALES]]
        # Each code is documented with its nation and label.
        code_docs = outcome["code"]["description"]
        assert "`england.nutrition` - England: eating and drinking well" in code_docs
        assert "`wales.communication` - Wales: communicating" in code_docs

    def test_request_fields_are_the_questions_in_order(self):
        carer_questions = [q.key for q in QUESTIONS if not q.per_outcome]
        outcome_questions = [q.key for q in QUESTIONS if q.per_outcome]

        fields = list(EligibilityAnswersSerializer().fields)
        assert fields[:2] == ["nation", "rule_version"]
        assert [f for f in fields[2:] if f != "outcomes"] == carer_questions
        # The outcomes come where the staff form asks about them: after the carer's health.
        assert fields[fields.index("outcomes") - 1] == "health_deteriorating_or_at_risk"
        assert list(OutcomeAnswerSerializer().fields) == ["code", *outcome_questions]

    def test_field_descriptions_use_the_staff_wording_and_cite_the_law(self, schema):
        components = schema["components"]["schemas"]
        answers = components["EligibilityAnswers"]["properties"]
        outcome = components["OutcomeAnswer"]["properties"]

        necessary = answers["provides_necessary_care"]["description"]
        assert necessary.startswith("England only (ignored for Wales).")
        assert "Is the care they give necessary?" in necessary
        assert "Care the person needs and cannot do for themselves" in necessary
        assert "(SI 2015/313), reg. 3(1)(a)." in necessary
        fluctuate = answers["needs_fluctuate"]["description"]
        assert "Do their needs go up and down?" in fluctuate
        assert "reg. 3(4)" in fluctuate and "Wales: Carers Hub assessment policy" in fluctuate
        others = outcome["others_or_community_can_meet"]["description"]
        assert others.startswith("Wales only (ignored for England).")
        assert "reg. 5(c) and reg. 6" in others
        assert "verify against the made text" in others, "the caveat about the Welsh reg. 5 letters goes with them"
        assert "verify" not in fluctuate
        for label in ABILITY_LABELS.values():
            assert label in outcome["achievable"]["description"]

    def test_has_the_england_and_wales_examples(self, schema):
        decide = schema["paths"][DECIDE_PATH]["post"]
        request_examples = decide["requestBody"]["content"]["application/json"]["examples"]
        bodies = {ex["value"]["nation"]: ex["value"] for ex in request_examples.values()}
        assert set(bodies) == {"england", "wales"}
        assert any(o["achievable"] == "takes_significantly_longer" for o in bodies["wales"]["outcomes"])
        response_examples = decide["responses"]["200"]["content"]["application/json"]["examples"]
        assert {ex["value"]["eligible"] for ex in response_examples.values()} == {True}

    def test_request_examples_give_the_documented_responses(self, schema, api_client):
        decide = schema["paths"][DECIDE_PATH]["post"]
        requests = decide["requestBody"]["content"]["application/json"]["examples"]
        responses = decide["responses"]["200"]["content"]["application/json"]["examples"]
        assert set(requests) == set(responses)
        for name, example in requests.items():
            response = api_client.post(DECIDE_PATH, example["value"], format="json")
            assert response.status_code == 200, name
            assert response.json() == responses[name]["value"], name

    def test_documented_response_fields_match_the_real_ones(self, schema, api_client):
        components = schema["components"]["schemas"]
        body = {"nation": "england"}
        data = api_client.post(DECIDE_PATH, body, format="json").json()
        assert set(data) == set(components["EligibilityDecision"]["properties"])
        assert set(data["criteria"][0]) == set(components["CriterionResult"]["properties"])
        assert set(data["missing"][0]) == set(components["MissingInformation"]["properties"])
        rules = api_client.get(RULES_PATH).json()
        assert set(rules) == set(components["EligibilityRules"]["properties"])
        assert set(rules["nations"][0]) == set(components["NationRules"]["properties"])
        assert set(rules["rule_versions"][0]) == set(components["RuleVersion"]["properties"])
        assert set(rules["abilities"][0]) == set(components["Ability"]["properties"])


class TestDocs:
    def test_docs_page_is_served_from_our_own_static_files(self, client, db):
        response = client.get("/api/docs/")
        assert response.status_code == 200
        html = response.content.decode()

        assets = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in assets
        assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css" in assets
        assert "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png" in assets
        for asset in assets:
            assert asset.startswith("/static/"), asset
            assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a static file we ship"
        # Nothing from a CDN or any other host, anywhere in the page.
        assert not re.search(r"https?://|//cdn|jsdelivr|unpkg", html)
        assert '"/api/schema/"' in html

    def test_docs_are_not_blocked_by_the_mfa_set_up_redirect(self, client_for):
        # A signed-in user who has not set up MFA is sent to set it up on every page but /api/.
        client = client_for("practitioner", mfa=False)
        assert client.get("/people/").status_code == 302
        assert client.get("/api/docs/").status_code == 200
        assert client.get("/api/schema/").status_code == 200
