"""Serializers for the eligibility decision API.

The request side turns JSON into ``CarerNeedsAnswers``. It has one field per
question in ``eligibility.QUESTIONS`` -- the description the staff form reads
too -- so the fields, the codes they allow, the labels of those codes and the
fields' OpenAPI descriptions always match what the rules read. The response
side only documents the shape that ``decision_payload`` builds from a
``Decision``.
"""

from collections.abc import Iterator, Mapping

from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers

from carershub.assessments import eligibility as rules
from carershub.assessments import frameworks


class TranslatedMessages(Mapping):
    """``eligibility.MESSAGES`` (or another mapping of the rules, e.g. ``STAFF_MESSAGES``) through
    Django's gettext, for ``render``/``render_missing``."""

    def __init__(self, source: Mapping[str, str] | None = None):
        self.source = rules.MESSAGES if source is None else source

    def __getitem__(self, key: str) -> str:
        return gettext(self.source[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.source)

    def __len__(self) -> int:
        return len(self.source)


def outcome_label(code: str) -> str:
    return gettext(rules.MESSAGES[code])


def _nation_of(code: str) -> rules.Nation:
    return next(nation for nation, codes in rules.OUTCOMES_BY_NATION.items() if code in codes)


def _codes(abilities: frozenset[rules.Ability]) -> str:
    return ", ".join(f"`{ability.value}`" for ability in rules.Ability if ability in abilities)


OUTCOME_CODE_CHOICES = [
    (code, format_lazy("{}: {}", _(rules.NATION_LABELS[nation]), _(rules.MESSAGES[code])))
    for nation, codes in rules.OUTCOMES_BY_NATION.items()
    for code in codes
]


OUTCOME_CODE_HELP = (
    "The outcome (England, SI 2015/313 reg. 3(2)(b)) or matter (Wales, SI 2015/1578 reg. 5) this answer is "
    "about. `england.` codes are accepted only when `nation` is `england`, `wales.` codes only when it is "
    "`wales`; each code may be answered once. `GET /api/v1/eligibility/rules/` lists them per nation."
)

# What an API client needs to know about a question beyond its wording for staff.
API_NOTES = {
    "cared_for": "England's carer rules cover care for an adult; Wales's cover an adult or a disabled child.",
    "achievable": (
        f'In England {_codes(rules.ENGLAND_UNABLE)} mean "unable" (reg. 3(3)). In Wales '
        f"{_codes(rules.WALES_CANNOT_MEET_ALONE)} mean the carer cannot meet the need alone (reg. 6). "
        "`does_not_apply`: the outcome or matter does not arise for this carer (for example no child to look "
        "after); it counts as answered and never as unable."
    ),
    "others_or_community_can_meet": (
        "That is: can the need be met with the support of others who are willing to give it, or with community "
        "services the carer can use? Read by the 2016 Wales version. The current Wales version reads "
        "`others_or_community` instead; there `false` still counts as `no`, but `true` is not enough on its own "
        "(it does not say whether the carer copes only by suffering), so `others_or_community` is then missing."
    ),
    "others_or_community": (
        "The same question on the SI 2015/1578 reg. 6 scale, read by the current Wales version: only `yes` "
        "(without significant pain, anxiety or distress, danger, or taking significantly longer) means the need "
        "can be met that way."
    ),
    "personal_outcomes_unlikely_without_council": (
        "That is: is the carer unlikely to achieve one or more personal outcomes unless the council provides or "
        "arranges support (or direct payments) for this need?"
    ),
    "fluctuation_period_considered": (
        "Describe the period only; do not put personal details here. Blank counts as not recorded."
    ),
}


REGULATIONS = {rules.Nation.ENGLAND: rules.ENGLAND_SI, rules.Nation.WALES: rules.WALES_SI}


def _law(nation: rules.Nation, criteria: tuple[str, ...]) -> str:
    """The citations of ``criteria``; where they cite the nation's regulations, with the caveat (if any) the
    current rule version gives about them, such as the Welsh reg. 5 letters."""
    citations = [rules.CITATIONS[code] for code in criteria]
    text = f"{rules.NATION_LABELS[nation]}: {'; '.join(citations)}."
    note = rules.RULE_VERSIONS[rules.CURRENT_RULE_VERSIONS[nation]].note
    if note and any(REGULATIONS[nation] in citation for citation in citations):
        text += f" {note}"
    return text


def question_help(question: rules.Question):
    """A question's OpenAPI description: who asks it, its wording for staff, notes, and the law it answers."""
    parts = []
    if len(question.nations) < len(rules.Nation):
        ignored = [rules.NATION_LABELS[nation] for nation in rules.Nation if nation not in question.nations]
        asked = [rules.NATION_LABELS[nation] for nation in question.nations]
        parts.append(f"{' and '.join(asked)} only (ignored for {' and '.join(ignored)}).")
    parts.append(_(question.label))
    if question.hint:
        parts.append(_(question.hint))
    if question.key in API_NOTES:
        parts.append(API_NOTES[question.key])
    parts.append(" ".join(_law(nation, question.criteria[nation]) for nation in question.nations))
    parts.append("`null` or absent: not answered yet.")
    return format_lazy("\n\n".join(["{}"] * len(parts)), *parts)


class StrictNullBooleanField(serializers.BooleanField):
    """A JSON ``true``, ``false`` or ``null`` (not answered). No "yes", 1 or "false" strings."""

    default_error_messages = {"invalid": _("Must be true, false or null.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", None)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid")


class StrictCharField(serializers.CharField):
    """A JSON string, as the schema says: no number or boolean turned into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def answer_field(question: rules.Question) -> serializers.Field:
    """The request field for a question; `null` or absent means "not answered yet"."""
    help_text = question_help(question)
    if question.answer is bool:
        return StrictNullBooleanField(help_text=help_text)
    if question.answer is str:
        return StrictCharField(
            required=False,
            allow_null=True,
            allow_blank=True,
            default=None,
            max_length=question.max_length,
            help_text=help_text,
        )
    return serializers.ChoiceField(
        choices=[(code.value, _(label)) for code, label in question.choices],
        required=False,
        allow_null=True,
        default=None,
        help_text=help_text,
    )


class RejectUnknownFieldsMixin:
    """A misspelt answer must not be silently dropped: unknown keys are a 400.

    Every request serializer of the API uses it: ``carershub.api.schema`` declares every request body
    ``additionalProperties: false``, and tests/api/test_contract.py holds the API to that."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: [gettext("Unknown field. Allowed fields: %s.") % ", ".join(self.fields)] for name in unknown}
                )
        return super().to_internal_value(data)


class OutcomeAnswerSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """The answer for one England outcome or one Wales matter. `null` or absent means "not answered yet"."""

    code = serializers.ChoiceField(choices=OUTCOME_CODE_CHOICES, help_text=OUTCOME_CODE_HELP)

    def get_fields(self):
        fields = super().get_fields()
        fields.update((question.key, answer_field(question)) for question in rules.QUESTIONS if question.per_outcome)
        return fields


class EligibilityAnswersSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """The practitioner's structured answers. `null` or an absent field always means "not answered yet"."""

    nation = serializers.ChoiceField(
        choices=[(n.value, _(rules.NATION_LABELS[n])) for n in rules.Nation],
        help_text="Whose law applies: the nation of the assessing authority.",
    )
    rule_version = serializers.ChoiceField(
        choices=[(version, rule_set.title) for version, rule_set in rules.RULE_VERSIONS.items()],
        required=False,
        allow_null=True,
        default=None,
        error_messages={"invalid_choice": _('Unknown rule version "{input}".')},
        help_text=(
            "Which version of the rules to apply. Leave out for the nation's current version "
            "(see `GET /api/v1/eligibility/rules/`). It must be a version for the request's `nation`."
        ),
    )

    def get_fields(self):
        """``nation`` and ``rule_version``, then a field per question about the carer, in order, with the
        answers about each outcome or matter (``outcomes``) where those questions stand."""
        fields = super().get_fields()
        for question in rules.QUESTIONS:
            if not question.per_outcome:
                fields[question.key] = answer_field(question)
            elif "outcomes" not in fields:
                fields["outcomes"] = OutcomeAnswerSerializer(
                    many=True,
                    required=False,
                    default=list,
                    max_length=max(len(codes) for codes in rules.OUTCOMES_BY_NATION.values()),
                    help_text=(
                        "One answer per outcome (England, 8) or matter (Wales, 7). Codes not listed count as "
                        "not answered yet. Codes must belong to `nation`."
                    ),
                )
        return fields

    def validate(self, attrs):
        nation = rules.Nation(attrs["nation"])
        allowed = rules.OUTCOMES_BY_NATION[nation]
        # Same shape as DRF's own errors for a list: {index: {field: [messages]}}, failing items only.
        errors: dict[int, dict] = {}
        seen: set[str] = set()
        for index, answer in enumerate(attrs.get("outcomes") or []):
            code = answer["code"]
            if code not in allowed:
                message = gettext('"%(code)s" belongs to %(other)s, not %(nation)s. Use one of: %(allowed)s.') % {
                    "code": code,
                    "other": gettext(rules.NATION_LABELS[_nation_of(code)]),
                    "nation": gettext(rules.NATION_LABELS[nation]),
                    "allowed": ", ".join(allowed),
                }
                errors[index] = {"code": [message]}
            elif code in seen:
                errors[index] = {"code": [gettext('"%(code)s" is answered more than once.') % {"code": code}]}
            seen.add(code)
        if errors:
            raise serializers.ValidationError({"outcomes": errors})

        version = attrs.get("rule_version")
        if version and rules.RULE_VERSIONS[version].nation is not nation:
            raise serializers.ValidationError(
                {
                    "rule_version": [
                        gettext('Rule version "%(version)s" is for %(other)s, not %(nation)s.')
                        % {
                            "version": version,
                            "other": gettext(rules.NATION_LABELS[rules.RULE_VERSIONS[version].nation]),
                            "nation": gettext(rules.NATION_LABELS[nation]),
                        }
                    ]
                }
            )
        return attrs

    def to_answers(self) -> rules.CarerNeedsAnswers:
        data = self.validated_data
        return rules.CarerNeedsAnswers(
            nation=data["nation"],
            outcomes=tuple(rules.OutcomeAnswer(**answer) for answer in data["outcomes"]),
            **{question.key: data[question.key] for question in rules.QUESTIONS if not question.per_outcome},
        )


FRAMEWORK_HELP = (
    "The kind of carer's assessment in law (`frameworks.Framework`). Leave out for `adult_carer`, the "
    "adult carer's assessment, which is what every request without it gets. Decisions are made only "
    "under a framework with national eligibility criteria in `nation`: in England `adult_carer` (SI "
    "2015/313 reg. 3); in Wales `adult_carer`, `young_carer` and `parent_carer` (SI 2015/1578 reg. 5). "
    "Any other is a 400 on `framework` saying why (for example a young carer's needs assessment in "
    "England, under the Children Act 1989 s17ZA, where the council decides whether there are needs for "
    "support). `GET /api/v1/eligibility/rules/` lists the frameworks per nation."
)


def no_national_criteria_message(nation: rules.Nation | str, framework: frameworks.Framework | str) -> str:
    """Why no decision can be made under ``framework`` in ``nation``, in the request's language."""
    code = f"no_national_criteria.{rules.Nation(nation).value}.{frameworks.Framework(framework).value}"
    return gettext(rules.STAFF_MESSAGES[code])


class EligibilityDecisionRequestSerializer(EligibilityAnswersSerializer):
    """The answers, plus the framework the decision is asked for under (default: adult carer)."""

    def get_fields(self):
        fields = super().get_fields()
        framework = serializers.ChoiceField(
            choices=[(f.value, _(frameworks.LABELS[f])) for f in frameworks.Framework],
            required=False,
            default=frameworks.Framework.ADULT_CARER.value,
            help_text=FRAMEWORK_HELP,
        )
        # After ``nation`` and ``rule_version``, before the answers.
        return {**dict(list(fields.items())[:2]), "framework": framework, **dict(list(fields.items())[2:])}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not frameworks.has_national_criteria(attrs["nation"], attrs["framework"]):
            raise serializers.ValidationError(
                {"framework": [no_national_criteria_message(attrs["nation"], attrs["framework"])]}
            )
        return attrs


class EligibilityDecisionRequestSchema(OpenApiSerializerExtension):
    """The request body's schema: the component name it always had (``EligibilityAnswers``), so generated
    clients keep working, and, where JSON Schema can say it, which ``framework`` each ``nation`` accepts
    (``anyOf`` one branch per nation; an absent ``framework`` is ``adult_carer``, accepted by both)."""

    target_class = EligibilityDecisionRequestSerializer

    def get_name(self, auto_schema, direction):
        return "EligibilityAnswers"

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        # Patterns, not enums: drf-spectacular turns every enum into a shared component, which would
        # give both branches every value.
        schema["anyOf"] = [
            {
                "properties": {
                    "nation": {"type": "string", "pattern": f"^{nation.value}$"},
                    "framework": {
                        "type": "string",
                        "pattern": "^({})$".format(
                            "|".join(
                                f.value for f in frameworks.Framework if frameworks.has_national_criteria(nation.value, f)
                            )
                        ),
                    },
                }
            }
            for nation in rules.Nation
        ]
        return schema


# ---------------------------------------------------------------------------
# Responses (documentation of what the views return)
# ---------------------------------------------------------------------------


class MissingInformationSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text=(
            'Stable code of the unanswered question: a request field name (e.g. `significant_impact_on_wellbeing`) '
            'or `<outcome field>:<outcome code>` (e.g. `achievable:england.nutrition`).'
        )
    )
    text = serializers.CharField(help_text="The question in plain English.")


class CriterionResultSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code of the statutory criterion, e.g. `england.effect`.")
    citation = serializers.CharField(help_text="The regulation or section the criterion comes from.")
    met = serializers.BooleanField(
        allow_null=True,
        help_text=(
            "`true`, `false`, or `null`: information is missing or, where `considered` is `false`, the criterion "
            "was not reached."
        ),
    )
    considered = serializers.BooleanField(
        help_text=(
            "`false` where an earlier criterion is not met, so this one was not looked at (show it as \"not "
            "considered\", never as met or not met). Its `explanation_code` then ends `.not_considered`."
        )
    )
    explanation_code = serializers.CharField(help_text="Stable code of the explanation (for clients that translate).")
    explanation = serializers.CharField(help_text="Why, in plain English, citing the regulation.")
    missing = MissingInformationSerializer(many=True, help_text="What must be answered before this can be decided.")


class WarningSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code of the warning, e.g. `warning.wales.fluctuation_unanswered`.")
    text = serializers.CharField(help_text="The warning in plain English.")


class EligibilityDecisionSerializer(serializers.Serializer):
    eligible = serializers.BooleanField(
        allow_null=True,
        help_text="`true` eligible, `false` not eligible, `null` cannot decide yet (see `missing`).",
    )
    nation = serializers.ChoiceField(choices=[(n.value, _(rules.NATION_LABELS[n])) for n in rules.Nation])
    framework = serializers.ChoiceField(
        choices=[(f.value, _(frameworks.LABELS[f])) for f in frameworks.Framework],
        help_text="The framework the decision was made under (the request's `framework`).",
    )
    warnings = WarningSerializer(
        many=True,
        help_text=(
            "Things to look at that do not block or change the statutory decision, such as the Welsh "
            "fluctuating-needs check (Carers Hub policy, not law)."
        ),
    )
    rule_version = serializers.CharField(help_text="The rule version applied; store it with the decision.")
    explanation_code = serializers.CharField()
    explanation = serializers.CharField(help_text="The overall decision in plain English.")
    criteria = CriterionResultSerializer(many=True, help_text="Every statutory criterion, in statutory order.")
    missing = MissingInformationSerializer(
        many=True,
        help_text=(
            "Every unanswered question that leaves a criterion undecided. Empty when `eligible` is `true`; "
            "may still list questions when `eligible` is `false`, because a criterion that is not met decides "
            "the outcome whatever the other answers are."
        ),
    )
    prevention_advice_required = serializers.BooleanField(
        help_text=(
            "`true` exactly when not eligible: the council must give the advice and information the law "
            "requires (England Care Act 2014 s. 13(5); Wales SSWA 2014 s. 32(1))."
        )
    )
    prevention_advice_citation = serializers.CharField(allow_null=True)
    prevention_advice_explanation = serializers.CharField(allow_null=True)


