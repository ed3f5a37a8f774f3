"""Forms of coverage against the Census: the day and area shown, and the upload of the Census table."""

from django import forms
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukDateField
from carershub.partnership.models import Area


class CoverageForm(forms.Form):
    as_of = GovukDateField(label=_("Known carers on"), required=False, allow_future=False,
                           help_text=_("For example, 31 3 2026. Leave it empty for today."))
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("All areas"),
        error_messages={"invalid_choice": _("Choose an area from the list")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("name")


class CensusUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The Census 2021 unpaid care table (CSV)"),
        help_text=_("ONS table TS039, \"Provision of unpaid care\", by local authority, downloaded as CSV: one row "
                    "for each area and category, with the columns area code, area name, unpaid care category and "
                    "Observation."),
        error_messages={"required": _("Choose the CSV file to import"),
                        "empty": _("The file is empty")},
    )
