"""Privacy pages: the public privacy notice; data-rights requests, subject access, erasure and retention.

Every staff page checks a permission from ``rules.py`` and fetches people through
``visible_person_or_404``; anybody else gets 403 (a page they may not use) or 404 (a record).
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.contacts.models import Contact
from carershub.core.errors import NotReady
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.core.workqueues import capped
from carershub.people.models import Person
from carershub.people.services import visible_person_or_404
from carershub.privacy import erasure, retention, retention_review, services, subject_access
from carershub.privacy.forms import (
    EraseForm,
    NewRequestForm,
    RetentionDecisionForm,
    SubjectAccessForm,
    UpdateRequestForm,
)
from carershub.privacy.models import DataRightsRequest, RecordType, RequestKind, RetentionReviewItem, ReviewStatus
from carershub.privacy.rules import (
    DOWNLOAD_SUBJECT_ACCESS,
    ERASE_PERSON,
    MANAGE_DATA_RIGHTS,
    RECORD_DATA_RIGHTS_REQUEST,
    REVIEW_RETENTION,
)
from carershub.selfassessment.models import SelfAssessment

# Parts of the access log these pages write.
PART_REQUEST_QUEUE = AccessPart.DATA_RIGHTS_REQUESTS
PART_REQUEST = AccessPart.DATA_RIGHTS_REQUEST
PART_RETENTION_QUEUE = AccessPart.RETENTION_REVIEW


def _posted(request):
    """The form data of a POST, even an empty one (a form with nothing chosen still shows its errors)."""
    return request.POST if request.method == "POST" else None


# --- The privacy notice (public) -------------------------------------------------------------


def notice(request):
    """What the service does with personal information, in plain English (UK GDPR Arts 13 and 14)."""
    return render(
        request,
        "privacy/notice.jinja",
        {
            # Staff read it inside the service; the public (the self-assessment) see the public layout.
            "layout": "layouts/base.jinja" if request.user.is_authenticated else "selfassessment/_public.jinja",
            "controller_name": settings.CARERSHUB_CONTROLLER_NAME,
            "controller_address": settings.CARERSHUB_CONTROLLER_ADDRESS,
            "dpo_contact": settings.CARERSHUB_DPO_CONTACT,
            "ico_registration": settings.CARERSHUB_ICO_REGISTRATION,
            "retention": settings.CARERSHUB_RETENTION,
        },
    )


# --- Data-rights requests ---------------------------------------------------------------------


@login_required
@permission_required(RECORD_DATA_RIGHTS_REQUEST, raise_exception=True)
def new_request(request, pk):
    person = visible_person_or_404(request.user, pk)
    form = NewRequestForm(_posted(request), initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data_request = services.record_request(
            person,
            kind=data["kind"],
            received_on=data["received_on"],
            requested_by=data["requested_by"],
            representative_name=data["representative_name"],
            representative_capacity=data["representative_capacity"],
            notes=data["notes"],
            actor=request.user,
        )
        messages.success(
            request,
            _("Data-rights request recorded. The law says it must be answered by %(date)s.")
            % {"date": formats.date_format(data_request.due_on, "j F Y")},
        )
        return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "privacy/new_request.jinja",
        {"form": form, "person": person, "form_errors": error_summary_params(form)},
    )


@login_required
@permission_required(MANAGE_DATA_RIGHTS, raise_exception=True)
def queue(request):
    """Open requests, the one due soonest first; overdue ones marked."""
    rows, more = capped(services.open_requests(request.user))
    people = [r.person for r in rows if r.person is not None]
    if people:
        record_access(request, people, action=AccessAction.SEARCH, part=PART_REQUEST_QUEUE)
    return render(
        request,
        "privacy/queue.jinja",
        {"requests": rows, "more": more, "today": timezone.localdate()},
    )


def _request_or_404(user, pk) -> DataRightsRequest:
    """A request, if the user may open its person's record (404 or a reason asked first, as everywhere)."""
    data_request = get_object_or_404(DataRightsRequest.objects.select_related("person", "recorded_by"), pk=pk)
    if data_request.person_id is not None:
        visible_person_or_404(user, data_request.person_id)
    return data_request


@login_required
@permission_required(MANAGE_DATA_RIGHTS, raise_exception=True)
def request_detail(request, pk):
    data_request = _request_or_404(request.user, pk)
    if data_request.person is not None:
        record_access(request, data_request.person, part=PART_REQUEST)
    return render(
        request,
        "privacy/request.jinja",
        {
            "data_request": data_request,
            "today": timezone.localdate(),
            "erasure": services.erasure_of(data_request.person_ref),
            "can_download": request.user.has_perm(DOWNLOAD_SUBJECT_ACCESS)
            and data_request.kind == RequestKind.ACCESS
            and data_request.person is not None,
            "can_erase": request.user.has_perm(ERASE_PERSON)
            and data_request.kind == RequestKind.ERASURE
            and data_request.person is not None,
        },
    )


