"""The register of providers of care at home: the list, a provider's page, its checklist, workers,
registration pathway and advice, and the reminders queue (issue 13).

No page here holds a carer's record, so none writes the access log; workers' names are staff
personal data and are shown only with VIEW_CHECKLIST.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.providers import advice, checklist, services
from carershub.providers.forms import (
    AdviceForm,
    CheckForm,
    ProviderForm,
    RegisterFilterForm,
    RegistrationDecisionForm,
    RegistrationForm,
    StatusForm,
    WorkerForm,
    WorkerLeftForm,
    message,
)
from carershub.providers.models import Check, Provider, RegistrationApplication, RegistrationOutcome, Status, Worker
from carershub.providers.rules import (
    ADD_PROVIDER,
    ADVISE,
    MANAGE_PROVIDER,
    VIEW_CHECKLIST,
    VIEW_PROVIDER,
    VIEW_REGISTER,
    is_register_keeper,
    visible_providers,
)


def _stale(request, back):
    messages.error(request, _("Somebody else changed this while you were looking at it. Check it as it is now."))
    return redirect(back)


def _provider(request, pk, perm=VIEW_PROVIDER) -> Provider:
    found = get_object_or_404(visible_providers(request.user).select_related("organisation"), pk=pk)
    if not request.user.has_perm(perm, found):
        raise PermissionDenied
    return found


def _refuse(form, refused: services.Refused):
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, message(refused.code, refused.params))


def _page(request, template, context):
    form = context.get("form")
    if form is not None and "form_errors" not in context:
        context["form_errors"] = error_summary_params(form)
    return render(request, template, {"checklist": checklist, **context})


# ---------------------------------------------------------------- the register


@login_required
@permission_required(VIEW_REGISTER, raise_exception=True)
def register(request):
    form = RegisterFilterForm(request.GET or None)
    chosen = form.chosen() if request.GET else {}
    providers = visible_providers(request.user).select_related("organisation").prefetch_related(
        "areas", "workers", Prefetch("checks", queryset=Check.objects.select_related("worker")))
    if chosen.get("area"):
        providers = providers.filter(areas=chosen["area"])
    if chosen.get("provider_type"):
        providers = providers.filter(provider_type=chosen["provider_type"])
    if chosen.get("status"):
        providers = providers.filter(status=chosen["status"])
    if chosen.get("welsh_spoken"):
        providers = providers.filter(welsh_spoken=True)
    if chosen.get("service"):
        providers = providers.filter(services__contains=[chosen["service"]]) if _json_contains() else \
            providers.filter(pk__in=[p.pk for p in providers if chosen["service"] in p.services])
    providers = providers.distinct().order_by("organisation__name", "pk")
    page = Paginator(providers, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    counts = services.people_now([p.pk for p in page.object_list], today)
    rows = [{"provider": p, "people": counts.get(p.pk, 0), "state": services.checklist_state(p, today)}
            for p in page.object_list]
    return _page(request, "providers/register.jinja", {
        "filters": form, "page": page, "rows": rows, "can_add": request.user.has_perm(ADD_PROVIDER),
        "is_keeper": is_register_keeper(request.user),
        "form_errors": error_summary_params(form) if request.GET else None,
    })


def _json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@login_required
@permission_required(ADD_PROVIDER, raise_exception=True)
@creates_once
def new_provider(request):
    form = one_time(request, ProviderForm(request.POST or None, adding=True,
                                          organisations=services.organisations_not_yet_providers()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            provider = services.create_provider(
                actor=request.user, areas=data["areas"], organisation=data["organisation"], name=data["name"],
                **form.provider_fields(),
            )
        except services.Refused as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Provider added to the register: %(name)s") % {"name": provider.name})
            return redirect("providers:provider", pk=provider.pk)
    return _page(request, "providers/provider_form.jinja", {"form": form, "adding": True})


@login_required
def provider_page(request, pk):
    provider = _provider(request, pk)
    today = timezone.localdate()
    user = request.user
    sees_checklist = user.has_perm(VIEW_CHECKLIST, provider)
    # Whoever sees the provider sees its arrangements page (counts; names only of people they may open).
    arrangements_url = reverse("arrangements:for_provider", args=[provider.pk])
    registrations = services.registration_applications(provider)
    pending = next((r for r in registrations if r.outcome == RegistrationOutcome.PENDING), None)
    due = [r for r in services.reminders([provider], today)] if sees_checklist else []
    return _page(request, "providers/provider.jinja", {
        "provider": provider,
        "today": today,
        "areas": list(provider.areas.all()),
        "problems": services.new_people_problems(provider, today),
        "people": services.people_now([provider.pk], today).get(provider.pk, 0),
        "limit_applies": provider.limit_applies(today),
        "sees_checklist": sees_checklist,
        "themes": services.checklist_rows(provider, today) if sees_checklist else [],
        "reminders": due,
        "workers": list(provider.workers.all()) if sees_checklist else [],
        "registrations": registrations,
        "pending": pending,
        "advice": list(provider.advice.select_related("given_by")) if user.has_perm(ADVISE) else None,
        "advice_topics": dict(advice.TOPICS),
        "can_manage": user.has_perm(MANAGE_PROVIDER, provider),
        "can_advise": user.has_perm(ADVISE) and services.advice_giver(user) is not None,
        "arrangements_url": arrangements_url,
        "services_offered": services_labels(provider),
        "availability_text": "; ".join(f"{day}: {', '.join(periods)}" for day, periods in availability_rows(provider)),
    })


def services_labels(provider):
    from carershub.providers import vocabulary

    labels = dict(vocabulary.SERVICES)
    return [_(labels[s]) for s in provider.services if s in labels]


def availability_rows(provider):
    from carershub.providers import vocabulary

    periods = dict(vocabulary.PERIODS)
    rows = []
    for day, label in vocabulary.DAYS:
        chosen = [_(periods[s.split(":")[1]]) for s in provider.availability if s.startswith(f"{day}:")]
        if chosen:
            rows.append((_(label), chosen))
    return rows


@login_required
def edit_provider(request, pk):
    provider = _provider(request, pk, MANAGE_PROVIDER)
    form = ProviderForm(request.POST or None, adding=False, initial=ProviderForm.initial_for(provider))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_provider(provider, expected_version=form.cleaned_data["version"], actor=request.user,
                                     areas=form.cleaned_data["areas"], **form.provider_fields())
        except StaleRecordError:
            return _stale(request, reverse("providers:provider", args=[provider.pk]))
        except services.Refused as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Provider's details saved"))
            return redirect("providers:provider", pk=provider.pk)
    return _page(request, "providers/provider_form.jinja", {"form": form, "adding": False, "provider": provider})


@login_required
def change_status(request, pk):
    provider = _provider(request, pk, MANAGE_PROVIDER)
    form = StatusForm(request.POST or None,
                      initial={"version": provider.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(provider, to=form.cleaned_data["status"],
                                   expected_version=form.cleaned_data["version"], actor=request.user)
        except StaleRecordError:
            return _stale(request, reverse("providers:provider", args=[provider.pk]))
        except services.Refused as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Status changed to: %(status)s") % {"status": provider.get_status_display()})
            if provider.status == Status.ACTIVE and services.new_people_problems(provider):
                messages.warning(request, _("The provider is active but still cannot take new people: "
                                            "see the checklist gaps on its page."))
            return redirect("providers:provider", pk=provider.pk)
    form.fields["status"].choices = [c for c in Status.choices if c[0] in services.allowed_moves(provider)]
    return _page(request, "providers/status.jinja", {"form": form, "provider": provider,
                                                      "problems": services.new_people_problems(provider)})


# ---------------------------------------------------------------- workers


@login_required
@creates_once
def new_worker(request, pk):
    provider = _provider(request, pk, MANAGE_PROVIDER)
    form = one_time(request, WorkerForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_worker(provider, actor=request.user, name=data["name"], role=data["role"],
                            started_on=data["started_on"])
        messages.success(request, _("Worker added"))
        return redirect("providers:provider", pk=provider.pk)
    return _page(request, "providers/worker.jinja", {"form": form, "provider": provider})


@login_required
def worker_left(request, pk, worker_pk):
    provider = _provider(request, pk, MANAGE_PROVIDER)
    worker = get_object_or_404(Worker, pk=worker_pk, provider=provider)
    form = WorkerLeftForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.worker_left(worker, actor=request.user, left_on=form.cleaned_data["left_on"])
        except services.Refused as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Recorded that %(name)s has left") % {"name": worker.name})
            return redirect("providers:provider", pk=provider.pk)
    return _page(request, "providers/worker_left.jinja", {"form": form, "provider": provider, "worker": worker})


# ---------------------------------------------------------------- the checklist


@login_required
def checklist_page(request, pk):
    provider = _provider(request, pk, VIEW_CHECKLIST)
    today = timezone.localdate()
    history = {}
    for row in provider.checks.select_related("worker", "recorded_by").order_by("-checked_on", "-recorded_at", "-pk"):
        history.setdefault(row.item, []).append(row)
    return _page(request, "providers/checklist.jinja", {
        "provider": provider, "themes": services.checklist_rows(provider, today), "history": history,
        "items": checklist.ITEMS, "can_manage": request.user.has_perm(MANAGE_PROVIDER, provider),
        "problems": services.new_people_problems(provider, today),
    })


@login_required
@creates_once
def record_check(request, pk, item):
    provider = _provider(request, pk, MANAGE_PROVIDER)
    found = checklist.BY_CODE.get(item)
    if found is None:
        raise Http404
    today = timezone.localdate()
    workers = provider.workers.filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
    form = one_time(request, CheckForm(request.POST or None, item=found, workers=workers,
                                       initial={"worker": request.GET.get("worker")}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_check(provider, actor=request.user, item=item, outcome=data["outcome"],
                                  checked_on=data["checked_on"], worker=data.get("worker"),
                                  evidence=data["evidence"], expires_on=data.get("expires_on"))
        except services.Refused as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Check recorded: %(item)s") % {"item": _(found.label)})
            return redirect("providers:checklist", pk=provider.pk)
    return _page(request, "providers/check.jinja", {"form": form, "provider": provider, "item": found})


# ---------------------------------------------------------------- reminders


@login_required
def reminders(request):
    if not is_register_keeper(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    return _page(request, "providers/reminders.jinja", {
        "rows": services.reminders(on=today)[:500], "overdue": list(services.overdue_registrations(today)[:500]),
        "today": today,
    })


# ---------------------------------------------------------------- registration


@login_required
@creates_once
def new_registration(request, pk):
    provider = _provider(request, pk, MANAGE_PROVIDER)
    form = one_time(request, RegistrationForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.submit_registration(provider, actor=request.user,
                                                       submitted_on=data["submitted_on"], reference=data["reference"])
        except services.Refused as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Application recorded: a decision is expected by %(date)s")
                             % {"date": application.expected_decision_on.strftime("%d/%m/%Y")})
            return redirect("providers:provider", pk=provider.pk)
    return _page(request, "providers/registration.jinja", {"form": form, "provider": provider})


@login_required
def decide_registration(request, pk):
    application = get_object_or_404(RegistrationApplication.objects.select_related("provider__organisation"), pk=pk)
    provider = _provider(request, application.provider_id, MANAGE_PROVIDER)
    if application.outcome != RegistrationOutcome.PENDING:
        messages.info(request, _("This application has been decided"))
        return redirect("providers:provider", pk=provider.pk)
    form = RegistrationDecisionForm(request.POST or None, initial={"version": application.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_registration(application, actor=request.user, outcome=data["outcome"],
                                         decided_on=data["decided_on"], expected_version=data["version"],
                                         registration_number=data["registration_number"])
        except StaleRecordError:
            return _stale(request, reverse("providers:provider", args=[provider.pk]))
        except services.Refused as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Decision recorded"))
            return redirect("providers:provider", pk=provider.pk)
    return _page(request, "providers/decide.jinja", {"form": form, "provider": provider, "application": application})


# ---------------------------------------------------------------- advice


@login_required
@creates_once
def new_advice(request, pk):
    provider = _provider(request, pk, ADVISE)
    giver = services.advice_giver(request.user)
    if giver is None:
        raise PermissionDenied
    form = one_time(request, AdviceForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_advice(provider, actor=request.user, topic=data["topic"], given_on=data["given_on"],
                                   summary=data["summary"], confirmed=data["confirmed"])
        except services.Refused as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Advice recorded"))
            return redirect("providers:provider", pk=provider.pk)
    return _page(request, "providers/advice.jinja", {"form": form, "provider": provider, "giver": giver})
