"""Identification in settings: the coverage list, a setting's page, and the forms that record
engagement, champions and training. No page here names a carer: carers identified are counts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.identification import coverage, services
from carershub.identification import rules as identification_rules
from carershub.identification.forms import (
    ChampionForm,
    EngagementForm,
    SettingFilterForm,
    SettingForm,
    TrainingForm,
    refusal,
)
from carershub.identification.models import AttendeeRole, EngagementKind
from carershub.identification.rules import (
    ADD_SETTING,
    CHANGE_SETTING,
    MANAGE_CHAMPIONS,
    RECORD_ENGAGEMENT,
    RECORD_TRAINING,
    VIEW_SETTING,
    VIEW_SETTINGS,
)

LIST_LIMIT = 500
ROLE_NAMES = dict(AttendeeRole.choices)


def _can(user) -> dict:
    """What the user may do here, for the templates (named as in rules.py)."""
    names = ("ADD_SETTING", "CHANGE_SETTING", "RECORD_ENGAGEMENT", "MANAGE_CHAMPIONS", "RECORD_TRAINING")
    return {name: user.has_perm(getattr(identification_rules, name)) for name in names}


def _stale(request, back):
    messages.error(request, _("Somebody else changed this while you were looking at it. Check it as it is now."))
    return redirect(back)


def _counts_for(user):
    """Commissioners see counts of carers identified with 1 to 4 hidden; service workers see them all."""
    if user.has_perm(VIEW_SETTING):
        return lambda n: n

    def shown(n):
        value = coverage.shown_count(n)
        return _(value) if isinstance(value, str) else value

    return shown


# ---------------------------------------------------------------- the coverage list


@login_required
@permission_required(VIEW_SETTINGS, raise_exception=True)
def settings_list(request):
    today = timezone.localdate()
    form = SettingFilterForm(request.GET or None)
    rows = services.settings_visible_to(request.user).select_related("area")
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    if data.get("area"):
        rows = rows.filter(area=data["area"])
    rows = services.with_status(rows, today)
    # The answer at the top counts every open setting of the kinds and areas asked for, engaged or not.
    answer = services.coverage_of(rows, today)
    if not data.get("closed"):
        rows = rows.filter(is_active=True)
    since = coverage.engaged_since(today)
    if data.get("engaged") == "yes":
        rows = rows.filter(last_engaged__gte=since)
    elif data.get("engaged") == "no":
        rows = rows.filter(Q(last_engaged__isnull=True) | Q(last_engaged__lt=since))
    rows = list(rows.order_by("area__name", "kind", "name", "pk")[: LIST_LIMIT + 1])
    shown = _counts_for(request.user)
    for row in rows:
        row.engaged = coverage.is_engaged(row.last_engaged, today)
        row.identified_shown = shown(row.identified)
    return render(
        request,
        "identification/settings.jinja",
        {
            "form": form,
            "rows": rows[:LIST_LIMIT],
            "more": len(rows) > LIST_LIMIT,
            "answer": answer,
            "since": since,
            "can_open": request.user.has_perm(VIEW_SETTING),
            "can": _can(request.user),
            "form_errors": error_summary_params(form) if form.is_bound and not form.is_valid() else None,
        },
    )


@login_required
@permission_required(ADD_SETTING, raise_exception=True)
@creates_once
def new_setting(request):
    form = one_time(request, SettingForm(request.POST or None, initial={"area": getattr(request.user.organisation, "area_id", None)}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            setting = services.create_setting(
                actor=request.user, name=data["name"], kind=data["kind"], area=data["area"], ods_code=data["ods_code"]
            )
        except services.Refused as refused:
            form.add_error(refused.field, refusal(refused))
        else:
            messages.success(request, _("Setting added: %(name)s") % {"name": setting.name})
            # A setting of another council's area is listed there, not here.
            if services.settings_visible_to(request.user).filter(pk=setting.pk).exists():
                return redirect("identification:setting", pk=setting.pk)
            return redirect("identification:settings")
    return render(request, "identification/setting_form.jinja", {"form": form, "setting": None, "form_errors": error_summary_params(form)})


@login_required
@permission_required(CHANGE_SETTING, raise_exception=True)
def edit_setting(request, pk):
    setting = services.setting_or_404(request.user, pk)
    initial = {"name": setting.name, "kind": setting.kind, "area": setting.area_id, "ods_code": setting.ods_code,
               "is_active": setting.is_active, "version": services.fingerprint(setting)}
    form = SettingForm(request.POST or None, initial=initial, versioned=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_setting(
                setting, expected=data["version"], actor=request.user, name=data["name"], kind=data["kind"],
                area=data["area"], ods_code=data["ods_code"], is_active=data["is_active"],
            )
        except StaleRecordError:
            return _stale(request, reverse("identification:setting", args=[setting.pk]))
        except services.Refused as refused:
            form.add_error(refused.field, refusal(refused))
        else:
            messages.success(request, _("Setting saved"))
            if services.settings_visible_to(request.user).filter(pk=setting.pk).exists():
                return redirect("identification:setting", pk=setting.pk)
            return redirect("identification:settings")
    return render(request, "identification/setting_form.jinja", {"form": form, "setting": setting, "form_errors": error_summary_params(form)})


# ---------------------------------------------------------------- a setting


@login_required
@permission_required(VIEW_SETTING, raise_exception=True)
def setting(request, pk):
    found = services.setting_or_404(request.user, pk)
    today = timezone.localdate()
    status = services.with_status(type(found).objects.filter(pk=found.pk), today).get()
    by_quarter = services.identified_by_quarter(found, today)
    return render(
        request,
        "identification/setting.jinja",
        {
            "setting": found,
            "status": status,
            "engaged": coverage.is_engaged(status.last_engaged, today),
            "engagements": list(services.engagements(found)[:100]),
            "champions": list(services.champions(found)),
            "trainings": list(services.trainings_for(found)[:50]),
            "quarters": list(by_quarter.items()),
            "identified_all_time": services.identified_all_time(found),
            "can": _can(request.user),
        },
    )


@login_required
@permission_required(RECORD_ENGAGEMENT, raise_exception=True)
@creates_once
def new_engagement(request, pk):
    found = services.setting_or_404(request.user, pk)
    form = one_time(request, EngagementForm(request.POST or None, initial={"date": timezone.localdate()}))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("form_token", None)
        try:
            services.record_engagement(found, actor=request.user, **data)
        except services.Refused as refused:
            form.add_error(refused.field, refusal(refused))
        else:
            messages.success(request, _("Engagement recorded"))
            return redirect("identification:setting", pk=found.pk)
    return render(request, "identification/engagement_form.jinja",
                  {"setting": found, "form": form, "commitment": EngagementKind.COMMITMENT, "form_errors": error_summary_params(form)})


@login_required
@permission_required(MANAGE_CHAMPIONS, raise_exception=True)
@creates_once
def new_champion(request, pk):
    found = services.setting_or_404(request.user, pk)
    form = one_time(request, ChampionForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("form_token", None)
        champion = services.add_champion(found, actor=request.user, **data)
        messages.success(request, _("Carers champion added: %(name)s") % {"name": champion.name})
        return redirect("identification:setting", pk=found.pk)
    return render(request, "identification/champion_form.jinja",
                  {"setting": found, "champion": None, "form": form, "form_errors": error_summary_params(form)})


@login_required
@permission_required(MANAGE_CHAMPIONS, raise_exception=True)
def edit_champion(request, pk):
    champion = services.champion_or_404(request.user, pk)
    fields = ("name", "role", "unit", "email", "phone", "since", "trained_on", "is_active")
    initial = {name: getattr(champion, name) for name in fields} | {"version": champion.version}
    form = ChampionForm(request.POST or None, initial=initial, versioned=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_champion(champion, expected_version=version, actor=request.user, **data)
        except StaleRecordError:
            return _stale(request, reverse("identification:setting", args=[champion.setting_id]))
        messages.success(request, _("Carers champion saved"))
        return redirect("identification:setting", pk=champion.setting_id)
    return render(request, "identification/champion_form.jinja",
                  {"setting": champion.setting, "champion": champion, "form": form, "form_errors": error_summary_params(form)})


# ---------------------------------------------------------------- training


@login_required
@permission_required(RECORD_TRAINING, raise_exception=True)
def training_list(request):
    rows = services.trainings_visible_to(request.user).select_related("delivered_by").prefetch_related("for_settings")
    return render(request, "identification/trainings.jinja", {"rows": list(rows[:200])})


@login_required
@permission_required(RECORD_TRAINING, raise_exception=True)
@creates_once
def new_training(request):
    visible = services.settings_visible_to(request.user).filter(is_active=True).order_by("kind", "name")
    initial = {}
    chosen = request.GET.get("setting")
    if chosen:
        try:
            initial["for_settings"] = [services.setting_or_404(request.user, int(chosen)).pk]
        except (TypeError, ValueError):
            raise Http404 from None
    form = one_time(request, TrainingForm(request.POST or None, settings=visible, user=request.user, initial=initial))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("form_token", None)
        training = services.record_training(actor=request.user, **data)
        messages.success(request, _("Training recorded"))
        return redirect("identification:training", pk=training.pk)
    return render(request, "identification/training_form.jinja", {"form": form, "form_errors": error_summary_params(form)})


@login_required
@permission_required(RECORD_TRAINING, raise_exception=True)
def training(request, pk):
    found = services.training_or_404(request.user, pk)
    visible = set(services.settings_visible_to(request.user).filter(pk__in=found.for_settings.all()).values_list("pk", flat=True))
    return render(request, "identification/training.jinja",
                  {"training": found, "settings": list(found.for_settings.select_related("area")), "visible": visible,
                   "roles_text": ", ".join(str(ROLE_NAMES[r]) for r in found.roles if r in ROLE_NAMES)})