@login_required
@permission_required(MANAGE_DATA_RIGHTS, raise_exception=True)
def update_request(request, pk):
    data_request = _request_or_404(request.user, pk)
    form = UpdateRequestForm(_posted(request), data_request=data_request, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_request(
                data_request,
                expected_version=data["version"],
                actor=request.user,
                status=data["status"],
                completed_on=data.get("completed_on"),
                extend=data.get("extend", False),
                extension_reason=data.get("extension_reason", ""),
                restriction_lifted_on=data.get("restriction_lifted_on"),
                notes=data["notes"],
            )
        except StaleRecordError:
            form.add_error(None, _("Somebody else updated this request while you were changing it. Nothing has been saved. Check it as it is now and make your changes again."))
        else:
            messages.success(request, _("Request updated"))
            return redirect("privacy:request", pk=data_request.pk)
    return render(
        request,
        "privacy/update_request.jinja",
        {"form": form, "data_request": data_request, "form_errors": error_summary_params(form)},
    )


@login_required
@permission_required(DOWNLOAD_SUBJECT_ACCESS, raise_exception=True)
def subject_access_download(request, pk):
    """Everything held about the person, for review or for release, as a PDF or JSON file."""
    data_request = _request_or_404(request.user, pk)
    if data_request.kind != RequestKind.ACCESS or data_request.person is None:
        raise Http404
    person = visible_person_or_404(request.user, data_request.person_id)
    form = SubjectAccessForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        version, file_format = form.cleaned_data["version"], form.cleaned_data["file_format"]
        document = subject_access.build(person, request=data_request)
        record_access(
            request,
            person,
            action=AccessAction.EXPORT,
            part=AccessPart.WHOLE_RECORD,
            purpose=_("Subject access request %(id)s: %(version)s, %(format)s")
            % {"id": data_request.pk, "version": version.replace("_", " "), "format": file_format.upper()},
        )
        filename = f"subject-access-{person.pk}-{version.replace('_', '-')}"
        if file_format == SubjectAccessForm.JSON:
            body = json.dumps(subject_access.as_json(document, version), indent=2, ensure_ascii=False)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        else:
            response = HttpResponse(subject_access.as_pdf(document, version), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "privacy/subject_access.jinja",
        {"form": form, "data_request": data_request, "person": person, "form_errors": error_summary_params(form)},
    )


# --- Erasure ----------------------------------------------------------------------------------


@login_required
@permission_required(ERASE_PERSON, raise_exception=True)
def erase(request, pk):
    person = visible_person_or_404(request.user, pk)
    if erasure.is_erased(person.pk):
        messages.info(request, _("This record has already been erased."))
        return redirect("people:detail", pk=person.pk)
    linked = None
    raw = request.GET.get("request") or request.POST.get("request")
    if raw and str(raw).isdigit():
        linked = DataRightsRequest.objects.filter(pk=int(raw), person_ref=person.pk, kind=RequestKind.ERASURE).first()
    form = EraseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_person(person, reason=form.cleaned_data["reason"], actor=request.user, request=linked)
        except NotReady:
            messages.info(request, _("This record has already been erased."))
        else:
            messages.success(request, _("The record has been erased. The figures and the access log are unchanged."))
        return redirect("people:detail", pk=person.pk)
    if request.method == "GET":
        record_access(request, person, part=AccessPart.RECORD, purpose=_("Considering erasure"))
    return render(
        request,
        "privacy/erase.jinja",
        {"form": form, "person": person, "linked": linked, "form_errors": error_summary_params(form)},
    )


# --- Retention review -------------------------------------------------------------------------


def _describe_items(items):
    """Each review item with what the page shows of its record: a name and link, or a date."""
    ids = {kind: [i.record_id for i in items if i.record_type == kind] for kind in RecordType.values}
    people = Person.objects.in_bulk(ids[RecordType.PERSON])
    contacts = Contact.objects.in_bulk(ids[RecordType.CONTACT])
    self_assessments = SelfAssessment.objects.in_bulk(ids[RecordType.SELF_ASSESSMENT])
    rows = []
    for item in items:
        if item.record_type == RecordType.PERSON:
            record = people.get(item.record_id)
        elif item.record_type == RecordType.CONTACT:
            record = contacts.get(item.record_id)
        else:
            record = self_assessments.get(item.record_id)
        rows.append({"item": item, "record": record, "kind": _(retention.KINDS[item.schedule])})
    return rows, list(people.values())


@login_required
@permission_required(REVIEW_RETENTION, raise_exception=True)
def retention_queue(request):
    items, more = capped(retention_review.due_items())
    rows, people = _describe_items(items)
    if people:
        record_access(request, people, action=AccessAction.SEARCH, part=PART_RETENTION_QUEUE)
    return render(
        request,
        "privacy/retention.jinja",
        {"rows": rows, "more": more, "schedule": settings.CARERSHUB_RETENTION},
    )


@login_required
@permission_required(REVIEW_RETENTION, raise_exception=True)
def retention_decision(request, pk):
    item = get_object_or_404(RetentionReviewItem, pk=pk, status=ReviewStatus.DUE)
    if item.record_type == RecordType.PERSON:
        # Deciding about a person's record is for those who may open it, like every other page.
        visible_person_or_404(request.user, item.record_id)
    rows, people = _describe_items([item])
    form = RetentionDecisionForm(_posted(request), item=item, keep_years=settings.CARERSHUB_RETENTION_KEEP_YEARS)
    if request.method == "POST" and form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        if decision == RetentionDecisionForm.KEEP:
            retention_review.keep(item, reason=reason, actor=request.user)
            messages.success(request, _("Decision recorded: the record is kept and will be reviewed again."))
        elif item.record_type == RecordType.PERSON:
            # Erasing a person has its own page, which says what goes and what stays.
            return redirect("privacy:erase", pk=item.record_id)
        else:
            retention_review.empty(item, reason=reason, actor=request.user)
            messages.success(request, _("Decision recorded: the content has been removed."))
        return redirect("privacy:retention")
    if people:
        record_access(request, people, part=PART_RETENTION_QUEUE)
    return render(
        request,
        "privacy/retention_decision.jinja",
        {"form": form, "row": rows[0], "form_errors": error_summary_params(form)},
    )
