"""Care arrangements: a provider's people (names only for those the user may open), arranging care for a
person (with the four-person rule's warning and refusal), one arrangement, changing and ending it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.audit.models import AccessPart
from carershub.audit.services import record_access
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.people.models import Person
from carershub.people.services import open_among, visible_person_or_404
from carershub.providers import fourperson
from carershub.providers.arrangements import services
from carershub.providers.arrangements.forms import ArrangementForm, ChangeForm, EndForm
from carershub.providers.arrangements.models import Arrangement
from carershub.providers.arrangements.rules import (
    ADD_ARRANGEMENT,
    CHANGE_ARRANGEMENT,
    SEE_ARRANGED_NAMES,
    VIEW_ARRANGEMENT,
    VIEW_PROVIDER_ARRANGEMENTS,
)
from carershub.providers.models import Provider
from carershub.providers.rules import MANAGE_PROVIDER, visible_providers

NEW_ORDER = ["provider", "kind", "covering_for", "setting", "starts_on", "ends_on", "hours_per_week", "funded_by",
             "confirm_limit"]


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _provider_or_404(user, pk) -> Provider:
    provider = get_object_or_404(visible_providers(user).select_related("organisation"), pk=_int(pk))
    if not user.has_perm(VIEW_PROVIDER_ARRANGEMENTS, provider):
        raise PermissionDenied
    return provider


def _arrangement(request, pk, perm) -> Arrangement:
    """The arrangement, if the user may open its person (404 otherwise, like the person page)."""
    if not request.user.has_perm(perm):
        raise PermissionDenied
    found = get_object_or_404(
        Arrangement.objects.select_related("provider__organisation", "covering_for__organisation"), pk=_int(pk)
    )
    found.person = visible_person_or_404(request.user, found.person_id)
    return found


def _refused(form, refused):
    """Put a refusal's problems, and the registration route when the rule refused, on the form."""
    for problem in [*refused.problems, *([refused.pathway] if refused.pathway else [])]:
        form.add_error(None, problem)
    return refused


def _limit_summary(provider, today):
    return {
        "now": services.people_now(provider, today),
        "limit": fourperson.LIMIT if provider.limit_applies(today) else None,
        "is_micro": provider.is_micro,
    }


@login_required
def for_provider(request, provider_pk):
    user = request.user
    provider = _provider_or_404(user, provider_pk)
    today = timezone.localdate()
    rows = list(Arrangement.objects.filter(provider=provider).select_related("covering_for__organisation"))
    named = set()
    if user.has_perm(SEE_ARRANGED_NAMES):
        named = open_among(user, {r.person_id for r in rows})
    people = {p.pk: p for p in Person.objects.filter(pk__in=named)}
    current, past = [], []
    for row in rows:
        row.shown_person = people.get(row.person_id)
        (past if row.ends_on is not None and row.ends_on < today else current).append(row)
    hidden = lambda found: len({r.person_id for r in found if r.shown_person is None})  # noqa: E731
    if people:
        record_access(request, list(people.values()), part=AccessPart.ARRANGEMENTS)
    return render(request, "arrangements/for_provider.jinja", {
        "provider": provider, "current": [r for r in current if r.shown_person is not None],
        "may_manage": user.has_perm(MANAGE_PROVIDER, provider),
        "past": [r for r in past if r.shown_person is not None],
        "hidden_current": hidden(current), "hidden_past": hidden(past), "today": today,
        "summary": _limit_summary(provider, today),
        "pathway": services.pathway(provider, today) if provider.limit_applies(today) else "",
    })


def _providers_for(person):
    serving = list(Provider.objects.taking_people().select_related("organisation").prefetch_related("areas")
                   .order_by("organisation__name"))
    if person.area_id:
        serving.sort(key=lambda p: 0 if any(a.pk == person.area_id for a in p.areas.all()) else 1)
    return serving


