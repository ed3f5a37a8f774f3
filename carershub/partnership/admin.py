from django.contrib import admin

from carershub.partnership.models import Area, Organisation, PostcodeDistrict


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "nation"]
    search_fields = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "area", "is_active", "assessment_sign_off_required"]
    list_filter = ["kind", "sector", "area", "is_active"]
    search_fields = ["name", "ods_code"]


@admin.register(PostcodeDistrict)
class PostcodeDistrictAdmin(admin.ModelAdmin):
    """The table that fills in a person's council area from their postcode."""

    list_display = ["prefix", "area"]
    list_filter = ["area"]
    search_fields = ["prefix", "area__name"]
    ordering = ["prefix"]
