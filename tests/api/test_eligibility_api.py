"""POST /api/v1/eligibility/decisions/ and GET /api/v1/eligibility/rules/."""

import pytest
from rest_framework.test import APIClient

from carershub.assessments.frameworks import LAW, Framework

from carershub.assessments.eligibility import (
    ABILITY_LABELS,
    CARED_FOR_LABELS,
    CURRENT_RULE_VERSIONS,
    ENGLAND_2015,
    OUTCOMES_BY_NATION,
    WALES_2016,
    Ability,
    EnglandOutcome,
    Nation,
    WalesMatter,
    questions_for,
)

DECIDE = "/api/v1/eligibility/decisions/"
RULES = "/api/v1/eligibility/rules/"
ENGLAND_CODES = OUTCOMES_BY_NATION[Nation.ENGLAND]
WALES_CODES = OUTCOMES_BY_NATION[Nation.WALES]


def england(achievable=None, **overrides):
    """England answers meeting everything except reg. 3(1)(b): health fine, every outcome managed."""
    achievable = {code: "yes" for code in ENGLAND_CODES} | dict(achievable or {})
    body = {
        "nation": "england",
        "cared_for": "adult",
        "needs_arise_from_providing_care": True,
        "provides_necessary_care": True,
        "health_deteriorating_or_at_risk": False,
        "outcomes": [{"code": code, "achievable": value} for code, value in achievable.items()],
        "significant_impact_on_wellbeing": True,
        "needs_fluctuate": False,
    }
    return body | overrides


def wales(needs=None, **overrides):
    """Wales answers with no needs unless ``needs`` maps a matter to (achievable, others_can_meet, unlikely)."""
    answers = {code: ("yes", None, None) for code in WALES_CODES} | dict(needs or {})
    body = {
        "nation": "wales",
        "cared_for": "adult",
        "needs_arise_from_providing_care": True,
        "outcomes": [
            {
                "code": code,
                "achievable": a,
                "others_or_community_can_meet": others,
                "personal_outcomes_unlikely_without_council": unlikely,
            }
            for code, (a, others, unlikely) in answers.items()
        ],
        "needs_fluctuate": False,
    }
    return body | overrides


def decide(client, body):
    return client.post(DECIDE, body, format="json")


def criterion(data, code):
    return next(c for c in data["criteria"] if c["code"] == code)


class TestAuthentication:
    def test_no_token_is_401(self, db):
        response = decide(APIClient(), england())
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"

    def test_a_wrong_token_is_401(self, db):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
        assert decide(client, england()).status_code == 401

    def test_rules_need_a_token_too(self, db):
        assert APIClient().get(RULES).status_code == 401

    def test_a_deactivated_service_account_is_refused(self, api_client, service_account):
        service_account.is_active = False
        service_account.save()
        assert decide(api_client, england()).status_code == 401

    def test_a_signed_in_staff_session_is_not_enough(self, client_for):
        # The API takes tokens only: a browser session (even with MFA) cannot call it.
        client = client_for("practitioner")
        response = client.post(DECIDE, england(), content_type="application/json")
        assert response.status_code == 401

    def test_no_role_is_needed_only_a_token(self, api_client, service_account):
        assert not service_account.roles.exists()
        assert decide(api_client, england()).status_code == 200