@login_required
@creates_once
def new(request, person_pk):
    person = visible_person_or_404(request.user, _int(person_pk))
    if not request.user.has_perm(ADD_ARRANGEMENT, person):
        raise PermissionDenied
    providers = _providers_for(person)
    all_providers = list(Provider.objects.select_related("organisation").order_by("organisation__name"))
    initial = {"provider": request.GET.get("provider", "")}
    form = one_time(request, ArrangementForm(request.POST or None, person=person, providers=providers,
                                             all_providers=all_providers, initial=initial))
    warning = None
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            arrangement = services.start_arrangement(
                provider=data["provider"], person=person, kind=data["kind"], covering_for=data["covering_for"],
                setting=data["setting"], starts_on=data["starts_on"], ends_on=data["ends_on"],
                hours_per_week=data["hours_per_week"], funded_by=data["funded_by"], actor=request.user,
                confirmed_limit=data["confirm_limit"],
            )
        except services.NeedsConfirmation as needs:
            warning = needs.verdict.message
            form.add_error("confirm_limit",
                           _("Confirm that the provider will be at its limit, or choose another provider"))
        except services.Refused as refused:
            refusal = _refused(form, refused)
        else:
            messages.success(request, _("Care arranged with %(provider)s") % {"provider": arrangement.provider.name})
            return redirect("arrangements:detail", pk=arrangement.pk)
    refused_provider = form.cleaned_data.get("provider") if refusal is not None else None
    record_access(request, person, part=AccessPart.ARRANGEMENTS)
    return render(request, "arrangements/new.jinja", {
        "person": person, "form": form, "warning": warning, "refusal": refusal,
        "refused_provider": refused_provider,
        "may_manage": refused_provider is not None and request.user.has_perm(MANAGE_PROVIDER, refused_provider),
        "show_confirm": warning is not None or bool(form.data.get("confirm_limit")),
        "form_errors": error_summary_params(form, order=NEW_ORDER),
    })


@login_required
def detail(request, pk):
    arrangement = _arrangement(request, pk, VIEW_ARRANGEMENT)
    today = timezone.localdate()
    record_access(request, arrangement.person, part=AccessPart.ARRANGEMENTS)
    return render(request, "arrangements/detail.jinja", {
        "arrangement": arrangement, "today": today,
        "summary": _limit_summary(arrangement.provider, today),
        "may_change": request.user.has_perm(CHANGE_ARRANGEMENT),
        "may_see_provider": request.user.has_perm(VIEW_PROVIDER_ARRANGEMENTS, arrangement.provider),
        "ended": arrangement.ends_on is not None and arrangement.ends_on < today,
    })


def _stale(request, arrangement):
    messages.error(request, _("Somebody else changed this while you were looking at it. Check it as it is now."))
    return redirect("arrangements:detail", pk=arrangement.pk)


@login_required
def change(request, pk):
    arrangement = _arrangement(request, pk, CHANGE_ARRANGEMENT)
    initial = {"version": arrangement.version, "setting": arrangement.setting, "ends_on": arrangement.ends_on,
               "hours_per_week": arrangement.hours_per_week}
    form = ChangeForm(request.POST or None, arrangement=arrangement, initial=initial)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_arrangement(
                arrangement, expected_version=data["version"], ends_on=data["ends_on"],
                hours_per_week=data["hours_per_week"], setting=data["setting"], actor=request.user,
            )
        except StaleRecordError:
            return _stale(request, arrangement)
        except services.Refused as refused:
            refusal = _refused(form, refused)
        else:
            messages.success(request, _("Arrangement changed"))
            return redirect("arrangements:detail", pk=arrangement.pk)
    record_access(request, arrangement.person, part=AccessPart.ARRANGEMENTS)
    return render(request, "arrangements/change.jinja", {
        "arrangement": arrangement, "form": form, "refusal": refusal,
        "form_errors": error_summary_params(form, order=["setting", "ends_on", "hours_per_week"]),
    })


@login_required
def end(request, pk):
    arrangement = _arrangement(request, pk, CHANGE_ARRANGEMENT)
    initial = {"version": arrangement.version, "ends_on": arrangement.ends_on or timezone.localdate()}
    form = EndForm(request.POST or None, arrangement=arrangement, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.end_arrangement(arrangement, expected_version=data["version"], ends_on=data["ends_on"],
                                     reason=data["reason"], actor=request.user)
        except StaleRecordError:
            return _stale(request, arrangement)
        except services.Refused as refused:
            for problem in refused.problems:
                form.add_error("ends_on", problem)
        else:
            messages.success(request, _("Arrangement ended"))
            return redirect("arrangements:detail", pk=arrangement.pk)
    record_access(request, arrangement.person, part=AccessPart.ARRANGEMENTS)
    return render(request, "arrangements/end.jinja", {
        "arrangement": arrangement, "form": form,
        "form_errors": error_summary_params(form, order=["ends_on", "reason"]),
    })