def decision_payload(decision: rules.Decision, messages: Mapping[str, str] | None = None) -> dict:
    """The JSON body for a ``Decision``, with its English re-rendered through ``messages``.

    ``messages`` defaults to the translated catalogue, so the text follows the
    request's language once a translation exists; the codes never change.
    """
    messages = TranslatedMessages() if messages is None else messages

    def missing(items):
        return [{"code": item, "text": rules.render_missing(item, messages)} for item in items]

    return {
        "eligible": decision.eligible,
        "nation": decision.nation.value,
        "framework": decision.framework,
        "warnings": [{"code": code, "text": rules.render(code, messages=messages)} for code in decision.warnings],
        "rule_version": decision.rule_version,
        "explanation_code": decision.explanation_code,
        "explanation": rules.render(decision.explanation_code, messages=messages),
        "criteria": [
            {
                "code": c.code,
                "citation": c.citation,
                "met": c.met,
                "considered": c.considered,
                "explanation_code": c.explanation_code,
                "explanation": rules.render(c.explanation_code, c.detail, messages=messages),
                "missing": missing(c.missing),
            }
            for c in decision.criteria
        ],
        "missing": missing(decision.missing),
        "prevention_advice_required": decision.prevention_advice_required,
        "prevention_advice_citation": decision.prevention_advice_citation,
        "prevention_advice_explanation": (
            rules.render(decision.prevention_advice_explanation_code, messages=messages)
            if decision.prevention_advice_explanation_code
            else None
        ),
    }


