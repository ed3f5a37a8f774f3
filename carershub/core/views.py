from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from carershub.core import workqueues


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
    """Each user's starting page: what they can do, and the queues they work from (counts only)."""
    # Asked once: every provider counts its queues in the database.
    items = workqueues.items_for(request.user)
    shortcuts = [item for item in items if isinstance(item, workqueues.Shortcut)]
    return render(
        request,
        "core/home.jinja",
        {
            "queues": [item for item in items if isinstance(item, workqueues.WorkQueue)],
            "shortcuts": [s for s in shortcuts if not s.primary],
            "start": next((s for s in shortcuts if s.primary), None),
        },
    )
