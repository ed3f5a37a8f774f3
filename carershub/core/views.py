from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from carershub.accounts.models import Role


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    healthy = database == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": {"status": database, "vendor": connection.vendor}},
        status=200 if healthy else 503,
    )


@login_required
def home(request):
    user = request.user
    return render(
        request,
        "core/home.jinja",
        {
            "can_search": user.has_perm("people.search_people"),
            "can_log_contact": user.has_perm("contacts.add_contact"),
            "can_add_person": user.has_perm("people.add_person"),
            "can_see_contacts": user.has_perm("contacts.view_contact_list"),
            "is_administrator": user.has_role(Role.ADMINISTRATOR),
            "is_commissioner": user.has_role(Role.COMMISSIONER),
        },
    )
