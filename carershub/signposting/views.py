"""Signposting's pages: confirm one pick from the directory (or type one it does not list), and the
list of what a carer was pointed to.

The directory's search sends its "Signpost" link here with ``?service=<uuid>`` and the query it was
opened with (``person``, ``contact``, ``assessment``, ``plan``). Nothing in the query is trusted: the
origin is loaded through its own app, which answers 404 for what the user may not see, and the user
must be allowed to change it (contacts' VIEW_CONTACT and CHANGE_CONTACT, assessments'
CHANGE_ASSESSMENT, plans' CHANGE_PLAN) and to signpost the person (SIGNPOST).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.assessments import services as assessments_services
from carershub.assessments.rules import CHANGE_ASSESSMENT
from carershub.audit.models import AccessPart
from carershub.audit.services import record_access, record_contact_access
from carershub.contacts import services as contacts_services
from carershub.contacts.rules import CHANGE_CONTACT, VIEW_CONTACT
from carershub.core.idempotency import creates_once, one_time
from carershub.core.template_helpers import error_summary_params
from carershub.directory import services as directory_services
from carershub.people.services import visible_person_or_404
from carershub.signposting import services
from carershub.signposting.forms import NotListedForm, SignpostForm
from carershub.signposting.models import Source
from carershub.signposting.rules import SIGNPOST, VIEW_SIGNPOSTS
from carershub.support import services as support_services
from carershub.support.models import SupportPlan
from carershub.support.rules import CHANGE_PLAN

SOURCES = ("contact", "assessment", "plan")


def _id(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if number < 1 or number > 2**63 - 1:
        raise Http404
    return number


def _origin(request) -> services.Origin | None:
    """Where the pick is made from, checked against the user; None when the query names nothing."""
    user, query = request.user, request.GET
    named = [name for name in SOURCES if query.get(name)]
    if len(named) > 1:
        raise Http404  # a pick comes from one place at most
    person = visible_person_or_404(user, _id(query["person"])) if query.get("person") else None
    if not named:
        return services.Origin(Source.RECORD, person=person) if person is not None else None
    source, pk = named[0], _id(query[named[0]])
    if source == "contact":
        contact = contacts_services.contact_or_404(user, pk, related=("person",))
        if not user.has_perm(VIEW_CONTACT, contact):
            raise Http404
        if not user.has_perm(CHANGE_CONTACT, contact):
            raise PermissionDenied
        if person is not None and person.pk != contact.person_id:
            raise Http404  # the query names somebody else (or gives an unknown caller a record)
        if contact.person_id is not None and person is None:
            person = visible_person_or_404(user, contact.person_id)
        return services.Origin(Source.CONTACT, person=person, contact=contact)
    if source == "assessment":
        assessment = assessments_services.assessment_or_404(user, pk)
        if not user.has_perm(CHANGE_ASSESSMENT, assessment):
            raise PermissionDenied
        found = services.Origin(Source.ASSESSMENT, person=assessment.carer, assessment=assessment)
    else:
        plan = support_services.plan_or_404(user, pk, permission=CHANGE_PLAN)
        if plan.status not in (SupportPlan.Status.DRAFT, SupportPlan.Status.AGREED):
            raise PermissionDenied  # an earlier or ended version is kept as it was
        found = services.Origin(Source.PLAN, person=plan.carer, plan=plan)
    if person is not None and person.pk != found.person.pk:
        raise Http404
    return found


def _back(origin: services.Origin) -> str:
    if origin.contact is not None:
        return reverse("contacts:detail", args=[origin.contact.pk])
    if origin.assessment is not None:
        return reverse("assessments:detail", args=[origin.assessment.pk])
    if origin.plan is not None:
        return reverse("plans:detail", args=[origin.plan.pk])
    return reverse("signposting:for_person", args=[origin.person.pk])


def _log_view(request, origin: services.Origin) -> None:
    if origin.person is None:
        record_contact_access(request, origin.contact, part=AccessPart.CONTACT)
        return
    part = {
        Source.CONTACT: AccessPart.CONTACT,
        Source.ASSESSMENT: AccessPart.ASSESSMENT,
        Source.PLAN: AccessPart.SUPPORT_PLAN,
    }.get(origin.source, AccessPart.RECORD)
    record_access(request, origin.person, part=part)


@login_required
@permission_required(SIGNPOST, raise_exception=True)
@creates_once
def new(request):
    origin = _origin(request)
    if origin is None:
        # Nothing to signpost from yet: the directory is where a pick starts.
        return redirect(services.directory_search_url(services.Origin(Source.RECORD)))
    if not request.user.has_perm(SIGNPOST, origin.person):
        raise PermissionDenied
    not_listed = request.GET.get("not_listed") == "1"
    service = None
    if not not_listed:
        if not request.GET.get("service"):
            return redirect(services.directory_search_url(origin))
        service = directory_services.get(request.GET["service"])
        if service is None:
            raise Http404
    posted = request.POST if request.method == "POST" else None  # a pick with no note posts nothing else
    form = one_time(request, (NotListedForm if not_listed else SignpostForm)(posted))
    active = service is None or service.is_active
    if request.method == "POST" and active and form.is_valid():
        data = form.cleaned_data
        pick = services.signpost(
            origin, actor=request.user, service=service, not_listed=data.get("not_listed", ""), note=data["note"]
        )
        messages.success(request, _("Signposted to %(name)s") % {"name": pick.name})
        return redirect(_back(origin))
    _log_view(request, origin)
    context = {
        "origin": origin,
        "person": origin.person,
        "contact": origin.contact,
        "service": directory_services.describe(service) if service is not None else None,
        "active": active,
        "not_listed": not_listed,
        "form": form,
        "form_errors": error_summary_params(form),
        "back": _back(origin),
        "search_url": services.directory_search_url(origin),
    }
    return render(request, "signposting/new.jinja", context)


@login_required
@permission_required(VIEW_SIGNPOSTS, raise_exception=True)
def for_person(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(VIEW_SIGNPOSTS, person):
        raise PermissionDenied
    record_access(request, person, part=AccessPart.RECORD)
    origin = services.Origin(Source.RECORD, person=person)
    may_signpost = request.user.has_perm(SIGNPOST, person)
    return render(
        request,
        "signposting/for_person.jinja",
        {
            "person": person,
            "picks": services.for_person(person, limit=500),
            "may_signpost": may_signpost,
            "search_url": services.directory_search_url(origin) if may_signpost else "",
            "not_listed_url": services.not_listed_url(origin) if may_signpost else "",
        },
    )