class TestEngland:
    def test_one_unachievable_outcome_is_eligible(self, api_client):
        response = decide(api_client, england({EnglandOutcome.NUTRITION: "no"}))

        assert response.status_code == 200
        data = response.json()
        assert data["eligible"] is True
        assert data["nation"] == "england"
        assert data["framework"] == "adult_carer"
        assert data["warnings"] == []
        assert data["rule_version"] == CURRENT_RULE_VERSIONS[Nation.ENGLAND]
        assert [c["code"] for c in data["criteria"]] == [
            "england.necessary_care",
            "england.effect",
            "england.wellbeing",
            "england.fluctuation",
        ]
        assert all(c["met"] is True for c in data["criteria"])
        effect = criterion(data, "england.effect")
        assert effect["citation"].endswith("reg. 3(1)(b), 3(2) and 3(3)")
        assert "SI 2015/313" in effect["citation"]
        assert "eating and drinking well" in effect["explanation"]
        assert effect["explanation_code"] == "england.effect.outcomes"
        assert effect["missing"] == []
        assert data["missing"] == []
        assert data["explanation"].startswith("Your needs as a carer meet the national eligibility criteria")
        assert data["prevention_advice_required"] is False
        assert data["prevention_advice_citation"] is None
        assert data["prevention_advice_explanation"] is None

    def test_response_has_exactly_the_documented_fields(self, api_client):
        data = decide(api_client, england({EnglandOutcome.NUTRITION: "no"})).json()
        assert set(data) == {
            "eligible",
            "nation",
            "framework",
            "warnings",
            "rule_version",
            "explanation_code",
            "explanation",
            "criteria",
            "missing",
            "prevention_advice_required",
            "prevention_advice_citation",
            "prevention_advice_explanation",
        }
        assert set(data["criteria"][0]) == {
            "code",
            "citation",
            "met",
            "considered",
            "explanation_code",
            "explanation",
            "missing",
        }

    def test_nothing_is_stored_and_no_cache_may_keep_it(self, api_client, django_assert_max_num_queries):
        decide(api_client, england())  # the token's first use is recorded (then at most once a minute)
        # Authentication reads the token and its user in one query; the decision itself touches no table.
        with django_assert_max_num_queries(1):
            response = decide(api_client, england({EnglandOutcome.NUTRITION: "no"}))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]

    def test_taking_significantly_longer_only_is_not_eligible_in_england(self, api_client):
        slower = {code: Ability.TAKES_SIGNIFICANTLY_LONGER.value for code in ENGLAND_CODES}
        data = decide(api_client, england(slower)).json()

        assert data["eligible"] is False
        effect = criterion(data, "england.effect")
        assert effect["met"] is False
        assert effect["explanation_code"] == "england.effect.not_met_slower_only"
        assert "taking longer does not count" in effect["explanation"]
        assert data["prevention_advice_required"] is True
        assert data["prevention_advice_citation"] == "Care Act 2014, s. 13(5)"
        assert "written advice and information" in data["prevention_advice_explanation"]

    def test_missing_information_gives_null_with_the_missing_questions(self, api_client):
        body = england({EnglandOutcome.NUTRITION: None}, significant_impact_on_wellbeing=None)
        del body["health_deteriorating_or_at_risk"]  # absent counts as not answered, like null
        data = decide(api_client, body).json()

        assert data["eligible"] is None
        assert data["explanation_code"] == "decision.cannot_decide"
        assert [m["code"] for m in data["missing"]] == [
            "health_deteriorating_or_at_risk",
            "achievable:england.nutrition",
            "significant_impact_on_wellbeing",
        ]
        texts = {m["code"]: m["text"] for m in data["missing"]}
        assert texts["achievable:england.nutrition"] == "how you manage eating and drinking well"
        assert texts["significant_impact_on_wellbeing"] == "whether there is a significant impact on your well-being"
        wellbeing = criterion(data, "england.wellbeing")
        assert wellbeing["met"] is None
        assert wellbeing["missing"] == [{"code": "significant_impact_on_wellbeing", "text": texts[
            "significant_impact_on_wellbeing"]}]
        assert data["prevention_advice_required"] is False

    def test_a_failed_criterion_decides_even_with_other_answers_missing(self, api_client):
        body = {"nation": "england", "provides_necessary_care": False, "rule_version": ENGLAND_2015}
        data = decide(api_client, body).json()
        assert data["eligible"] is False
        assert criterion(data, "england.necessary_care")["met"] is False
        assert "significant_impact_on_wellbeing" in [m["code"] for m in data["missing"]]
        assert data["prevention_advice_required"] is True

    def test_after_a_failed_criterion_the_later_ones_are_not_considered(self, api_client):
        data = decide(api_client, {"nation": "england", "provides_necessary_care": False}).json()
        assert data["eligible"] is False
        for code in ("england.effect", "england.wellbeing"):
            assert criterion(data, code)["met"] is None
            assert criterion(data, code)["considered"] is False
            assert criterion(data, code)["explanation_code"] == f"{code}.not_considered"
            assert criterion(data, code)["missing"] == []
            assert "regulation 3(1)(a)" in criterion(data, code)["explanation"]
        assert criterion(data, "england.necessary_care")["considered"] is True
        # Nothing the not-considered criteria would have asked is listed as missing.
        missing = [m["code"] for m in data["missing"]]
        assert "significant_impact_on_wellbeing" not in missing
        assert not any(code.startswith("achievable:") for code in missing)

    def test_nation_alone_is_a_valid_request_that_cannot_be_decided(self, api_client):
        data = decide(api_client, {"nation": "england"}).json()
        assert data["eligible"] is None
        assert "cared_for" in [m["code"] for m in data["missing"]]
        assert len([m for m in data["missing"] if m["code"].startswith("achievable:")]) == 8

    def test_fluctuating_needs_need_a_considered_period(self, api_client):
        body = england({EnglandOutcome.NUTRITION: "no"}, needs_fluctuate=True, fluctuation_period_considered="  ")
        data = decide(api_client, body).json()
        assert data["eligible"] is None
        assert [m["code"] for m in data["missing"]] == ["fluctuation_period_considered"]

        body["fluctuation_period_considered"] = "the last 12 months"
        data = decide(api_client, body).json()
        assert data["eligible"] is True
        assert "the last 12 months" in criterion(data, "england.fluctuation")["explanation"]

    def test_explicit_current_rule_version(self, api_client):
        data = decide(api_client, england({EnglandOutcome.NUTRITION: "no"}, rule_version=ENGLAND_2015)).json()
        assert data["rule_version"] == ENGLAND_2015


