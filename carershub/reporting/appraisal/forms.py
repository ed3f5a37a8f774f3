"""Forms of options appraisals: the appraisal, a criterion, and an option with its row of cells."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.reporting.appraisal import scoring
from carershub.reporting.appraisal.models import Method, Rating

NOT_RATED = ""


def _number_input(width="govuk-input--width-4"):
    return forms.TextInput(attrs={"class": width, "inputmode": "numeric", "spellcheck": "false"})


class AppraisalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            error_messages={"required": _("Enter a title for the appraisal")})
    purpose = forms.CharField(label=_("Purpose (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("What is being decided, and for whom"))
    method = forms.ChoiceField(label=_("How will each option be rated against each criterion?"),
                               choices=Method.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("Choose how options are rated")})
    scale_min = forms.IntegerField(label=_("Lowest score"), required=False, initial=0, widget=_number_input(),
                                   help_text=_("Only for scores"),
                                   error_messages={"invalid": _("The lowest score must be a whole number, like 0")})
    scale_max = forms.IntegerField(label=_("Highest score"), required=False, initial=5, widget=_number_input(),
                                   help_text=_("Only for scores, like 5 for a scale of 0 to 5"),
                                   error_messages={"invalid": _("The highest score must be a whole number, like 5")})

    def __init__(self, *args, appraisal=None, preset=True, **kwargs):
        self.appraisal = appraisal
        if appraisal is not None and not kwargs.get("initial"):
            kwargs["initial"] = {"title": appraisal.title, "purpose": appraisal.purpose, "method": appraisal.method,
                                 "scale_min": appraisal.scale_min, "scale_max": appraisal.scale_max}
        super().__init__(*args, **kwargs)
        if appraisal is None and preset:
            self.fields["section16"] = forms.BooleanField(
                label=_("Start with the Section 16 principles as criteria"), required=False,
                help_text=_("Co-production, social value, community benefit, and voice and control, each weight 1. "
                            "You can change them and add others."))
        if appraisal is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
            self.initial.setdefault("version", appraisal.version)

    def clean(self):
        data = super().clean()
        if data.get("method") == scoring.SCORE:
            low = data.get("scale_min") if data.get("scale_min") is not None else 0
            high = data.get("scale_max")
            if "scale_min" in self.errors or "scale_max" in self.errors:
                return data
            if high is None:
                self.add_error("scale_max", gettext("Enter the highest score, like 5"))
                return data
            problem = scoring.scale_problem(low, high)
            if problem:
                self.add_error("scale_min" if low < 0 else "scale_max", gettext(problem))
            data["scale_min"], data["scale_max"] = low, high
        else:
            keep = self.appraisal
            data["scale_min"] = keep.scale_min if keep else 0
            data["scale_max"] = keep.scale_max if keep else 5
        return data


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=300,
                           error_messages={"required": _("Enter the criterion")})
    group = forms.CharField(label=_("Heading (optional)"), max_length=200, required=False,
                            help_text=_("Criteria under the same heading are shown together, like “Sustainability”"))
    description = forms.CharField(label=_("Description (optional)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    weight = forms.DecimalField(
        label=_("Weight"), initial=Decimal(1), min_value=Decimal("0.01"), max_digits=6, decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}),
        help_text=_("How much this criterion counts: 1 for an ordinary one, 2 for one that counts twice"),
        error_messages={
            "required": _("Enter the weight, like 1"),
            "invalid": _("The weight must be a number, like 1 or 1.5"),
            "min_value": _("The weight must be more than 0"),
            "max_digits": _("The weight is too large"),
            "max_whole_digits": _("The weight is too large"),
            "max_decimal_places": _("The weight can have at most 2 decimal places"),
        },
    )

    def __init__(self, *args, criterion=None, **kwargs):
        if criterion is not None and not kwargs.get("initial"):
            kwargs["initial"] = {"name": criterion.name, "group": criterion.group,
                                 "description": criterion.description, "weight": criterion.weight}
        super().__init__(*args, **kwargs)
        if criterion is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
            self.initial.setdefault("version", criterion.appraisal.version)


def value_name(criterion) -> str:
    return f"value_{criterion.pk}"


def narrative_name(criterion) -> str:
    return f"narrative_{criterion.pk}"


class OptionForm(forms.Form):
    """An option, and (once criteria exist) its row of the matrix: one value and one narrative per criterion."""

    name = forms.CharField(label=_("Option"), max_length=500, error_messages={"required": _("Enter the option")})
    group = forms.CharField(label=_("Group (optional)"), max_length=200, required=False,
                            help_text=_("Options are ranked against the others in their group, like “Domain 1”"))
    description = forms.CharField(label=_("Description (optional)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, appraisal, criteria, option=None, cells=None, **kwargs):
        self.appraisal, self.criteria, self.option = appraisal, list(criteria), option
        if option is not None and not kwargs.get("initial"):
            initial = {"name": option.name, "group": option.group, "description": option.description}
            for criterion in self.criteria:
                cell = (cells or {}).get(criterion.pk)
                if cell is not None:
                    value = cell.value(appraisal.method)
                    initial[value_name(criterion)] = "" if value is None else value
                    initial[narrative_name(criterion)] = cell.narrative
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        low, high = appraisal.scale_min, appraisal.scale_max
        for criterion in self.criteria:
            if appraisal.method == scoring.RAG:
                field = forms.ChoiceField(
                    label=criterion.name, required=False, widget=forms.RadioSelect,
                    choices=[*Rating.choices, (NOT_RATED, _("Not rated yet"))],
                )
            else:
                field = forms.IntegerField(
                    label=_("%(criterion)s: score from %(min)s to %(max)s") % {
                        "criterion": criterion.name, "min": low, "max": high},
                    required=False, widget=_number_input(),
                    error_messages={"invalid": self._score_message(criterion)},
                )
            self.fields[value_name(criterion)] = field
            self.fields[narrative_name(criterion)] = forms.CharField(
                label=_("Narrative for “%(criterion)s” (optional)") % {"criterion": criterion.name}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))
        if option is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
            self.initial.setdefault("version", option.version)

    def _score_message(self, criterion) -> str:
        return gettext("%(criterion)s: the score must be a whole number from %(min)s to %(max)s") % {
            "criterion": criterion.name, "min": self.appraisal.scale_min, "max": self.appraisal.scale_max}

    def clean(self):
        data = super().clean()
        if self.appraisal.method == scoring.SCORE:
            for criterion in self.criteria:
                name = value_name(criterion)
                if name in self.errors:
                    continue
                if scoring.score_problem(data.get(name), self.appraisal.scale_min, self.appraisal.scale_max):
                    self.add_error(name, self._score_message(criterion))
        return data

    def rows(self):
        """(criterion, value field, narrative field) for the template, in the criteria's order."""
        return [(c, self[value_name(c)], self[narrative_name(c)]) for c in self.criteria]

    def cells(self) -> dict:
        data = self.cleaned_data
        cells = {}
        for criterion in self.criteria:
            value = data.get(value_name(criterion))
            if value == NOT_RATED:
                value = None
            cells[criterion.pk] = (value, data.get(narrative_name(criterion), ""))
        return cells

    def field_order_names(self) -> list[str]:
        names = ["name", "group", "description"]
        for criterion in self.criteria:
            names += [value_name(criterion), narrative_name(criterion)]
        return names
