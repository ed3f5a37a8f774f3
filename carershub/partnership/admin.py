from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from carershub.partnership.models import LOGO_MAX_BYTES, Area, Organisation, PostcodeDistrict


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "nation"]
    search_fields = ["name", "code"]


class OrganisationForm(forms.ModelForm):
    """The organisation, with its logo uploaded as a file and kept as checked bytes (models.check_logo)."""

    logo_upload = forms.FileField(
        label=_("Logo for letters"),
        required=False,
        help_text=_("A PNG or JPEG image of %(kb)s KB or smaller. It heads the council's letters to carers.")
        % {"kb": LOGO_MAX_BYTES // 1024},
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        fields = "__all__"

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            # Refused before reading it all into memory.
            raise forms.ValidationError(_("The logo must be %(kb)s KB or smaller.") % {"kb": LOGO_MAX_BYTES // 1024})
        data = upload.read()
        self.instance.set_logo(data)  # checks it: a ValidationError lands on this field
        return data

    def save(self, commit=True):
        if self.cleaned_data.get("remove_logo") and not self.cleaned_data.get("logo_upload"):
            self.instance.set_logo(None)
        return super().save(commit=commit)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "kind", "sector", "area", "is_active", "assessment_sign_off_required"]
    list_filter = ["kind", "sector", "area", "is_active"]
    search_fields = ["name", "ods_code"]
    readonly_fields = ["logo_preview"]

    @admin.display(description=_("Current logo"))
    def logo_preview(self, obj):
        from django.utils.html import format_html

        if obj is None or not obj.logo_data_uri:
            return _("None")
        return format_html('<img src="{}" alt="" height="60">', obj.logo_data_uri)


@admin.register(PostcodeDistrict)
class PostcodeDistrictAdmin(admin.ModelAdmin):
    """The table that fills in a person's council area from their postcode."""

    list_display = ["prefix", "area"]
    list_filter = ["area"]
    search_fields = ["prefix", "area__name"]
    ordering = ["prefix"]
