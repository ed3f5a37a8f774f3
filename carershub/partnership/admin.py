from django.contrib import admin

from carershub.partnership.models import Area, Organisation


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "nation"]
    search_fields = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "area", "is_active", "assessment_sign_off_required"]
    list_filter = ["kind", "sector", "area", "is_active"]
    search_fields = ["name", "ods_code"]
