"""Forms of the carers survey: one return typed in, a CSV file of returns, and what the measures page shows."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.partnership.models import Area
from carershub.reporting.survey import questionnaire
from carershub.reporting.survey.models import Survey


class ReturnForm(forms.Form):
    """One carer's answers to one survey's questions (the survey is chosen before the form is shown)."""

    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(),
                                  error_messages={"required": _("Choose the area of the return"),
                                                  "invalid_choice": _("Choose an area from the list")})
    year = forms.CharField(label=_("Survey year"), max_length=9, help_text=_("The year the survey started, like 2023 for 2023-24"),
                           widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
                           error_messages={"required": _("Enter the survey year, like 2023")})
    reference = forms.CharField(label=_("Questionnaire reference (optional)"), max_length=40, required=False,
                                help_text=_("The serial number printed on the questionnaire, if it has one"),
                                widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))

    def __init__(self, *args, survey: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["area"].queryset = Area.objects.order_by("name")
        for question in questionnaire.questions_of(survey):
            self.fields[question.code] = forms.ChoiceField(
                label=gettext(question.text), required=False, widget=forms.RadioSelect,
                choices=[(o.code, gettext(o.text)) for o in question.options],
                error_messages={"invalid_choice": _("Choose one of the answers")},
            )

    def question_fields(self):
        return [self[q.code] for q in questionnaire.questions_of(self.survey)]

    def clean_year(self):
        year, problem = questionnaire.parse_year(self.cleaned_data["year"])
        if problem:
            raise forms.ValidationError(gettext(questionnaire.PROBLEMS[problem]) % {"value": self.cleaned_data["year"]})
        return year

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        if reference and not questionnaire.REFERENCE.match(reference):
            raise forms.ValidationError(gettext(questionnaire.PROBLEMS["reference"]))
        return reference

    def clean(self):
        data = super().clean()
        answers = {q.code: data.get(q.code) or "" for q in questionnaire.questions_of(self.survey)}
        kept, problems = questionnaire.check_answers(self.survey, answers)
        answered_badly = any(q.code in self.errors for q in questionnaire.questions_of(self.survey))
        if not answered_badly and any(code == "nothing" for code, _p in problems):
            first = questionnaire.questions_of(self.survey)[0].code
            self.add_error(first, gettext("Answer at least one question: a return with no answers counts in no measure"))
        data["answers"] = kept
        return data


class ReturnsUploadForm(forms.Form):
    file = forms.FileField(label=_("A CSV file of returns"), error_messages={
        "required": _("Choose the CSV file to load"), "empty": _("The file is empty")})


class MeasuresForm(forms.Form):
    survey = forms.ChoiceField(label=_("Survey"), choices=Survey.choices, required=False, widget=forms.RadioSelect)
    year = forms.TypedChoiceField(label=_("Survey year"), required=False, coerce=int, empty_value=None)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False,
                                  empty_label=_("All areas"),
                                  error_messages={"invalid_choice": _("Choose an area from the list")})

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("name")
        self.fields["year"].choices = [("", _("All years"))] + [(y, questionnaire.year_label(y)) for y in years]

    def clean_survey(self):
        return self.cleaned_data.get("survey") or Survey.SACE
