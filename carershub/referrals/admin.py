from django.contrib import admin

from carershub.referrals.models import SharingAgreement


@admin.register(SharingAgreement)
class SharingAgreementAdmin(admin.ModelAdmin):
    """Information-sharing agreements hold no personal data: the administrator keeps any of them here."""

    list_display = ("title", "status", "signed_on", "review_on")
    list_filter = ("status",)
    search_fields = ("title", "reference")
    filter_horizontal = ("parties",)
    exclude = ("version", "created_by")