class TestWales:
    def test_the_same_takes_longer_answers_are_eligible_in_wales(self, api_client):
        slower = {code: ("takes_significantly_longer", False, True) for code in WALES_CODES}
        response = decide(api_client, wales(slower, rule_version=WALES_2016))

        assert response.status_code == 200
        data = response.json()
        assert data["eligible"] is True
        assert data["rule_version"] == WALES_2016
        assert [c["code"] for c in data["criteria"]] == [
            "wales.arises_from_caring",
            "wales.relates_to_matter",
            "wales.cannot_meet_need",
            "wales.personal_outcomes",
            "wales.fluctuation",
        ]
        assert all(c["met"] is True for c in data["criteria"])
        assert "reg. 5(c) and reg. 6" in criterion(data, "wales.cannot_meet_need")["citation"]
        assert "taking much longer than usual" in criterion(data, "wales.cannot_meet_need")["explanation"]
        assert data["explanation"].startswith("At least one of your needs")

    def test_one_slow_matter_is_enough_and_england_only_fields_are_ignored(self, api_client):
        body = wales(
            {WalesMatter.COMMUNICATION: ("takes_significantly_longer", False, True)},
            significant_impact_on_wellbeing=False,
            provides_necessary_care=False,
        )
        data = decide(api_client, body).json()
        assert data["eligible"] is True
        assert "communicating" in criterion(data, "wales.personal_outcomes")["explanation"]

    def test_a_need_others_can_meet_is_not_eligible_with_welsh_advice(self, api_client):
        data = decide(api_client, wales({WalesMatter.COMMUNICATION: ("no", True, True)}, rule_version=WALES_2016)).json()
        assert data["eligible"] is False
        assert data["prevention_advice_required"] is True
        assert "s. 32(1)(d)" in data["prevention_advice_citation"]

    def test_missing_wales_answers_are_listed(self, api_client):
        body = wales({WalesMatter.COMMUNICATION: ("no", None, None)}, rule_version=WALES_2016)
        data = decide(api_client, body).json()
        assert data["eligible"] is None
        assert [m["code"] for m in data["missing"]] == ["others_or_community_can_meet:wales.communication"]
        assert data["missing"][0]["text"] == (
            "whether other people or community services can meet your need to do with communicating"
        )

        del body["rule_version"]  # the current version asks on the reg. 6 scale
        data = decide(api_client, body).json()
        assert [m["code"] for m in data["missing"]] == ["others_or_community:wales.communication"]


