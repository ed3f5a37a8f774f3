from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.audit.models import AccessPart
from carershub.audit.services import record_access, record_page_access
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.core.workqueues import capped
from carershub.directory.models import Service
from carershub.directory.services import referable_organisation
from carershub.people.models import Person
from carershub.people.services import answer_open_for, visible_person_or_404
from carershub.referrals import flow, lawful, services, summary
from carershub.referrals.forms import AgreementForm, ListFilterForm, MoveForm, ReferralForm, message
from carershub.referrals.models import Source
from carershub.referrals.rules import (
    ADD_SHARING_AGREEMENT,
    MANAGE_SHARING_AGREEMENTS,
    SEND_REFERRAL,
    VIEW_SHARING_AGREEMENTS,
    VIEW_REFERRALS,
    VIEW_SHARED,
)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _stale(request, back):
    messages.error(request, _("Somebody else changed this referral while you were looking at it. Check it as it is now."))
    return redirect(back)


# ---------------------------------------------------------------- a new referral


def _source(request, person):
    """Where the referral is made from (?contact=, ?service=, ?assessment=, ?plan=), and its prefills."""
    initial, source, source_id, contact = {}, Source.RECORD, "", None
    if request.GET.get("contact"):
        # Contacts are an app beside this one: reached through the person's relation, never imported.
        contact = person.contacts.filter(pk=_int(request.GET["contact"])).first() if person else None
        if contact is not None:
            source, source_id = Source.CONTACT, contact.pk
            initial["reason"] = contact.what_matters
            if contact.referred_to_id:
                initial["to_organisation"] = contact.referred_to_id
    for name, kind in (("assessment", Source.ASSESSMENT), ("plan", Source.PLAN)):
        if request.GET.get(name):
            source, source_id = kind, _int(request.GET[name])
    service = None
    if request.GET.get("service"):
        try:
            service = Service.objects.select_related("organisation").filter(pk=request.GET["service"]).first()
        except (ValueError, ValidationError):  # not a UUID
            service = None
        if service is not None and referable_organisation(service) is not None:
            initial["service"] = service.pk
            initial["to_organisation"] = service.organisation_id
            if source == Source.RECORD:
                source, source_id = Source.DIRECTORY, service.pk
        else:
            service = None
    return initial, source, source_id, service, contact


@login_required
@permission_required(VIEW_REFERRALS, raise_exception=True)
@creates_once
def new(request):
    person_pk = request.GET.get("person") or request.POST.get("person")
    if not person_pk and request.GET.get("contact"):
        contact_model = Person._meta.get_field("contacts").related_model
        found = contact_model.objects.filter(pk=_int(request.GET["contact"])).values_list("person_id", flat=True).first()
        person_pk = found
    if not person_pk:
        return render(request, "referrals/choose_carer.jinja", {"service_id": request.GET.get("service", "")})
    person = visible_person_or_404(request.user, _int(person_pk))
    if not request.user.has_perm(SEND_REFERRAL, person):
        raise PermissionDenied
    initial, source, source_id, service, contact = _source(request, person)
    form = one_time(request, ReferralForm(request.POST or None, user=request.user, person=person, initial=initial))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.send(
                person, actor=request.user, to_organisation=data["to_organisation"], reason=data["reason"],
                urgency=data["urgency"], purpose=data["purpose"], shared=data["shared"],
                lawful_basis=data["lawful_basis"], exception_reason=data["exception_reason"],
                legal_duty=data["legal_duty"], agreement=data["agreement"], service=data.get("service"),
                source=source, source_id=source_id,
            )
        except services.Refused as refused:
            # Consent withdrawn between the form's check and the send (checked again under the lock).
            if refused.problem in ("no_consent", "consent_withdrawn", "consent_expired", "consent_not_started"):
                form.add_error(refused.field, form.problem_message(refused.problem, data["to_organisation"], data["purpose"]))
                form.decision = lawful.Decision(False, problem=refused.problem, field=refused.field)
            else:
                form.add_error(refused.field, message(refused.problem))
        else:
            messages.success(request, _("Referral sent to %(organisation)s") % {"organisation": referral.to_organisation.name})
            return redirect("referrals:detail", pk=referral.pk)
    record_access(request, person, part=AccessPart.REFERRAL)
    return render(
        request,
        "referrals/new.jinja",
        {
            "person": person,
            "form": form,
            "service": service,
            "contact": contact,
            "show_exception": form.needs_exception or (form.is_bound and form.data.get("lawful_basis") not in (None, "", "consent")),
            "form_errors": error_summary_params(form, order=[
                "to_organisation", "reason", "urgency", "purpose", "shared", "lawful_basis", "legal_duty",
                "exception_reason", "agreement",
            ]),
        },
    )


