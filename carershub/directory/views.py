"""The directory's staff pages: search, a service, change proposals and their decisions, importing a feed.

The directory holds no carer data, so its pages log no access. A search opened from a carer's
contact, assessment or plan carries their ids in the query string (``person``, ``contact``,
``assessment``, ``plan``); they are passed on, untouched, to the "Refer" and "Signpost" links and
never read here (the directory sits below people: decision 10).
"""

import json
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.directory import changes as change_rules
from carershub.directory import importing, services, vocabulary
from carershub.directory.forms import DecisionForm, ImportForm, ProposalForm, SearchForm
from carershub.directory.models import ChangeProposal, ProposalStatus, Service, ServiceStatus, TaxonomyTerm
from carershub.directory.rules import DECIDE_PROPOSALS, IMPORT_FEED, PROPOSE_CHANGE, VIEW_DIRECTORY

PASSED_THROUGH = ("person", "contact", "assessment", "plan")
_SAFE_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
RESULTS_SHOWN = 50
UPLOAD_LIMIT = 5 * 1024 * 1024


def passed_through(request) -> dict:
    """The record ids the search was opened with, kept as they came (only id-shaped values)."""
    return {key: request.GET[key] for key in PASSED_THROUGH if _SAFE_ID.match(request.GET.get(key, ""))}


def _link(name: str, service: Service, carried: dict) -> str:
    # referrals:new and signposting:new are other apps' pages (layers 5 and 7), linked by URL name.
    return f"{reverse(name)}?{urlencode({'service': str(service.pk), **carried})}"


