from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from carershub.accounts.models import StaffRole, User


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 1


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "is_active", "last_login"]
    list_filter = ["organisation", "roles__role", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    inlines = [StaffRoleInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "job_title", "organisation")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email", "organisation", "password1", "password2")}),
    )
