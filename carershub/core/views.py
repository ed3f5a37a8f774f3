from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
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


def _work_queues(user) -> list[dict]:
    """The queues this user works from, with how much is in each (counts only, no names)."""
    from carershub.assessments import plan_services, self_services
    from carershub.assessments.models import Assessment, AssessmentStatus
    from carershub.contacts.models import Contact

    queues = []
    if user.has_perm("contacts.view_contact_list"):
        unlinked = Contact.objects.filter(person__isnull=True).count()
        queues.append({"href": "/contacts/?show=unlinked", "text": _("Contacts not yet linked to a record"), "count": unlinked})
    if user.has_perm("assessments.change_assessment"):
        assessments = Assessment.objects.visible_to(user)
        queues += [
            {
                "href": "/assessments/",
                "text": _("Your draft assessments"),
                "count": assessments.filter(assessor=user, status=AssessmentStatus.DRAFT).count(),
            },
            {
                "href": "/assessments/",
                "text": _("Assessments waiting for a decision"),
                "count": assessments.filter(status=AssessmentStatus.SUBMITTED).count(),
            },
            {
                "href": "/self-assessment/review/",
                "text": _("Self-assessments to review"),
                "count": self_services.awaiting_review().count(),
            },
        ]
    if user.has_perm("assessments.sign_off_assessment"):
        queues.append(
            {
                "href": "/assessments/",
                "text": _("Decisions waiting for your sign-off"),
                "count": Assessment.objects.filter(
                    status=AssessmentStatus.DECIDED, assessing_organisation_id=user.organisation_id
                ).count(),
            }
        )
    if user.has_perm("assessments.view_supportplan"):
        queues += [
            {"href": "/plans/reviews/", "text": _("Reviews overdue"), "count": plan_services.reviews_overdue().count()},
            {"href": "/plans/reviews/", "text": _("Reviews due in the next 28 days"), "count": plan_services.reviews_due().count()},
        ]
    if user.has_perm("assessments.view_transition_queue"):
        queues.append(
            {
                "href": "/plans/young-carers-turning-18/",
                "text": _("Young carers turning 18 without a transition assessment"),
                "count": plan_services.young_carers_turning_18().count(),
            }
        )
    return queues


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
            "can_see_figures": user.has_perm("assessments.view_team_figures"),
            "is_administrator": user.has_role(Role.ADMINISTRATOR),
            "queues": _work_queues(user),
        },
    )
