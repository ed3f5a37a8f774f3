from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.assessments import eligibility, wellbeing
from carershub.assessments.models import AbleWilling, Assessment, AssessmentType
from carershub.core.forms import VersionedFormMixin
from carershub.partnership.models import Organisation

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

ABILITY_CHOICES = [
    ("", _("Not answered yet")),
    (eligibility.Ability.YES, _("Manages it without help, and without pain, distress, anxiety or danger")),
    (eligibility.Ability.ONLY_WITH_ASSISTANCE, _("Only with help from someone else")),
    (eligibility.Ability.SIGNIFICANT_PAIN_DISTRESS_ANXIETY, _("Only with significant pain, distress or anxiety")),
    (eligibility.Ability.ENDANGERS_HEALTH_OR_SAFETY, _("Only by putting their or someone else's health or safety at risk")),
    (eligibility.Ability.TAKES_SIGNIFICANTLY_LONGER, _("Only by taking much longer than would normally be expected")),
    (eligibility.Ability.NO, _("Cannot do it at all")),
]

CARED_FOR_CHOICES = [
    (eligibility.CaredFor.ADULT, _("An adult")),
    (eligibility.CaredFor.DISABLED_CHILD, _("A disabled child")),
    (eligibility.CaredFor.CHILD_NOT_DISABLED, _("A child who is not disabled")),
]


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

    def __init__(self, *args, carer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessing_organisation"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.COUNCIL, is_active=True, area__isnull=False
        )
        self.fields["assessing_organisation"].label_from_instance = lambda o: f"{o.name} ({o.area.get_nation_display()})"
        from carershub.people.models import Person

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


def _name(code: str, part: str) -> str:
    # Outcome codes hold a dot; keep field names and ids plain.
    return f"{code.replace('.', '_')}__{part}"


def _tri(value):
    return {"yes": True, "no": False}.get(value)


def _untri(value):
    return {True: "yes", False: "no"}.get(value, "")


class EligibilityForm(VersionedFormMixin, forms.Form):
    """The structured answers the eligibility rules need. Anything may be left for later."""

    def __init__(self, *args, instance: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.nation = eligibility.Nation(instance.nation)
        answers = instance.needs_answers()
        england = self.nation == eligibility.Nation.ENGLAND

        def yes_no(name, label, help_text=""):
            self.fields[name] = forms.ChoiceField(
                label=label, choices=YES_NO, required=False, widget=forms.RadioSelect, help_text=help_text
            )
            self.initial[name] = _untri(getattr(answers, name))

        self.fields["cared_for"] = forms.ChoiceField(
            label=_("Who do they care for?"), choices=CARED_FOR_CHOICES, required=False, widget=forms.RadioSelect
        )
        self.initial["cared_for"] = answers.cared_for.value if answers.cared_for else ""
        yes_no("needs_arise_from_providing_care", _("Do their needs arise because of the care they give?"))
        if england:
            yes_no(
                "provides_necessary_care",
                _("Is the care they give necessary?"),
                _("Care the person needs and cannot do for themselves, whether or not their own needs are eligible"),
            )
            yes_no("health_deteriorating_or_at_risk", _("Is their physical or mental health getting worse, or at risk of it?"))
        self.outcome_codes = eligibility.OUTCOMES_BY_NATION[self.nation]
        for code in self.outcome_codes:
            answer = answers.answer_for(code)
            label = rule_text(code)
            self.fields[_name(code, "achievable")] = forms.ChoiceField(
                label=label[:1].upper() + label[1:], choices=ABILITY_CHOICES, required=False
            )
            self.initial[_name(code, "achievable")] = answer.achievable.value if answer.achievable else ""
            if not england:
                self.fields[_name(code, "others")] = forms.ChoiceField(
                    label=_("Can people willing to help, or community services, meet this need?"),
                    choices=YES_NO,
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.initial[_name(code, "others")] = _untri(answer.others_or_community_can_meet)
                self.fields[_name(code, "council")] = forms.ChoiceField(
                    label=_("Are they unlikely to achieve their personal outcomes here without support from the council?"),
                    choices=YES_NO,
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.initial[_name(code, "council")] = _untri(answer.personal_outcomes_unlikely_without_council)
        if england:
            yes_no(
                "significant_impact_on_wellbeing",
                _("As a result, is there, or is there likely to be, a significant impact on their well-being?"),
            )
        yes_no("needs_fluctuate", _("Do their needs go up and down?"))
        self.fields["fluctuation_period_considered"] = forms.CharField(
            label=_("Over what period were their circumstances looked at?"),
            help_text=_("Needed when needs go up and down, for example 'the last 6 months, including two hospital stays'"),
            required=False,
            max_length=500,
        )
        self.initial["fluctuation_period_considered"] = answers.fluctuation_period_considered or ""
        self.add_version_field()

    def outcome_field_groups(self):
        """(label, [bound fields]) for each outcome or matter, for the template."""
        suffixes = ("achievable",) if self.nation == eligibility.Nation.ENGLAND else ("achievable", "others", "council")
        return [(rule_text(code), [self[_name(code, s)] for s in suffixes]) for code in self.outcome_codes]

    def answers(self) -> eligibility.CarerNeedsAnswers:
        data = self.cleaned_data
        england = self.nation == eligibility.Nation.ENGLAND
        outcomes = []
        for code in self.outcome_codes:
            outcomes.append(
                eligibility.OutcomeAnswer(
                    code=code,
                    achievable=data.get(_name(code, "achievable")) or None,
                    others_or_community_can_meet=None if england else _tri(data.get(_name(code, "others"))),
                    personal_outcomes_unlikely_without_council=None if england else _tri(data.get(_name(code, "council"))),
                )
            )
        return eligibility.CarerNeedsAnswers(
            nation=self.nation,
            cared_for=data.get("cared_for") or None,
            needs_arise_from_providing_care=_tri(data.get("needs_arise_from_providing_care")),
            provides_necessary_care=_tri(data.get("provides_necessary_care")) if england else None,
            health_deteriorating_or_at_risk=_tri(data.get("health_deteriorating_or_at_risk")) if england else None,
            outcomes=tuple(outcomes),
            significant_impact_on_wellbeing=_tri(data.get("significant_impact_on_wellbeing")) if england else None,
            needs_fluctuate=_tri(data.get("needs_fluctuate")),
            fluctuation_period_considered=data.get("fluctuation_period_considered") or None,
        )


class VersionOnlyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