class TestBadRequests:
    def test_an_english_outcome_code_in_a_wales_request_is_a_field_error(self, api_client):
        body = wales()
        body["outcomes"][2]["code"] = EnglandOutcome.NUTRITION.value
        response = decide(api_client, body)

        assert response.status_code == 400
        message = '"england.nutrition" belongs to England, not Wales. Use one of: ' + ", ".join(WALES_CODES) + "."
        assert response.json() == {"outcomes": {"2": {"code": [message]}}}

    def test_a_welsh_matter_in_an_england_request_is_a_field_error(self, api_client):
        body = england()
        body["outcomes"][0]["code"] = WalesMatter.COMMUNICATION.value
        response = decide(api_client, body)
        assert response.status_code == 400
        message = response.json()["outcomes"]["0"]["code"][0]
        assert message.startswith('"wales.communication" belongs to Wales, not England. Use one of: england.')

    def test_an_unknown_outcome_code_is_a_field_error(self, api_client):
        body = england()
        body["outcomes"][0]["code"] = "england.knitting"
        response = decide(api_client, body)
        assert response.status_code == 400
        assert "not a valid choice" in response.json()["outcomes"]["0"]["code"][0]

    def test_an_outcome_answered_twice_is_a_field_error(self, api_client):
        body = england()
        body["outcomes"][1]["code"] = body["outcomes"][0]["code"]
        response = decide(api_client, body)
        assert response.status_code == 400
        assert "more than once" in response.json()["outcomes"]["1"]["code"][0]

    def test_an_unknown_ability_is_a_field_error(self, api_client):
        response = decide(api_client, england({EnglandOutcome.NUTRITION: "sometimes"}))
        assert response.status_code == 400
        assert "achievable" in response.json()["outcomes"]["3"]

    def test_unknown_rule_version_is_400(self, api_client):
        response = decide(api_client, england(rule_version="england-2099"))
        assert response.status_code == 400
        assert response.json() == {"rule_version": ['Unknown rule version "england-2099".']}

    def test_rule_version_of_the_other_nation_is_400(self, api_client):
        response = decide(api_client, england(rule_version=WALES_2016))
        assert response.status_code == 400
        assert "is for Wales, not England" in response.json()["rule_version"][0]

    @pytest.mark.parametrize("nation", [None, "scotland", ""])
    def test_nation_is_required_and_must_be_england_or_wales(self, api_client, nation):
        body = england()
        body["nation"] = nation
        response = decide(api_client, body)
        assert response.status_code == 400
        assert "nation" in response.json()

    def test_nation_missing_is_400(self, api_client):
        body = england()
        del body["nation"]
        response = decide(api_client, body)
        assert response.status_code == 400
        assert response.json()["nation"] == ["This field is required."]

    @pytest.mark.parametrize("value", ["yes", "true", 1, 0, "", []])
    def test_answers_must_be_json_booleans_or_null(self, api_client, value):
        response = decide(api_client, england(significant_impact_on_wellbeing=value))
        assert response.status_code == 400
        assert response.json()["significant_impact_on_wellbeing"] == ["Must be true, false or null."]

    @pytest.mark.parametrize("value", [0, 6, 12.5, True, ["the last 6 months"], {"months": 6}])
    def test_the_period_must_be_a_json_string(self, api_client, value):
        # The schema says string: a number is not quietly turned into text.
        response = decide(api_client, england(needs_fluctuate=True, fluctuation_period_considered=value))
        assert response.status_code == 400
        assert response.json()["fluctuation_period_considered"] == ["Not a valid string."]

    def test_a_misspelt_field_is_rejected_not_ignored(self, api_client):
        body = england(health_deterioriating=True)
        response = decide(api_client, body)
        assert response.status_code == 400
        assert "Unknown field" in response.json()["health_deterioriating"][0]

    def test_a_misspelt_outcome_field_is_rejected(self, api_client):
        body = england()
        body["outcomes"][0]["acheivable"] = "no"
        response = decide(api_client, body)
        assert response.status_code == 400
        assert "acheivable" in response.json()["outcomes"]["0"]

    def test_malformed_json_is_400(self, api_client):
        response = api_client.post(DECIDE, data='{"nation": "england",', content_type="application/json")
        assert response.status_code == 400
        assert "JSON parse error" in response.json()["detail"]

    @pytest.mark.parametrize("body", ["[]", '"england"', "null", "42"])
    def test_json_that_is_not_an_object_is_400(self, api_client, body):
        response = api_client.post(DECIDE, data=body, content_type="application/json")
        assert response.status_code == 400

    def test_outcomes_must_be_a_list_of_objects(self, api_client):
        for outcomes in ({"code": "england.nutrition"}, ["england.nutrition"], "x"):
            response = decide(api_client, england(outcomes=outcomes))
            assert response.status_code == 400, outcomes
            assert "outcomes" in response.json()

    def test_too_many_outcomes_is_400(self, api_client):
        body = england()
        body["outcomes"] = body["outcomes"] * 2
        assert decide(api_client, body).status_code == 400

    def test_an_overlong_period_is_400(self, api_client):
        body = england(needs_fluctuate=True, fluctuation_period_considered="x" * 501)
        response = decide(api_client, body)
        assert response.status_code == 400
        assert "fluctuation_period_considered" in response.json()

    def test_form_data_is_415(self, api_client):
        response = api_client.post(DECIDE, {"nation": "england"}, format="multipart")
        assert response.status_code == 415

    def test_get_is_not_allowed(self, api_client):
        assert api_client.get(DECIDE).status_code == 405


