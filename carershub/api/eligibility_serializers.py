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
from rest_framework import serializers

from carershub.assessments import eligibility as rules


class TranslatedMessages(Mapping):
    """``eligibility.MESSAGES`` through Django's gettext, for ``render``/``render_missing``."""

    def __getitem__(self, key: str) -> str:
        return gettext(rules.MESSAGES[key])

    def __iter__(self) -> Iterator[str]:
        return iter(rules.MESSAGES)

    def __len__(self) -> int:
        return len(rules.MESSAGES)


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
        f"{_codes(rules.WALES_CANNOT_MEET_ALONE)} mean the carer cannot meet the need alone (reg. 6)."
    ),
    "others_or_community_can_meet": (
        "That is: can the need be met with the support of others who are willing to give it, or with community "
        "services the carer can use?"
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
    met = serializers.BooleanField(allow_null=True, help_text="`true`, `false`, or `null` when information is missing.")
    explanation_code = serializers.CharField(help_text="Stable code of the explanation (for clients that translate).")
    explanation = serializers.CharField(help_text="Why, in plain English, citing the regulation.")
    missing = MissingInformationSerializer(many=True, help_text="What must be answered before this can be decided.")


class EligibilityDecisionSerializer(serializers.Serializer):
    eligible = serializers.BooleanField(
        allow_null=True,
        help_text="`true` eligible, `false` not eligible, `null` cannot decide yet (see `missing`).",
    )
    nation = serializers.ChoiceField(choices=[(n.value, _(rules.NATION_LABELS[n])) for n in rules.Nation])
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
        "rule_version": decision.rule_version,
        "explanation_code": decision.explanation_code,
        "explanation": rules.render(decision.explanation_code, messages=messages),
        "criteria": [
            {
                "code": c.code,
                "citation": c.citation,
                "met": c.met,
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


class NationRulesSerializer(serializers.Serializer):
    nation = serializers.CharField()
    label = serializers.CharField()
    current_rule_version = serializers.CharField()
    outcome_kind = serializers.CharField(help_text='"outcome" (England) or "matter" (Wales).')
    outcomes = CodeLabelSerializer(many=True, help_text="Codes for `outcomes[].code`, in statutory order.")
    questions = serializers.ListField(
        child=serializers.CharField(), help_text="Request fields this nation's rules read; others are ignored."
    )
    outcome_questions = serializers.ListField(
        child=serializers.CharField(), help_text="Fields of each `outcomes[]` entry this nation's rules read."
    )


class AbilitySerializer(CodeLabelSerializer):
    counts_as_unable = serializers.DictField(
        child=serializers.BooleanField(),
        help_text=(
            "Per nation: does this answer mean the carer is unable (England) / cannot meet the need alone (Wales)?"
        ),
    )


class EligibilityRulesSerializer(serializers.Serializer):
    nations = NationRulesSerializer(many=True)
    rule_versions = RuleVersionSerializer(many=True)
    abilities = AbilitySerializer(many=True, help_text="Values for `outcomes[].achievable`.")
    cared_for = CodeLabelSerializer(many=True, help_text="Values for `cared_for`.")


def rules_payload() -> dict:
    current = set(rules.CURRENT_RULE_VERSIONS.values())
    unable = {rules.Nation.ENGLAND: rules.ENGLAND_UNABLE, rules.Nation.WALES: rules.WALES_CANNOT_MEET_ALONE}
    return {
        "nations": [
            {
                "nation": nation.value,
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
    }
