from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from carershub.api.eligibility_serializers import (
    EligibilityDecisionRequestSerializer,
    EligibilityDecisionSerializer,
    EligibilityRulesSerializer,
    decision_payload,
    no_national_criteria_message,
    rules_payload,
)
from carershub.assessments import eligibility as rules


class ApiHealthView(APIView):
    """Lets a connected system check its token works."""

    @extend_schema(
        responses=inline_serializer("ApiHealth", {"status": serializers.CharField(), "user": serializers.CharField()})
    )
    def get(self, request):
        return Response({"status": "ok", "user": request.user.get_username()})


# ---------------------------------------------------------------------------
# Eligibility decisions
# ---------------------------------------------------------------------------

_WORK = rules.EnglandOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING
ENGLAND_ELIGIBLE_EXAMPLE = {
    "nation": "england",
    "cared_for": "adult",
    "needs_arise_from_providing_care": True,
    "provides_necessary_care": True,
    "health_deteriorating_or_at_risk": False,
    "outcomes": [
        {"code": code, "achievable": "no" if code == _WORK else "yes"}
        for code in rules.OUTCOMES_BY_NATION[rules.Nation.ENGLAND]
    ],
    "significant_impact_on_wellbeing": True,
    "needs_fluctuate": False,
}
WALES_SLOWER_EXAMPLE = {
    "nation": "wales",
    "cared_for": "disabled_child",
    "needs_arise_from_providing_care": True,
    "outcomes": [
        {
            "code": rules.WalesMatter.SELF_CARE_DOMESTIC_ROUTINES.value,
            "achievable": "takes_significantly_longer",
            "others_or_community": "only_with_significant_pain_anxiety_distress",
            "personal_outcomes_unlikely_without_council": True,
        },
        *(
            {"code": code, "achievable": "yes"}
            for code in rules.OUTCOMES_BY_NATION[rules.Nation.WALES]
            if code != rules.WalesMatter.SELF_CARE_DOMESTIC_ROUTINES
        ),
    ],
    "needs_fluctuate": True,
    "fluctuation_period_considered": "the last 6 months",
}


def _example_decision(answers: dict) -> dict:
    serializer = EligibilityDecisionRequestSerializer(data=answers)
    serializer.is_valid(raise_exception=True)
    return decision_payload(
        rules.decide(serializer.to_answers(), framework=serializer.validated_data["framework"]), messages=rules.MESSAGES
    )


DECISION_DESCRIPTION = """\
Applies the statutory eligibility criteria for carers to the structured answers and returns
the decision with every criterion, whether it was met, why, and the regulation it comes from.

* **England**: The Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313),
  regulation 3. Being unable to achieve any **one** of the eight outcomes is enough; "unable"
  includes managing only with significant pain, distress or anxiety, or only by endangering
  health or safety, but **not** taking significantly longer than normal.
* **Wales**: The Care and Support (Eligibility) (Wales) Regulations 2015 (SI 2015/1578),
  regulations 5 and 6, judged per need; taking significantly longer than normal **does**
  count as not being able to meet a need alone, and others or community services meet a
  need only if they do so without the carer suffering (`others_or_community`, reg. 6).

`framework` (default `adult_carer`) is the kind of carer's assessment in law. A decision is made
only where it has national eligibility criteria in the nation: otherwise the answer is a 400 on
`framework` that says why (e.g. a young carer's needs assessment in England, Children Act 1989
s17ZA). Where a criterion is not reached because an earlier one is not met, it is returned with
`considered: false` ("not considered"), never as met. `warnings` lists what staff should look at
without it changing the decision (the Welsh fluctuating-needs check, Carers Hub policy).

`eligible` is `true`, `false`, or `null` when information is missing: `missing` then lists each
unanswered question as a stable code and in plain English. Where needs fluctuate, a considered
period must be recorded before a decision is made in England (reg. 3(4)); in Wales it is a warning.

Store `rule_version` with the decision: the same answers always give the same decision under
the same version. This endpoint stores nothing and reads no personal data; any valid API token
may call it (no role is needed). Send `Authorization: Token <key>`.
"""

RULES_DESCRIPTION = """\
Everything a client needs to build the eligibility questions: for each nation, the frameworks
(kinds of carer's assessment) with their law and whether they have national eligibility criteria,
the current rule version, the outcome (England) or matter (Wales) codes with their labels in
statutory order, and which questions that nation's rules read; every rule version with the
citation of each criterion; the allowed values for `achievable` (including `does_not_apply`),
`others_or_community` (Wales, reg. 6) and `cared_for`; and the warning codes.
"""