class TestRules:
    def test_lists_current_versions_codes_labels_and_citations(self, api_client):
        response = api_client.get(RULES)
        assert response.status_code == 200
        data = response.json()

        nations = {n["nation"]: n for n in data["nations"]}
        assert set(nations) == {"england", "wales"}
        assert nations["england"]["current_rule_version"] == CURRENT_RULE_VERSIONS[Nation.ENGLAND]
        assert nations["wales"]["current_rule_version"] == CURRENT_RULE_VERSIONS[Nation.WALES]
        assert [o["code"] for o in nations["england"]["outcomes"]] == list(ENGLAND_CODES)
        assert [o["code"] for o in nations["wales"]["outcomes"]] == list(WALES_CODES)
        assert {"code": "england.nutrition", "label": "eating and drinking well"} in nations["england"]["outcomes"]
        assert nations["england"]["outcome_kind"] == "outcome"
        assert nations["wales"]["outcome_kind"] == "matter"
        assert "significant_impact_on_wellbeing" in nations["england"]["questions"]
        assert "significant_impact_on_wellbeing" not in nations["wales"]["questions"]
        assert "others_or_community" in nations["wales"]["outcome_questions"]
        assert "others_or_community_can_meet" not in nations["wales"]["outcome_questions"]  # 2016 version only

        versions = {v["version"]: v for v in data["rule_versions"]}
        assert versions[ENGLAND_2015]["current"] is False
        assert versions[CURRENT_RULE_VERSIONS[Nation.ENGLAND]]["current"] is True
        assert versions[ENGLAND_2015]["effective_from"] == "2015-04-01"
        assert [c["code"] for c in versions[WALES_2016]["criteria"]] == [
            "wales.arises_from_caring",
            "wales.relates_to_matter",
            "wales.cannot_meet_need",
            "wales.personal_outcomes",
            "wales.fluctuation",
        ]
        assert all("citation" in c and c["citation"] for v in versions.values() for c in v["criteria"])

        abilities = {a["code"]: a for a in data["abilities"]}
        assert set(abilities) == {a.value for a in Ability}
        assert abilities["takes_significantly_longer"]["counts_as_unable"] == {"england": False, "wales": True}
        assert abilities["yes"]["counts_as_unable"] == {"england": False, "wales": False}
        assert [c["code"] for c in data["cared_for"]] == ["adult", "disabled_child", "child_not_disabled"]

    def test_questions_and_labels_are_those_the_staff_form_uses(self, api_client):
        data = api_client.get(RULES).json()

        for nation in data["nations"]:
            asked = questions_for(Nation(nation["nation"]))
            assert nation["questions"] == [q.key for q in asked if not q.per_outcome]
            assert nation["outcome_questions"] == [q.key for q in asked if q.per_outcome]
        assert {a["code"]: a["label"] for a in data["abilities"]} == {a.value: ABILITY_LABELS[a] for a in Ability}
        cared_for = {c.value: label for c, label in CARED_FOR_LABELS.items()}
        assert {c["code"]: c["label"] for c in data["cared_for"]} == cared_for
        assert {n["nation"]: n["label"] for n in data["nations"]} == {"england": "England", "wales": "Wales"}

    def test_every_listed_code_is_accepted_by_the_decision_endpoint(self, api_client):
        data = api_client.get(RULES).json()
        abilities = [a["code"] for a in data["abilities"]]
        for nation in data["nations"]:
            body = {
                "nation": nation["nation"],
                "rule_version": nation["current_rule_version"],
                "cared_for": data["cared_for"][0]["code"],
                "outcomes": [
                    {"code": o["code"], "achievable": abilities[i % len(abilities)]}
                    for i, o in enumerate(nation["outcomes"])
                ],
            }
            assert decide(api_client, body).status_code == 200, nation["nation"]