# --- GET /api/v1/eligibility/rules/ ---


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class CriterionCitationSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Criterion code, as in a decision's `criteria[].code`.")
    citation = serializers.CharField()


class RuleVersionSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="Pass as `rule_version` to apply this version.")
    nation = serializers.CharField()
    title = serializers.CharField()
    effective_from = serializers.DateField()
    current = serializers.BooleanField(help_text="Applied when a request leaves out `rule_version`.")
    note = serializers.CharField(allow_blank=True)
    criteria = CriterionCitationSerializer(many=True, help_text="The criteria this version applies, in order.")
    prevention_advice_citation = serializers.CharField()


class FrameworkSerializer(serializers.Serializer):
    framework = serializers.CharField(help_text="Pass as `framework`.")
    label = serializers.CharField()
    law = serializers.CharField(help_text="The provisions the assessment is made under.")
    national_criteria = serializers.BooleanField(
        help_text="Whether a decision can be asked for under it; `false` gives a 400 that says why."
    )
    no_national_criteria = serializers.CharField(
        allow_null=True, help_text="Where there are no national criteria, why, as the 400 says it; else `null`."
    )


class NationRulesSerializer(serializers.Serializer):
    nation = serializers.CharField()
    frameworks = FrameworkSerializer(many=True, help_text="The kinds of carer's assessment in this nation's law.")
    label = serializers.CharField()
    current_rule_version = serializers.CharField()
    outcome_kind = serializers.CharField(help_text='"outcome" (England) or "matter" (Wales).')
    outcomes = CodeLabelSerializer(many=True, help_text="Codes for `outcomes[].code`, in statutory order.")
    questions = serializers.ListField(
        child=serializers.CharField(), help_text="Request fields this nation's rules read; others are ignored."
    )
    outcome_questions = serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            "Fields of each `outcomes[]` entry this nation's current rules ask (older rule versions may read "
            "others, e.g. Wales `others_or_community_can_meet`)."
        ),
    )


