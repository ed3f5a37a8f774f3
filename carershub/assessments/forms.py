from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.assessments import eligibility, wellbeing
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
        self.areas = wellbeing.AREAS_BY_NATION[instance.nation]
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


def _question_field(question: eligibility.Question) -> forms.Field:
    """The field for a question, worded as in ``eligibility.QUESTIONS``."""
    label = gettext(question.label)
    hint = gettext(question.hint) if question.hint else ""
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
        self.fields[name] = _question_field(question)
        self.initial[name] = _shown(value)

    def outcome_field_groups(self):
        """(label, [bound fields]) for each outcome or matter, for the template."""
        return [
            (rule_text(code), [self[_name(code, q.key)] for q in self.outcome_questions]) for code in self.outcome_codes
        ]

    def answers(self) -> eligibility.CarerNeedsAnswers:
        """The answers to this nation's questions; those it does not ask stay unanswered."""
        data = self.cleaned_data
        outcomes = tuple(
            eligibility.OutcomeAnswer(
                code=code, **{q.key: _answer(q, data.get(_name(code, q.key))) for q in self.outcome_questions}
            )
            for code in self.outcome_codes
        )
        return eligibility.CarerNeedsAnswers(
            nation=self.nation,
            outcomes=outcomes,
            **{q.key: _answer(q, data.get(q.key)) for q in self.carer_questions},
        )