# ---------------------------------------------------------------------------
# Frameworks, the 2026-12 rule versions and their new answers (issue 15)
# ---------------------------------------------------------------------------


class TestFrameworks:
    def test_without_framework_the_adult_carer_rules_apply_as_before(self, api_client):
        body = england({EnglandOutcome.NUTRITION: "no"})
        without = decide(api_client, body).json()
        with_default = decide(api_client, body | {"framework": "adult_carer"}).json()

        assert without == with_default
        assert without["framework"] == "adult_carer"
        assert without["eligible"] is True

    @pytest.mark.parametrize(
        ("framework", "law"),
        [
            ("young_carer", "Children Act 1989 s17ZA"),
            ("parent_carer", "Children Act 1989 s17ZD"),
            ("young_carer_transition", "Care Act 2014 s63"),
            ("childs_carer_transition", "Care Act 2014 s60"),
        ],
    )
    def test_an_english_framework_without_national_criteria_is_a_400_on_framework(self, api_client, framework, law):
        response = decide(api_client, england({EnglandOutcome.NUTRITION: "no"}, framework=framework))

        assert response.status_code == 400
        body = response.json()
        assert list(body) == ["framework"]
        assert "There are no national eligibility criteria" in body["framework"][0]
        assert law in body["framework"][0]

    def test_the_young_carer_message_says_who_decides(self, api_client):
        response = decide(api_client, england(framework="young_carer"))

        assert response.json() == {
            "framework": [
                "There are no national eligibility criteria for a young carer's needs assessment (Children Act 1989 "
                "s17ZA): the council decides whether there are needs for support."
            ]
        }

    @pytest.mark.parametrize("framework", ["adult_carer", "young_carer", "parent_carer"])
    def test_every_welsh_carer_framework_has_the_criteria(self, api_client, framework):
        body = wales({WalesMatter.COMMUNICATION: ("no", False, True)}, framework=framework)
        body["outcomes"][1]["others_or_community"] = "no"
        data = decide(api_client, body).json()

        assert data["framework"] == framework
        assert data["eligible"] is True

    def test_there_are_no_transition_assessments_in_wales(self, api_client):
        response = decide(api_client, wales(framework="young_carer_transition"))

        assert response.status_code == 400
        assert "section 24" in response.json()["framework"][0]

    def test_an_unknown_framework_is_a_400(self, api_client):
        response = decide(api_client, england(framework="grandparent_carer"))

        assert response.status_code == 400
        assert "framework" in response.json()