# ---------------------------------------------------------------- one referral


def _move_forms(referral, acting):
    forms = {}
    for to in flow.next_moves(referral.status, acting) if acting else []:
        label = {flow.DECLINED: _("Why are you declining it?"), flow.COMPLETED: _("What was the outcome?")}.get(to)
        forms[to] = MoveForm(initial={"version": referral.version}, label=label, prefix=to)
    return forms


def _detail_page(request, referral, *, forms=None, status=200):
    user = request.user
    acting = services.side(user, referral)
    answer_open_for(user, [referral.person])
    record_access(request, referral.person, part=AccessPart.REFERRAL)
    return render(
        request,
        "referrals/detail.jinja",
        {
            "referral": referral,
            "acting": acting,
            "forms": forms or _move_forms(referral, acting),
            "today": timezone.localdate(),
            "may_open_person": user.has_perm("people.view_person", referral.person),
            "shared_labels": referral.shared_labels(),
            "form_errors": error_summary_params(*[f for f in (forms or {}).values() if f.is_bound]) if forms else None,
        },
        status=status,
    )


@login_required
@permission_required(VIEW_REFERRALS, raise_exception=True)
def detail(request, pk):
    referral = services.referral_or_404(request.user, pk)
    services.mark_received(referral, actor=request.user)
    return _detail_page(request, referral)


@login_required
@permission_required(VIEW_REFERRALS, raise_exception=True)
@require_POST
def move(request, pk):
    referral = services.referral_or_404(request.user, pk)
    to = request.POST.get("to", "")
    acting = services.side(request.user, referral)
    if to not in flow.STATUSES or acting is None:
        messages.error(request, message("not_allowed"))
        return redirect("referrals:detail", pk=referral.pk)
    forms = _move_forms(referral, acting)
    form = MoveForm(request.POST, prefix=to, label=forms[to].fields["words"].label if to in forms else None)
    if form.is_valid() and form.cleaned_data["version"] != referral.version:
        # Somebody else moved it (accepted while this worker declined, say): they are told, nothing is saved.
        return _stale(request, reverse("referrals:detail", args=[referral.pk]))
    if to not in forms:
        messages.error(request, message("not_allowed"))
        return redirect("referrals:detail", pk=referral.pk)
    forms[to] = form
    if form.is_valid():
        try:
            services.move(
                referral, to, actor=request.user, expected_version=form.cleaned_data["version"],
                words=form.cleaned_data["words"],
            )
        except StaleRecordError:
            return _stale(request, reverse("referrals:detail", args=[referral.pk]))
        except services.Refused as refused:
            form.add_error("words" if refused.field else None, message(refused.problem))
        else:
            done = {
                flow.ACCEPTED: _("Referral accepted"),
                flow.DECLINED: _("Referral declined"),
                flow.COMPLETED: _("Referral completed"),
                flow.WITHDRAWN: _("Referral withdrawn"),
            }[to]
            messages.success(request, done)
            return redirect("referrals:detail", pk=referral.pk)
    return _detail_page(request, referral, forms=forms, status=200)


# ---------------------------------------------------------------- lists


def _filtered(request, rows):
    form = ListFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["status"]:
        chosen = form.cleaned_data["status"]
        rows = rows.filter(status__in=flow.WAITING) if chosen == "waiting" else rows.filter(status=chosen)
    return form, rows


def _list(request, rows, *, heading, which, filters=True):
    form = None
    if filters:
        form, rows = _filtered(request, rows)
    rows, more = capped(rows.select_related("person", "from_organisation", "to_organisation").order_by("due_on", "pk"))
    people = list({r.person_id: r.person for r in rows}.values())
    if people:
        record_page_access(request, (people, AccessPart.REFERRAL_LIST, ""))
    return render(
        request,
        "referrals/list.jinja",
        {"rows": rows, "more": more, "heading": heading, "which": which, "form": form, "today": timezone.localdate()},
    )


@login_required
@permission_required(VIEW_REFERRALS, raise_exception=True)
def received(request):
    return _list(request, services.received_by(request.user), heading=_("Referrals to us"), which="received")


@login_required
@permission_required(VIEW_REFERRALS, raise_exception=True)
def sent(request):
    return _list(request, services.sent_by_organisation(request.user), heading=_("Referrals we sent"), which="sent")


