"""A person's documents: the list, adding one, downloading one (audited), withdrawing one.

Every view opens the person through people's ``visible_person_or_404`` (a relationship, or a
reason given), checks the permission in documents/rules.py on the server, and writes the access
log for what it shows. The file is only ever served by ``download``.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.audit.models import AccessPart
from carershub.audit.services import record_access
from carershub.core.idempotency import creates_once, one_time
from carershub.core.template_helpers import error_summary_params
from carershub.documents import filetypes, services
from carershub.documents.forms import UploadForm, WithdrawForm
from carershub.documents.presenters import DocumentPresenter
from carershub.documents.rules import (
    ADD_DOCUMENT,
    DOWNLOAD_DOCUMENT,
    DOWNLOAD_WITHDRAWN_DOCUMENT,
    VIEW_DOCUMENTS,
    WITHDRAW_DOCUMENT,
)
from carershub.documents.uploads import too_big_fields
from carershub.people.services import visible_person_or_404

logger = logging.getLogger(__name__)


@login_required
@permission_required(VIEW_DOCUMENTS, raise_exception=True)
def document_list(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(VIEW_DOCUMENTS, person):
        raise Http404
    user = request.user
    current = [DocumentPresenter(d, user, person) for d in services.current_for(user, person)]
    withdrawn = [DocumentPresenter(d, user, person) for d in services.withdrawn_for(user, person)]
    record_access(request, person, part=AccessPart.DOCUMENT_LIST)
    return render(
        request,
        "documents/list.jinja",
        {
            "person": person,
            "documents": current,
            "withdrawn": withdrawn,
            "elsewhere": services.restricted_elsewhere_count(user, person),
            "can_add": user.has_perm(ADD_DOCUMENT, person),
        },
    )


@login_required
@permission_required(ADD_DOCUMENT, raise_exception=True)
@creates_once
def upload(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(ADD_DOCUMENT, person):
        raise PermissionDenied
    posted = request.method == "POST"
    form = one_time(
        request,
        UploadForm(
            request.POST if posted else None,
            request.FILES if posted else None,
            too_big="file" in too_big_fields(request),
        ),
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        added = services.add_document(
            person,
            upload=data["file"],
            file_type=form.file_type,
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            restricted=data["restricted"],
            actor=request.user,
        )
        if added.document is not None:
            messages.success(request, _("Document added: %(title)s") % {"title": added.document.title})
            return redirect("documents:list", person_pk=person.pk)
        form.add_error("file", _("The selected file contains a virus. It has not been saved"))
    return render(
        request,
        "documents/upload.jinja",
        {
            "form": form,
            "person": person,
            "accept": filetypes.ACCEPT_ATTRIBUTE,
            "form_errors": error_summary_params(form, order=["file", "kind", "title", "description", "restricted"]),
        },
    )


def _document_for(request, pk):
    """The document and its person, opened as the user may: 404, or the reason page."""
    document = services.document_or_404(pk)
    document.person = visible_person_or_404(request.user, document.person_id)
    return document


@login_required
def download(request, pk):
    """The file, to those who may read it, logged in the access log; never served any other way."""
    document = _document_for(request, pk)
    permission = DOWNLOAD_WITHDRAWN_DOCUMENT if document.is_withdrawn else DOWNLOAD_DOCUMENT
    if not request.user.has_perm(permission, document):
        raise Http404
    try:
        stored = services.open_file(document)
    except OSError:
        logger.error("Document %s has no stored file", document.pk)
        return render(request, "documents/missing.jinja", {"person": document.person, "document": document}, status=404)
    purpose = _("document %(id)s") % {"id": document.pk}
    record_access(request, document.person, part=AccessPart.DOCUMENT, purpose=purpose)
    # Always an attachment, typed as what the content was found to be (not what the browser said),
    # named with RFC 6266 filename* for any language, never sniffed, never cached, and sandboxed
    # should a browser show it anyway.
    response = FileResponse(
        stored, as_attachment=True, filename=document.download_name(), content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@login_required
@permission_required(WITHDRAW_DOCUMENT, raise_exception=True)
def withdraw(request, pk):
    document = _document_for(request, pk)
    person = document.person
    if not request.user.has_perm(WITHDRAW_DOCUMENT, document):
        if document.is_withdrawn and request.user.has_perm(VIEW_DOCUMENTS, person):
            messages.info(request, _("This document has already been withdrawn."))
            return redirect("documents:list", person_pk=person.pk)
        raise Http404
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.withdraw_document(document, actor=request.user, reason=form.cleaned_data["reason"]):
            messages.success(request, _("Document withdrawn: %(title)s") % {"title": document.title})
        else:
            messages.info(request, _("This document has already been withdrawn."))
        return redirect("documents:list", person_pk=person.pk)
    if request.method == "GET":
        record_access(request, person, part=AccessPart.DOCUMENT, purpose=_("document %(id)s") % {"id": document.pk})
    return render(
        request,
        "documents/withdraw.jinja",
        {
            "form": form,
            "person": person,
            "document": DocumentPresenter(document, request.user),
            "form_errors": error_summary_params(form),
        },
    )