def _service_or_404(pk) -> Service:
    service = (
        services.for_display(Service.objects.all())
        .prefetch_related("contacts__phones", "funding", "service_at_locations__location__accessibility")
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise Http404
    return service


def _day_names():
    return {code: str(label) for code, label in zip(vocabulary.DAYS, [
        _("Mondays"), _("Tuesdays"), _("Wednesdays"), _("Thursdays"), _("Fridays"), _("Saturdays"), _("Sundays")
    ], strict=True)}


@login_required
@permission_required(VIEW_DIRECTORY, raise_exception=True)
def search(request):
    searched = any(request.GET.get(k) for k in SearchForm.base_fields)
    form = SearchForm(request.GET if searched else None)
    results = None
    total = 0
    if searched and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.search(
                text=data["text"],
                term=vocabulary.need(data["need"]) if data["need"] else None,
                postcode=data["postcode"],
                age=data["age"],
                day=data["day"] or None,
                time=data["time"],
                carer_group=data["carer_group"],
            )
        except services.UnknownPlace:
            form.add_error("postcode", _("Enter a postcode, a district like CF37, a postcode area like CF, or a council area"))
        else:
            total = found.count()
            results = list(services.for_display(found)[:RESULTS_SHOWN])
    carried = passed_through(request)
    rows = [
        {
            "service": service,
            "refer": _link("referrals:new", service, carried) if services.referable_organisation(service) else None,
            "signpost": _link("signposting:new", service, carried),
        }
        for service in results or []
    ]
    return render(
        request,
        "directory/search.jinja",
        {
            "form": form,
            "rows": rows,
            "searched": searched and results is not None,
            "total": total,
            "shown": RESULTS_SHOWN,
            "carried": carried,
            "carried_query": urlencode(carried),
            "days": _day_names(),
            "form_errors": error_summary_params(form) if form.is_bound else None,
            "pending": services.pending_proposals().count() if request.user.has_perm(DECIDE_PROPOSALS) else 0,
            "term_names": term_names,
            "may_propose_new": request.user.has_perm(PROPOSE_CHANGE, None),
        },
    )


@login_required
@permission_required(VIEW_DIRECTORY, raise_exception=True)
def service(request, pk):
    found = _service_or_404(pk)
    carried = passed_through(request)
    history = [
        {"change": change, "differences": change_rules.differences(change.before, change.after)}
        for change in found.history.select_related("changed_by")[:20]
    ]
    return render(
        request,
        "directory/service.jinja",
        {
            "service": found,
            "refer": _link("referrals:new", found, carried) if services.referable_organisation(found) else None,
            "signpost": _link("signposting:new", found, carried),
            "carried_query": urlencode(carried),
            "days": _day_names(),
            "history": history,
            "may_propose": request.user.has_perm(PROPOSE_CHANGE, found),
            "pending": found.proposals.filter(status=ProposalStatus.PROPOSED).count(),
            "labels": _field_labels(),
            "term_names": term_names,
        },
    )


def _field_labels():
    return {name: str(ProposalForm.base_fields[name].label) for name in change_rules.FIELDS}


@login_required
@creates_once
def propose(request, pk=None):
    existing = _service_or_404(pk) if pk else None
    if not request.user.has_perm(PROPOSE_CHANGE, existing):
        raise PermissionDenied
    initial = change_rules.snapshot(existing) if existing else {"status": ServiceStatus.ACTIVE}
    form = one_time(request, ProposalForm(request.POST or None, initial=initial))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("form_token", None)
        note = data.pop("note")
        proposal = services.propose(actor=request.user, service=existing, changes=data, note=note)
        if existing and not proposal.changes:
            proposal.delete()
            form.add_error(None, _("Nothing was changed: change a field to propose a change"))
        else:
            messages.success(request, _("Your change has been sent to an administrator to approve."))
            return redirect("directory:service", pk=existing.pk) if existing else redirect("directory:search")
    return render(
        request,
        "directory/propose.jinja",
        {"form": form, "service": existing, "form_errors": error_summary_params(form)},
    )


@login_required
@permission_required(DECIDE_PROPOSALS, raise_exception=True)
def proposals(request):
    waiting = services.pending_proposals().order_by("proposed_at", "pk")[:200]
    decided = (
        ChangeProposal.objects.exclude(status=ProposalStatus.PROPOSED)
        .select_related("service", "organization", "decided_by")
        .order_by("-decided_at", "-pk")[:20]
    )
    return render(request, "directory/proposals.jinja", {"waiting": waiting, "decided": decided})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@login_required
@permission_required(DECIDE_PROPOSALS, raise_exception=True)
def proposal(request, pk):
    found = ChangeProposal.objects.select_related("service", "organization", "proposed_by").filter(pk=_int(pk)).first()
    if found is None:
        raise Http404
    form = DecisionForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and found.status == ProposalStatus.PROPOSED and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                service = services.approve(found, actor=request.user, expected_version=data["version"])
                messages.success(request, _("The change has been applied."))
                return redirect("directory:service", pk=service.pk)
            services.reject(found, actor=request.user, reason=data["reason"].strip(), expected_version=data["version"])
            messages.success(request, _("The change has been rejected."))
            return redirect("directory:proposals")
        except StaleRecordError:
            if found.service_id and ChangeProposal.objects.filter(pk=found.pk, status=ProposalStatus.PROPOSED).exists():
                form.add_error(
                    None,
                    _("The service has changed since this was proposed. Reject it and ask for a new proposal against the service as it is now."),
                )
            else:
                messages.error(request, _("Somebody else decided this proposal while you were looking at it."))
                return redirect("directory:proposal", pk=found.pk)
    current = change_rules.snapshot(found.service) if found.service_id else {}
    rows = [
        {"label": _field_labels()[name], "before": current.get(name), "after": value}
        for name, value in found.changes.items()
        if name in change_rules.FIELDS
    ]
    return render(
        request,
        "directory/proposal.jinja",
        {
            "proposal": found,
            "rows": rows,
            "form": form,
            "changed_since": bool(found.service_id and found.service.version != found.against_version),
            "form_errors": error_summary_params(form) if form.is_bound else None,
        },
    )


@login_required
@permission_required(IMPORT_FEED, raise_exception=True)
def import_feed(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload, url = form.cleaned_data["file"], form.cleaned_data["url"]
        try:
            if upload:
                if upload.size > UPLOAD_LIMIT:
                    raise importing.FeedError(_("The file must be smaller than 5 MB"))
                try:
                    data = json.loads(upload.read())
                except (ValueError, UnicodeDecodeError):
                    raise importing.FeedError(_("The file is not JSON")) from None
                report = importing.import_data(data, source_name=upload.name, actor=request.user)
            else:
                report = importing.import_source(url, actor=request.user)
        except importing.FeedError as problem:
            form.add_error("file" if upload else "url", str(problem))
    return render(
        request,
        "directory/import.jinja",
        {"form": form, "report": report, "form_errors": error_summary_params(form) if form.is_bound else None},
    )


def term_names(service) -> dict:
    """The service's needs and carer groups, each a list of names (translated where they are ours)."""
    needs, groups = [], []
    groups_taxonomy = vocabulary.taxonomy_id(vocabulary.GROUPS_TAXONOMY)
    for attribute in service.attributes.all():
        term: TaxonomyTerm = attribute.taxonomy_term
        (groups if term.taxonomy_id == groups_taxonomy else needs).append(_(term.name))
    return {"needs": needs, "groups": groups}