@login_required
@permission_required(VIEW_REFERRALS, raise_exception=True)
def overdue(request):
    return _list(
        request, services.overdue_for(request.user), heading=_("Referrals not accepted in time"), which="overdue", filters=False
    )


@login_required
@permission_required(VIEW_SHARED, raise_exception=True)
def shared(request):
    """The carers shared with the user's organisation, and the referrals it has accepted."""
    user = request.user
    carers, more = capped(services.shared_carers(user).order_by("family_name", "given_name", "pk"))
    assigned = list(
        services.received_by(user).filter(status=flow.ACCEPTED).select_related("person", "from_organisation").order_by("due_on", "pk")[:200]
    )
    shown = {p.pk for p in carers}
    assigned = [r for r in assigned if r.person_id in shown]
    actions = services.plan_actions_for(user)
    parts = []
    if carers:
        parts.append((carers, AccessPart.SHARED_CARERS, ""))
    named = list({a.plan.carer_id: a.plan.carer for a in actions}.values())
    if named:
        parts.append((named, AccessPart.SHARED_CARERS, "plan actions"))
    if parts:
        record_page_access(request, *parts)
    return render(request, "referrals/shared.jinja", {"carers": carers, "more": more, "assigned": assigned, "actions": actions})


@login_required
@permission_required(VIEW_SHARED, raise_exception=True)
def summary_page(request, person_pk):
    """The shared summary of one carer, as the accepted referrals shared it."""
    person = visible_person_or_404(request.user, person_pk)
    referrals = services.referral_for_shared_summary(request.user, person)
    if not referrals:
        raise Http404
    record_access(request, person, part=AccessPart.SHARED_SUMMARY)
    return render(
        request,
        "referrals/summary.jinja",
        {"person": person, "parts": summary.build(person, referrals), "referrals": referrals},
    )


# ---------------------------------------------------------------- information-sharing agreements


@login_required
@permission_required(VIEW_SHARING_AGREEMENTS, raise_exception=True)
def agreements(request):
    rows = services.SharingAgreement.objects.prefetch_related("parties").order_by("review_on", "pk")[:500]
    return render(
        request,
        "referrals/agreements.jinja",
        {"rows": rows, "today": timezone.localdate(), "can_add": request.user.has_perm(ADD_SHARING_AGREEMENT)},
    )


def _agreement_fields(data):
    data = dict(data)
    data.pop("form_token", None)
    data.pop("version", None)
    parties = data.pop("parties")
    return parties, data


@login_required
@permission_required(ADD_SHARING_AGREEMENT, raise_exception=True)
@creates_once
def new_agreement(request):
    form = one_time(request, AgreementForm(request.POST or None, user=request.user))
    if request.method == "POST" and form.is_valid():
        parties, fields = _agreement_fields(form.cleaned_data)
        agreement = services.create_agreement(actor=request.user, parties=parties, **fields)
        messages.success(request, _("Agreement added: %(title)s") % {"title": agreement.title})
        return redirect("referrals:agreements")
    return render(request, "referrals/agreement_form.jinja", {"form": form, "agreement": None, "form_errors": error_summary_params(form)})


@login_required
@permission_required(VIEW_SHARING_AGREEMENTS, raise_exception=True)
def edit_agreement(request, pk):
    agreement = get_object_or_404(services.SharingAgreement, pk=pk)
    if not request.user.has_perm(MANAGE_SHARING_AGREEMENTS, agreement):
        raise PermissionDenied
    initial = {
        "title": agreement.title, "parties": list(agreement.parties.all()), "purposes": agreement.purposes,
        "signed_on": agreement.signed_on, "review_on": agreement.review_on, "reference": agreement.reference,
        "url": agreement.url, "status": agreement.status, "version": agreement.version,
    }
    form = AgreementForm(request.POST or None, user=request.user, initial=initial, versioned=True)
    if request.method == "POST" and form.is_valid():
        parties, fields = _agreement_fields(form.cleaned_data)
        try:
            services.update_agreement(
                agreement, expected_version=form.cleaned_data["version"], actor=request.user, parties=parties, **fields
            )
        except StaleRecordError:
            messages.error(request, _("Somebody else changed this agreement while you were looking at it. Check it as it is now."))
            return redirect("referrals:edit_agreement", pk=agreement.pk)
        messages.success(request, _("Agreement saved"))
        return redirect("referrals:agreements")
    return render(request, "referrals/agreement_form.jinja", {"form": form, "agreement": agreement, "form_errors": error_summary_params(form)})

