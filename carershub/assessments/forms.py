from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.assessments import eligibility, services, wellbeing
from carershub.assessments.determination import PROBLEMS as DETERMINATION_PROBLEMS
from carershub.assessments.determination import Determination
from carershub.assessments.models import AbleWilling, Assessment, AssessmentType
from carershub.core.forms import VersionedFormMixin
from carershub.partnership.models import Organisation
from carershub.people.models import Person

def rule_text(code: str) -> str:
    """A label or explanation from the rules module, in the user's language."""
    return gettext(eligibility.MESSAGES[code])


class NewAssessmentForm(forms.Form):
    assessment_type = forms.ChoiceField(
        label=_("Type of assessment"),
        choices=AssessmentType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of assessment")},
    )
    assessing_organisation = forms.ModelChoiceField(
        label=_("Assessing council"),
        queryset=Organisation.objects.none(),
        help_text=_("The council responsible for the carer. Its nation decides which law applies."),
        empty_label=_("Choose a council"),
        error_messages={"required": _("Choose the assessing council")},
    )
    cared_for = forms.ModelMultipleChoiceField(
        label=_("Who does this assessment cover?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The people they care for whose needs this assessment looks at"),
    )

    def __init__(self, *args, carer, user, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Organisation.objects.filter(kind=Organisation.Kind.COUNCIL, is_active=True, area__isnull=False)
        own = user.organisation
        if own is not None and own.kind == Organisation.Kind.COUNCIL:
            # A council's staff assess for their own council only; a delegated assessor (say, at
            # the carers centre) chooses the council they assess for.
            councils = councils.filter(pk=own.pk)
        self.fields["assessing_organisation"].queryset = councils
        self.fields["assessing_organisation"].label_from_instance = lambda o: f"{o.name} ({o.area.get_nation_display()})"
        self.fields["cared_for"].queryset = Person.objects.filter(cared_for_by__carer=carer)
        self.fields["cared_for"].label_from_instance = lambda p: p.full_name


class SectionForm(VersionedFormMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()


class CaringForm(SectionForm):
    class Meta:
        model = Assessment
        fields = ["caring_role", "cared_for_needs"]
        labels = {
            "caring_role": _("What care do they give, and how often?"),
            "cared_for_needs": _("What are the cared-for person's needs, as they affect the carer?"),
        }
        widgets = {"caring_role": forms.Textarea(attrs={"rows": 6}), "cared_for_needs": forms.Textarea(attrs={"rows": 6})}


class AbilityForm(SectionForm):
    class Meta:
        model = Assessment
        fields = ["able_to_care", "willing_to_care", "future_caring"]
        labels = {
            "able_to_care": _("Are they able to carry on caring now?"),
            "willing_to_care": _("Are they willing to carry on caring now?"),
            "future_caring": _("Will they be able and willing to care in future?"),
        }
        help_texts = {"future_caring": _("What might change, and what they would need")}
        widgets = {
            "able_to_care": forms.RadioSelect,
            "willing_to_care": forms.RadioSelect,
            "future_caring": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("able_to_care", "willing_to_care"):
            self.fields[name].choices = AbleWilling.choices


class OutcomesForm(SectionForm):
    class Meta:
        model = Assessment
        fields = ["outcomes_wanted"]
        labels = {"outcomes_wanted": _("What outcomes does the carer want?")}
        help_texts = {"outcomes_wanted": _("In their words: what they would like to be different")}
        widgets = {"outcomes_wanted": forms.Textarea(attrs={"rows": 6})}


class LifeForm(SectionForm):
    class Meta:
        model = Assessment
        fields = ["work_education_leisure"]
        labels = {"work_education_leisure": _("Work, education, training and leisure")}
        help_texts = {
            "work_education_leisure": _(
                "Whether they work or want to, study or train, and have time for leisure, and how caring affects it"
            )
        }
        widgets = {"work_education_leisure": forms.Textarea(attrs={"rows": 6})}


class ViewsForm(SectionForm):
    class Meta:
        model = Assessment
        fields = ["carer_views", "participants"]
        labels = {
            "carer_views": _("The carer's own views"),
            "participants": _("Who took part in the assessment?"),
        }
        help_texts = {
            "carer_views": _("Write what they said in their own words"),
            "participants": _("For example, the carer, their daughter, an interpreter"),
        }
        widgets = {"carer_views": forms.Textarea(attrs={"rows": 6}), "participants": forms.Textarea(attrs={"rows": 3})}


class WellbeingForm(VersionedFormMixin, forms.Form):
    """The impact of caring on each area of well-being the law of the carer's nation lists."""

    def __init__(self, *args, instance: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        current = instance.wellbeing or {}
        # In Wales the two adult-only areas (SSWA 2014 s2(4)) are not asked of a carer under 18.
        self.areas = wellbeing.areas_for(instance.nation, carer_is_adult=not services.carer_is_child(instance))
        for code, label in self.areas.items():
            self.fields[f"{code}_impact"] = forms.ChoiceField(
                label=gettext(label),
                choices=[(k, gettext(v)) for k, v in wellbeing.IMPACT_LEVELS.items()],
                widget=forms.RadioSelect,
                error_messages={"required": _("Select the impact on %(area)s") % {"area": gettext(label).lower()}},
            )
            self.fields[f"{code}_notes"] = forms.CharField(
                label=_("Notes on %(area)s (optional)") % {"area": gettext(label).lower()},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.initial[f"{code}_impact"] = current.get(code, {}).get("impact")
            self.initial[f"{code}_notes"] = current.get(code, {}).get("notes", "")
        self.add_version_field()

    def wellbeing_value(self) -> dict:
        return {
            code: {"impact": self.cleaned_data[f"{code}_impact"], "notes": self.cleaned_data[f"{code}_notes"]}
            for code in self.areas
        }


# HTML names of the answers asked about each outcome or matter, after the outcome's code.
OUTCOME_FIELD_SUFFIXES = {
    "achievable": "achievable",
    "others_or_community_can_meet": "others",
    "personal_outcomes_unlikely_without_council": "council",
    "others_or_community": "others_help",
}


def _name(code: str, key: str) -> str:
    # Outcome codes hold a dot; keep field names and ids plain.
    return f"{code.replace('.', '_')}__{OUTCOME_FIELD_SUFFIXES[key]}"


def _shown(value) -> str:
    """An answer as the form holds it: "yes"/"no", a code or free text, and "" when not answered."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _answer(question: eligibility.Question, value: str):
    """What the rules take from the form's value; blank means not answered."""
    if not value:
        return None
    return value == "yes" if question.answer is bool else value


def _question_field(question: eligibility.Question, nation: eligibility.Nation) -> forms.Field:
    """The field for a question, worded as in ``eligibility.QUESTIONS``."""
    label = gettext(question.label)
    hint = gettext(question.hint_for(nation)) if question.hint_for(nation) else ""
    if question.answer is str:
        return forms.CharField(label=label, help_text=hint, required=False, max_length=question.max_length)
    choices = [(_shown(value), gettext(text)) for value, text in question.choices]
    if question.per_outcome and question.answer is not bool:
        # Coded answers about each outcome are a drop-down that starts "Not answered yet"; the others are radios.
        choices = [("", _("Not answered yet")), *choices]
        return forms.ChoiceField(label=label, help_text=hint, choices=choices, required=False)
    return forms.ChoiceField(label=label, help_text=hint, choices=choices, required=False, widget=forms.RadioSelect)


class EligibilityForm(VersionedFormMixin, forms.Form):
    """The structured answers the eligibility rules need. Anything may be left for later.

    The questions, their order and wording come from ``eligibility.QUESTIONS``; those asked about each
    outcome or matter are asked together, outcome by outcome, where the first of them stands.
    """

    def __init__(self, *args, instance: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.nation = eligibility.Nation(instance.nation)
        answers = instance.needs_answers()
        asked = eligibility.questions_for(self.nation)
        self.carer_questions = [q for q in asked if not q.per_outcome]
        self.outcome_questions = [q for q in asked if q.per_outcome]
        self.outcome_codes = eligibility.OUTCOMES_BY_NATION[self.nation]
        for question in asked:
            if not question.per_outcome:
                self._ask(question.key, question, getattr(answers, question.key))
            elif question is self.outcome_questions[0]:
                for code in self.outcome_codes:
                    answer = answers.answer_for(code)
                    for outcome_question in self.outcome_questions:
                        key = outcome_question.key
                        self._ask(_name(code, key), outcome_question, getattr(answer, key))
        self.add_version_field()

    def _ask(self, name: str, question: eligibility.Question, value) -> None:
        self.fields[name] = _question_field(question, self.nation)
        self.initial[name] = _shown(value)

    def outcome_field_groups(self):
        """(label, [bound fields]) for each outcome or matter, for the template."""
        return [
            (rule_text(code), [self[_name(code, q.key)] for q in self.outcome_questions]) for code in self.outcome_codes
        ]

    def answers(self) -> eligibility.CarerNeedsAnswers:
        """The answers to this nation's questions; those it does not ask stay unanswered."""
        data = self.cleaned_data
        # Answers to questions no longer asked (``Question.legacy``, e.g. the Welsh yes/no the reg. 6 scale
        # replaced) are kept as stored: older rule versions and stored answers still read them.
        stored = self.instance.needs_answers()
        legacy = [q for q in eligibility.questions_for(self.nation, legacy=True) if q.per_outcome and q.legacy]
        outcomes = tuple(
            eligibility.OutcomeAnswer(
                code=code,
                **{q.key: getattr(stored.answer_for(code), q.key) for q in legacy},
                **{q.key: _answer(q, data.get(_name(code, q.key))) for q in self.outcome_questions},
            )
            for code in self.outcome_codes
        )
        return eligibility.CarerNeedsAnswers(
            nation=self.nation,
            outcomes=outcomes,
            **{q.key: _answer(q, data.get(q.key)) for q in self.carer_questions},
        )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class MattersForm(VersionedFormMixin, forms.Form):
    """The matters the law requires for this assessment's framework that no other section records
    (eligibility/matters.py): each a question in the practitioner's words, with its law beside it,
    and "does not apply" where the law allows it. Anything may be left for later."""

    def __init__(self, *args, instance: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.asked = services.matters_asked(instance)
        current = instance.matters or {}
        for matter in self.asked:
            saved = current.get(matter.code) or {}
            label, hint = gettext(matter.label), gettext(matter.hint) if matter.hint else ""
            help_text = f"{hint} ({matter.citation})" if hint else matter.citation
            if matter.kind == "text":
                field = forms.CharField(label=label, help_text=help_text, required=False, max_length=5000, widget=_text(3))
                initial = saved.get("answer") or ""
            else:
                choices = YES_NO if matter.kind == "yes_no" else [(code, gettext(text)) for code, text in matter.choices]
                field = forms.ChoiceField(label=label, help_text=help_text, choices=choices, required=False, widget=forms.RadioSelect)
                answer = saved.get("answer")
                initial = ("yes" if answer else "no") if isinstance(answer, bool) else (answer or "")
            self.fields[matter.code] = field
            self.initial[matter.code] = initial
            if matter.does_not_apply_allowed:
                self.fields[f"{matter.code}__does_not_apply"] = forms.BooleanField(
                    label=_("This does not apply to them"), required=False
                )
                self.initial[f"{matter.code}__does_not_apply"] = bool(saved.get("does_not_apply"))
        self.add_version_field()

    def matters_value(self) -> dict:
        """The ``matters`` JSON: answers to the matters asked here; those of other frameworks are kept."""
        value = dict(self.instance.matters or {})
        for matter in self.asked:
            answer = self.cleaned_data.get(matter.code)
            if matter.kind == "yes_no":
                answer = _yes_no(answer)
            value[matter.code] = {
                "answer": answer if answer != "" else None,
                "does_not_apply": bool(self.cleaned_data.get(f"{matter.code}__does_not_apply")),
            }
        return value


def _text(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _yes_no(value: str | None) -> bool | None:
    return None if not value else value == "yes"


class DecisionForm(VersionedFormMixin, forms.Form):
    """The practitioner's determination, after reading the rules' proposal (determination.py).

    Which questions are asked depends on the framework: with national eligibility criteria, whether
    the needs are eligible (the proposal chosen to start with), and in Wales whether needs that are not
    eligible must be met anyway (SSWA 2014 s32(1)(b)/(c)); without, whether there are needs for support
    and whether services will be provided, and for a transition assessment the needs likely after 18.
    """

    def __init__(self, *args, instance: Assessment, proposed: bool | None, national_criteria: bool,
                 wellbeing_contradiction: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.proposed = proposed
        self.national_criteria = national_criteria
        self.wellbeing_contradiction = wellbeing_contradiction
        if national_criteria:
            self.fields["decided"] = forms.ChoiceField(
                label=_("Your decision"),
                choices=[("yes", _("The carer's needs are eligible")), ("no", _("The carer's needs are not eligible"))],
                widget=forms.RadioSelect,
                required=False,
                help_text=_("The rules' proposal is chosen to start with. You may depart from it, giving your reasons."),
            )
            if proposed is not None:
                self.initial["decided"] = "yes" if proposed else "no"
            self.fields["reasons"] = forms.CharField(
                label=_("Your reasons"),
                help_text=_("Required when your decision is not the rules' proposal"),
                required=False,
                max_length=5000,
                widget=_text(4),
            )
            if wellbeing_contradiction:
                self.fields["wellbeing_reason"] = forms.CharField(
                    label=_("Why is the impact on the carer's well-being significant?"),
                    help_text=_(
                        "The eligibility answers say the impact is significant, but no area of well-being records any impact"
                    ),
                    required=False,
                    max_length=5000,
                    widget=_text(3),
                )
            if instance.nation == "wales":
                self.fields["must_meet"] = forms.ChoiceField(
                    label=_("If the needs are not eligible: must they be met anyway, to protect the carer?"),
                    help_text=_(
                        "Section 32(1)(b) of the Social Services and Well-being (Wales) Act 2014: to protect them from "
                        "abuse or neglect, or the risk of it, and for a carer under 18 from other harm too"
                    ),
                    choices=YES_NO,
                    widget=forms.RadioSelect,
                    required=False,
                )
                self.fields["must_meet_reasons"] = forms.CharField(
                    label=_("Why must the needs be met?"), required=False, max_length=5000, widget=_text(3)
                )
                if services.carer_is_child(instance):
                    self.fields["other_functions"] = forms.ChoiceField(
                        label=_("Do the young carer's needs call for the council to use any of its other functions?"),
                        help_text=_(
                            "Section 32(1)(c) of the 2014 Act: its other functions under that Act, or under Parts 4 "
                            "and 5 of the Children Act 1989"
                        ),
                        choices=YES_NO,
                        widget=forms.RadioSelect,
                        required=False,
                    )
                    self.fields["other_functions_detail"] = forms.CharField(
                        label=_("Which functions, and why?"), required=False, max_length=5000, widget=_text(3)
                    )
        else:
            self.fields["needs_for_support"] = forms.ChoiceField(
                label=_("Does the carer have needs for support?"), choices=YES_NO, widget=forms.RadioSelect, required=False
            )
            self.fields["services_to_be_provided"] = forms.ChoiceField(
                label=_("Will the council provide or arrange services to meet them?"),
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )
            if instance.framework in ("young_carer_transition", "childs_carer_transition"):
                self.fields["likely_eligible_after_18"] = forms.ChoiceField(
                    label=_("Are the carer's needs likely to meet the eligibility criteria after the young person turns 18?")
                    if instance.framework == "childs_carer_transition"
                    else _("Are the carer's needs likely to meet the eligibility criteria after they turn 18?"),
                    help_text=_("The needs likely then are recorded in the assessment's other matters"),
                    choices=YES_NO,
                    widget=forms.RadioSelect,
                    required=False,
                )
            self.fields["reasons"] = forms.CharField(
                label=_("Your reasons"), required=True, max_length=5000, widget=_text(4),
                error_messages={"required": _("Give your reasons for the determination")},
            )
        self.add_version_field()

    def determination(self) -> Determination:
        data = self.cleaned_data
        return Determination(
            framework=self.instance.framework,
            proposed=self.proposed,
            decided=_yes_no(data.get("decided")),
            reasons=data.get("reasons", ""),
            wellbeing_reason=data.get("wellbeing_reason", ""),
            must_meet=_yes_no(data.get("must_meet")),
            must_meet_reasons=data.get("must_meet_reasons", ""),
            other_functions=_yes_no(data.get("other_functions")),
            other_functions_detail=data.get("other_functions_detail", ""),
            needs_for_support=_yes_no(data.get("needs_for_support")),
            services_to_be_provided=_yes_no(data.get("services_to_be_provided")),
            likely_eligible_after_18=_yes_no(data.get("likely_eligible_after_18")),
        )

    def clean(self):
        cleaned = super().clean()
        # Every problem at its own field at once, besides those the fields found themselves.
        for field, code in services.determination_problems(self.instance, self.determination()).items():
            if field not in self.errors:
                self.add_error(field if field in self.fields else None, gettext(DETERMINATION_PROBLEMS[code]))
        return cleaned