class TestNewAnswers:
    def test_does_not_apply_counts_as_answered_and_not_unable(self, api_client):
        body = england({EnglandOutcome.CHILD_CARING_RESPONSIBILITIES: "does_not_apply"})
        data = decide(api_client, body).json()

        assert data["eligible"] is False
        assert data["missing"] == []
        assert criterion(data, "england.effect")["explanation_code"] == "england.effect.not_met"

    def test_wales_others_help_scale_only_yes_means_can_meet(self, api_client):
        def with_help(value):
            body = wales({WalesMatter.COMMUNICATION: ("no", None, True)})
            body["outcomes"][1]["others_or_community"] = value
            return decide(api_client, body).json()

        assert with_help("yes")["eligible"] is False
        for value in (
            "only_with_significant_pain_anxiety_distress",
            "only_by_endangering",
            "only_by_taking_significantly_longer",
            "no",
        ):
            assert with_help(value)["eligible"] is True, value

    def test_a_bare_yes_no_longer_satisfies_the_current_wales_version(self, api_client):
        body = wales({WalesMatter.COMMUNICATION: ("no", True, True)})
        data = decide(api_client, body).json()

        assert data["eligible"] is None
        assert [m["code"] for m in data["missing"]] == ["others_or_community:wales.communication"]

    def test_wales_fluctuation_warns_and_does_not_block(self, api_client):
        body = wales({WalesMatter.COMMUNICATION: ("no", False, True)}, needs_fluctuate=True)
        data = decide(api_client, body).json()

        assert data["eligible"] is True
        assert data["missing"] == []
        assert [w["code"] for w in data["warnings"]] == ["warning.wales.fluctuation_period_missing"]
        assert "does not change the decision" in data["warnings"][0]["text"]
        assert "wales.fluctuation" not in [c["code"] for c in data["criteria"]]

        old = decide(api_client, body | {"rule_version": WALES_2016}).json()
        assert old["eligible"] is None  # the 2016 version still holds the decision back
        assert old["warnings"] == []

    def test_england_fluctuation_still_blocks(self, api_client):
        body = england({EnglandOutcome.NUTRITION: "no"}, needs_fluctuate=True)
        data = decide(api_client, body).json()

        assert data["eligible"] is None
        assert data["warnings"] == []


class TestRulesFrameworks:
    def test_lists_each_nations_frameworks_with_law_and_criteria(self, api_client):
        data = api_client.get(RULES).json()
        nations = {n["nation"]: n for n in data["nations"]}

        england_ = {f["framework"]: f for f in nations["england"]["frameworks"]}
        assert list(england_) == [
            "adult_carer",
            "young_carer",
            "parent_carer",
            "young_carer_transition",
            "childs_carer_transition",
        ]
        assert england_["adult_carer"]["national_criteria"] is True
        assert england_["adult_carer"]["law"] == LAW[("england", Framework.ADULT_CARER)]
        assert england_["adult_carer"]["no_national_criteria"] is None
        assert england_["young_carer"]["national_criteria"] is False
        assert "s17ZA" in england_["young_carer"]["no_national_criteria"]
        wales_ = {f["framework"]: f for f in nations["wales"]["frameworks"]}
        assert list(wales_) == ["adult_carer", "young_carer", "parent_carer"]
        assert all(f["national_criteria"] for f in wales_.values())
        assert "24(4)(d)" in wales_["young_carer"]["law"]

    def test_lists_the_new_answer_codes(self, api_client):
        data = api_client.get(RULES).json()

        assert "does_not_apply" in [a["code"] for a in data["abilities"]]
        does_not_apply = next(a for a in data["abilities"] if a["code"] == "does_not_apply")
        assert does_not_apply["counts_as_unable"] == {"england": False, "wales": False}
        others = {o["code"]: o["counts_as_can_meet"] for o in data["others_help"]}
        assert others == {
            "yes": True,
            "only_with_significant_pain_anxiety_distress": False,
            "only_by_endangering": False,
            "only_by_taking_significantly_longer": False,
            "no": False,
        }
        assert [w["code"] for w in data["warnings"]] == [
            "warning.wales.fluctuation_unanswered",
            "warning.wales.fluctuation_period_missing",
        ]

    def test_the_schema_says_which_frameworks_each_nation_accepts(self, client, db):
        schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
        body = schema["components"]["schemas"]["EligibilityAnswers"]

        assert "framework" in body["properties"]
        branches = {b["properties"]["nation"]["pattern"]: b["properties"]["framework"]["pattern"] for b in body["anyOf"]}
        assert branches == {"^england$": "^(adult_carer)$", "^wales$": "^(adult_carer|young_carer|parent_carer)$"}
