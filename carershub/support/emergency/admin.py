from django.contrib import admin

from carershub.support.emergency.models import ResponseLine


@admin.register(ResponseLine)
class ResponseLineAdmin(admin.ModelAdmin):
    """The emergency response lines the cards give: one per area, and one region-wide (no area)."""

    list_display = ["name", "phone", "hours", "area"]
    list_filter = ["area"]
    search_fields = ["name", "phone"]
