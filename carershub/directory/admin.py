"""The directory in Django admin, for administrators: it holds no carer data (decision 35).

Services made or changed here skip the proposal flow; their copy of the partner (``organisation``)
and search text are kept by ``Service.save()``. Linking an imported organisation to a partner
(``DirectoryOrganisation.partner``) is done here.
"""

from django.contrib import admin

from carershub.directory import models


class ScheduleInline(admin.TabularInline):
    model = models.Schedule
    fk_name = "service"
    extra = 0


class AttributeInline(admin.TabularInline):
    model = models.Attribute
    extra = 0
    autocomplete_fields = ["taxonomy_term"]


class ServiceAreaInline(admin.TabularInline):
    model = models.ServiceArea
    extra = 0


class LanguageInline(admin.TabularInline):
    model = models.Language
    extra = 0


class CostOptionInline(admin.TabularInline):
    model = models.CostOption
    extra = 0


class PhoneInline(admin.TabularInline):
    model = models.Phone
    fk_name = "service"
    extra = 0


class ServiceAtLocationInline(admin.TabularInline):
    model = models.ServiceAtLocation
    extra = 0
    autocomplete_fields = ["location"]


@admin.register(models.Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "organisation", "status", "source", "last_modified"]
    list_filter = ["status", "source"]
    search_fields = ["name", "description"]
    readonly_fields = ["organisation", "version", "source_hash", "created_at"]
    autocomplete_fields = ["organization"]
    inlines = [AttributeInline, ScheduleInline, ServiceAtLocationInline, ServiceAreaInline, LanguageInline,
               CostOptionInline, PhoneInline]


@admin.register(models.DirectoryOrganisation)
class DirectoryOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "partner", "source"]
    search_fields = ["name"]
    list_filter = ["source"]


class AddressInline(admin.StackedInline):
    model = models.Address
    extra = 0
    readonly_fields = ["outward_code"]


class AccessibilityInline(admin.TabularInline):
    model = models.Accessibility
    extra = 0


@admin.register(models.Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "location_type"]
    search_fields = ["name", "addresses__postal_code"]
    inlines = [AddressInline, AccessibilityInline]


@admin.register(models.Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "version"]
    search_fields = ["name"]


@admin.register(models.TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "taxonomy", "code", "parent"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]


@admin.register(models.ChangeProposal)
class ChangeProposalAdmin(admin.ModelAdmin):
    list_display = ["service", "organization", "status", "proposed_at", "decided_at"]
    list_filter = ["status"]
    readonly_fields = ["service", "organization", "changes", "against_version", "proposed_by", "proposed_at",
                       "decided_by", "decided_at", "version"]


@admin.register(models.ServiceChange)
class ServiceChangeAdmin(admin.ModelAdmin):
    list_display = ["service", "how", "changed_by", "changed_at"]
    readonly_fields = ["service", "proposal", "changed_by", "changed_at", "how", "before", "after"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