class EligibilityDecisionView(APIView):
    """Ask for a carer eligibility decision (England or Wales)."""

    @extend_schema(
        operation_id="eligibility_decide",
        summary="Decide a carer's eligibility",
        description=DECISION_DESCRIPTION,
        tags=["eligibility"],
        request=EligibilityDecisionRequestSerializer,
        responses={
            200: EligibilityDecisionSerializer,
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=(
                    "Malformed JSON, an unknown field or code, an outcome code of the other nation, a value that "
                    "is not `true`/`false`/`null` (or, for text, not a string), an unknown `rule_version`, or a "
                    "`framework` with no national eligibility criteria in `nation`. "
                    "Nothing is decided. The body maps each field to its messages; `outcomes` maps the position "
                    "(from 0) of each answer that is wrong to its field messages; malformed or too deeply nested "
                    "JSON gives `{\"detail\": ...}`."
                ),
                examples=[
                    OpenApiExample(
                        "Outcome code of the other nation",
                        value={
                            "outcomes": {
                                "1": {
                                    "code": [
                                        '"wales.communication" belongs to Wales, not England. Use one of: '
                                        + ", ".join(rules.OUTCOMES_BY_NATION[rules.Nation.ENGLAND])
                                        + "."
                                    ]
                                }
                            }
                        },
                    ),
                    OpenApiExample("Unknown rule version", value={"rule_version": ['Unknown rule version "2099".']}),
                    OpenApiExample(
                        "No national eligibility criteria for the framework",
                        value={"framework": [no_national_criteria_message("england", "young_carer")]},
                    ),
                ],
            ),
            # 401, 406, 413, 415 and 429 are documented for every operation by carershub.api.schema.
        },
        examples=[
            OpenApiExample(
                "England: eligible, one outcome cannot be achieved",
                summary="England, one outcome is enough",
                description=(
                    "Necessary care for an adult; health is not at risk, but the carer cannot take part in work, "
                    "training, education or volunteering, with a significant impact on well-being. "
                    "Being unable to achieve one outcome is enough (SI 2015/313 reg. 3(2)(b))."
                ),
                value=ENGLAND_ELIGIBLE_EXAMPLE,
                request_only=True,
            ),
            OpenApiExample(
                "England: eligible, one outcome cannot be achieved",
                value=_example_decision(ENGLAND_ELIGIBLE_EXAMPLE),
                response_only=True,
                status_codes=["200"],
            ),
            OpenApiExample(
                "Wales: takes significantly longer",
                summary="Wales, managing only by taking much longer",
                description=(
                    "The carer manages self-care and household tasks only by taking significantly longer than "
                    "normal, nobody else can meet that need, and their personal outcomes are unlikely without the "
                    "council. That counts in Wales (SI 2015/1578 reg. 6), so the carer is eligible; the same "
                    "answers would not be enough in England. Needs fluctuate and the period considered is recorded."
                ),
                value=WALES_SLOWER_EXAMPLE,
                request_only=True,
            ),
            OpenApiExample(
                "Wales: takes significantly longer",
                value=_example_decision(WALES_SLOWER_EXAMPLE),
                response_only=True,
                status_codes=["200"],
            ),
        ],
    )
    def post(self, request):
        serializer = EligibilityDecisionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            decision = rules.decide(serializer.to_answers(), rule_version=data["rule_version"], framework=data["framework"])
        except rules.NoNationalCriteria as error:
            # The serializer refuses these already; kept field-keyed should the two ever differ.
            message = no_national_criteria_message(error.nation, error.framework)
            return Response({"framework": [message]}, status=status.HTTP_400_BAD_REQUEST)
        except (ValueError, TypeError) as error:
            # The serializer checks everything the rules check; this keeps a future gap a 400, not a 500.
            return Response({"non_field_errors": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        response = Response(decision_payload(decision))
        # The answers describe a carer's situation: no shared or browser cache may keep the decision.
        add_never_cache_headers(response)
        return response


class EligibilityRulesView(APIView):
    """The eligibility rule versions, citations and codes, to build a form."""

    @extend_schema(
        operation_id="eligibility_rules",
        summary="List eligibility rule versions and codes",
        description=RULES_DESCRIPTION,
        tags=["eligibility"],
        responses=EligibilityRulesSerializer,
    )
    def get(self, request):
        return Response(rules_payload())