class AbilitySerializer(CodeLabelSerializer):
    counts_as_unable = serializers.DictField(
        child=serializers.BooleanField(),
        help_text=(
            "Per nation: does this answer mean the carer is unable (England) / cannot meet the need alone (Wales)?"
        ),
    )


class OthersHelpSerializer(CodeLabelSerializer):
    counts_as_can_meet = serializers.BooleanField(
        help_text="Whether the current Wales version reads this as others or community services meeting the need."
    )


class EligibilityRulesSerializer(serializers.Serializer):
    nations = NationRulesSerializer(many=True)
    rule_versions = RuleVersionSerializer(many=True)
    abilities = AbilitySerializer(many=True, help_text="Values for `outcomes[].achievable`.")
    others_help = OthersHelpSerializer(
        many=True, help_text="Values for `outcomes[].others_or_community` (Wales, SI 2015/1578 reg. 6)."
    )
    warnings = CodeLabelSerializer(many=True, help_text="Codes a decision's `warnings` may hold, with their text.")
    cared_for = CodeLabelSerializer(many=True, help_text="Values for `cared_for`.")


def rules_payload() -> dict:
    current = set(rules.CURRENT_RULE_VERSIONS.values())
    unable = {rules.Nation.ENGLAND: rules.ENGLAND_UNABLE, rules.Nation.WALES: rules.WALES_CANNOT_MEET_ALONE}
    return {
        "nations": [
            {
                "nation": nation.value,
                "frameworks": [
                    {
                        "framework": framework.value,
                        "label": gettext(frameworks.LABELS[framework]),
                        "law": gettext(frameworks.law_for(nation.value, framework)),
                        "national_criteria": frameworks.has_national_criteria(nation.value, framework),
                        "no_national_criteria": (
                            None
                            if frameworks.has_national_criteria(nation.value, framework)
                            else no_national_criteria_message(nation, framework)
                        ),
                    }
                    for framework in frameworks.FRAMEWORKS_BY_NATION[nation.value]
                ],
                "label": gettext(rules.NATION_LABELS[nation]),
                "current_rule_version": rules.CURRENT_RULE_VERSIONS[nation],
                "outcome_kind": rules.OUTCOME_KIND[nation],
                "outcomes": [{"code": code, "label": outcome_label(code)} for code in rules.OUTCOMES_BY_NATION[nation]],
                "questions": [q.key for q in rules.questions_for(nation) if not q.per_outcome],
                "outcome_questions": [q.key for q in rules.questions_for(nation) if q.per_outcome],
            }
            for nation in rules.Nation
        ],
        "rule_versions": [
            {
                "version": rule_set.version,
                "nation": rule_set.nation.value,
                "title": rule_set.title,
                "effective_from": rule_set.effective_from.isoformat(),
                "current": rule_set.version in current,
                "note": rule_set.note,
                # Evaluating empty answers lists the version's criteria without restating them here.
                "criteria": [
                    {"code": c.code, "citation": c.citation}
                    for c in rule_set.evaluate(rules.CarerNeedsAnswers(nation=rule_set.nation))
                ],
                "prevention_advice_citation": rule_set.prevention_citation,
            }
            for rule_set in rules.RULE_VERSIONS.values()
        ],
        "abilities": [
            {
                "code": ability.value,
                "label": gettext(rules.ABILITY_LABELS[ability]),
                "counts_as_unable": {nation.value: ability in unable[nation] for nation in rules.Nation},
            }
            for ability in rules.Ability
        ],
        "cared_for": [{"code": c.value, "label": gettext(rules.CARED_FOR_LABELS[c])} for c in rules.CaredFor],
        "others_help": [
            {
                "code": help_.value,
                "label": gettext(rules.OTHERS_HELP_LABELS[help_]),
                "counts_as_can_meet": help_ is rules.OthersHelp.YES,
            }
            for help_ in rules.OthersHelp
        ],
        "warnings": [
            {"code": code, "label": gettext(rules.MESSAGES[code])}
            for code in (rules.WARNING_FLUCTUATION_UNANSWERED, rules.WARNING_FLUCTUATION_PERIOD)
        ],
    }
