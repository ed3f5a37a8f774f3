"""Care arrangements with providers, and the four-person rule (issue 13): each operation one transaction.

THE RULE (CIW's advice quoted in the ADSS Cymru report, paragraph 9.5; the 2016 Act and its
regulations not checked here): an unregistered micro-provider cares for at most four people at any
one time in their own homes, counting people it covers for another provider. ``start_arrangement``
and ``change_arrangement`` take the provider's row lock (``select_for_update``) before they count,
so two requests for the same provider take turns: the second counts what the first saved. The
counting itself is providers/fourperson.py (pure).

What matching (and any other app) uses: ``Refused``, ``NeedsConfirmation``, ``preview``,
``start_arrangement``, ``people_now``.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import claim_version
from carershub.providers import fourperson
from carershub.providers.arrangements.models import Arrangement, Kind, Setting
from carershub.providers.models import REGISTRATION_WEEKS, Provider, RegistrationOutcome
from carershub.providers import services as providers_services
from carershub.providers.services import new_people_problems


class Refused(Exception):
    """Nothing was saved. ``problems``: sentences for the page's error summary. ``pathway``: the
    registration route, set only when the four-person rule refused (``count`` then says how many)."""

    def __init__(self, problems, *, pathway="", count=None, limit=None):
        super().__init__(" ".join(problems))
        self.problems = list(problems)
        self.pathway = pathway
        self.count = count
        self.limit = limit

    @property
    def by_limit(self) -> bool:
        return bool(self.pathway)


class NeedsConfirmation(Refused):
    """The provider would reach its limit: allowed once the user confirms (``confirmed_limit=True``)."""

    def __init__(self, verdict):
        super().__init__([verdict.message], count=verdict.count, limit=verdict.limit)
        self.verdict = verdict


@dataclass(frozen=True)
class Verdict:
    count: int  # most people cared for at home at one time over the interval (the new one included if counted)
    limit: int | None  # None: the rule does not bind this provider
    verdict: str  # fourperson.OK, WARNING or REFUSED
    message: str
    first_over: datetime.date | None = None


def _day(value) -> str:
    return date_format(value, "j F Y")


def _checked_interval(provider, starts_on, ends_on):
    """The part of [starts_on, ends_on] in which the limit binds (None: no part): a registration
    that takes effect later frees the provider from its registration date on."""
    if not provider.is_micro or provider.is_registered(starts_on):
        return None
    if provider.registered_on is not None and (ends_on is None or ends_on >= provider.registered_on):
        ends_on = provider.registered_on - datetime.timedelta(days=1)
    return starts_on, ends_on


def _counted_stays(provider, starts_on, ends_on, exclude=None):
    rows = Arrangement.objects.filter(provider=provider).counted().overlapping(starts_on, ends_on)
    if exclude is not None:
        rows = rows.exclude(pk=getattr(exclude, "pk", exclude))
    return [(r.person_id, r.starts_on, r.ends_on) for r in rows.only("person_id", "starts_on", "ends_on")]


def preview(*, provider, person, starts_on, ends_on, setting, kind=Kind.REGULAR, exclude=None) -> Verdict:
    """What the four-person rule says of caring for ``person`` over [starts_on, ends_on] (both
    inclusive; ends_on None: open-ended). ``exclude``: an arrangement being changed, not counted."""
    window = _checked_interval(provider, starts_on, ends_on)
    counted = setting == Setting.IN_HOME
    if window is None:
        if counted:
            stays = _counted_stays(provider, starts_on, ends_on, exclude)
            count = fourperson.peak(stays, (person.pk, starts_on, ends_on)).count
        else:
            count = _peak_without(provider, starts_on, ends_on, exclude)
        text = (
            _("%(provider)s is registered with Care Inspectorate Wales, so the four-person rule does not apply.")
            if provider.is_micro
            else _("%(provider)s is not a micro-provider, so the four-person rule does not apply.")
        )
        return Verdict(count, None, fourperson.OK, text % {"provider": provider.name})
    lo, hi = window
    if not counted:
        count = _peak_without(provider, lo, hi, exclude)
        text = _(
            "Care outside the person's home does not count toward the four-person rule. %(provider)s cares for "
            "up to %(count)s of %(limit)s people at home over these dates."
        )
        return Verdict(count, fourperson.LIMIT, fourperson.OK,
                       text % {"provider": provider.name, "count": count, "limit": fourperson.LIMIT})
    outcome = fourperson.judge(_counted_stays(provider, lo, hi, exclude), (person.pk, lo, hi))
    values = {"provider": provider.name, "count": outcome.count, "limit": outcome.limit}
    if outcome.verdict == fourperson.REFUSED:
        values["date"] = _day(outcome.first_over)
        text = _(
            "%(provider)s would care for %(count)s people at home at one time from %(date)s. A micro-provider "
            "that is not registered with Care Inspectorate Wales may care for at most %(limit)s people at any "
            "one time, counting people it covers for another provider."
        )
    elif outcome.verdict == fourperson.WARNING:
        text = _(
            "This will be their fourth person: %(provider)s will be at its limit of %(limit)s people cared for "
            "at home at any one time until it registers with Care Inspectorate Wales."
        )
    else:
        text = ngettext(
            "%(provider)s will care for at most %(count)s person at home at one time over these dates, of the "
            "%(limit)s it may care for until it registers with Care Inspectorate Wales.",
            "%(provider)s will care for at most %(count)s people at home at one time over these dates, of the "
            "%(limit)s it may care for until it registers with Care Inspectorate Wales.",
            outcome.count,
        )
    return Verdict(outcome.count, outcome.limit, outcome.verdict, text % values, outcome.first_over)


def _peak_without(provider, starts_on, ends_on, exclude=None) -> int:
    """The most people at home at one time over the interval, from the arrangements already there."""
    stays = _counted_stays(provider, starts_on, ends_on, exclude)
    if not stays:
        return 0
    # A stand-in person id that is nobody's, over the same dates, then take it off again.
    return fourperson.peak(stays, (object(), starts_on, ends_on)).count - 1


def pathway(provider, on=None) -> str:
    """The registration route, in words: what the provider must do to care for a fifth person."""
    on = on or timezone.localdate()
    pending = provider.registrations.filter(outcome=RegistrationOutcome.PENDING).order_by("-submitted_on").first()
    values = {"provider": provider.name, "limit": fourperson.LIMIT, "weeks": REGISTRATION_WEEKS}
    first = _(
        "To care for more than %(limit)s people at home at one time, %(provider)s must first register with Care "
        "Inspectorate Wales as a domiciliary support service. Registration can take up to %(weeks)s weeks."
    ) % values
    if pending is not None:
        second = _(
            "Its application was sent on %(sent)s and a decision is expected by %(expected)s. Until it is "
            "registered, the limit applies."
        ) % {"sent": _day(pending.submitted_on), "expected": _day(pending.expected_decision_on)}
    else:
        second = _(
            "No application to register is recorded. When the provider applies, record it on its register entry "
            "so people can see when a decision is expected."
        )
    return f"{first} {second}"


def _shape_problems(provider, kind, covering_for, starts_on, ends_on) -> list[str]:
    problems = []
    if kind == Kind.COVER and covering_for is None:
        problems.append(_("Select the provider they are covering for."))
    if kind == Kind.COVER and covering_for is not None and covering_for.pk == provider.pk:
        problems.append(_("A provider cannot cover for itself. Select the provider they are covering for."))
    if kind == Kind.REGULAR and covering_for is not None:
        problems.append(_("Only cover names the provider being covered for."))
    if ends_on is not None and ends_on < starts_on:
        problems.append(_("The end date must be the same as or after the start date."))
    return problems


def _overlap_problem(provider, person, starts_on, ends_on, exclude=None) -> list[str]:
    rows = Arrangement.objects.filter(provider=provider, person=person).overlapping(starts_on, ends_on)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    if rows.exists():
        text = _("%(provider)s already has an arrangement with this person over these dates.")
        return [text % {"provider": provider.name}]
    return []


def _limit_refusal(provider, verdict, on) -> Refused:
    return Refused([verdict.message], pathway=pathway(provider, on), count=verdict.count, limit=verdict.limit)


def note_refusal(refused, *, provider, person, starts_on, actor, arrangement=None):
    """The ARRANGEMENT_REFUSED event, written after the refused change rolled back (call it outside
    the caller's transaction too: matching does, after its own rollback)."""
    with transaction.atomic():
        record_event(
            EventKind.ARRANGEMENT_REFUSED, actor=actor, person=person, obj=arrangement or provider,
            organisation=provider.organisation,
            data={"provider": provider.pk, "count": refused.count, "limit": refused.limit,
                  "starts_on": starts_on.isoformat()},
        )


def _event(kind, arrangement, actor, data):
    # The event belongs to the provider's organisation (who gives the care), not the recorder's.
    return record_event(kind, actor=actor, person=arrangement.person, obj=arrangement, data=data,
                        organisation=arrangement.provider.organisation)


def start_arrangement(*, provider, person, kind=Kind.REGULAR, covering_for=None, setting=Setting.IN_HOME,
                      starts_on, ends_on=None, hours_per_week=None, funded_by, actor,
                      confirmed_limit=False) -> Arrangement:
    """Arrange care for ``person`` with ``provider``. Raises Refused (nothing saved) or, when the
    provider would reach its limit and ``confirmed_limit`` is False, NeedsConfirmation."""
    try:
        with transaction.atomic():
            locked = Provider.objects.select_for_update().select_related("organisation").get(pk=provider.pk)
            problems = _shape_problems(locked, kind, covering_for, starts_on, ends_on)
            if problems:
                raise Refused(problems)
            problems = new_people_problems(locked, starts_on) + _overlap_problem(locked, person, starts_on, ends_on)
            if problems:
                raise Refused(problems)
            verdict = preview(provider=locked, person=person, starts_on=starts_on, ends_on=ends_on, setting=setting)
            if verdict.verdict == fourperson.REFUSED:
                raise _limit_refusal(locked, verdict, starts_on)
            if verdict.verdict == fourperson.WARNING and not confirmed_limit:
                raise NeedsConfirmation(verdict)
            arrangement = Arrangement.objects.create(
                provider=locked, person=person, kind=kind, covering_for=covering_for if kind == Kind.COVER else None,
                setting=setting, starts_on=starts_on, ends_on=ends_on, hours_per_week=hours_per_week,
                funded_by=funded_by, created_by=actor if actor is not None and actor.is_authenticated else None,
            )
            _event(EventKind.ARRANGEMENT_STARTED, arrangement, actor, {
                "provider": locked.pk, "kind": kind, "setting": setting, "count": verdict.count,
                "limit": verdict.limit, "covering_for": covering_for.pk if covering_for else None,
            })
            return arrangement
    except Refused as refused:
        if refused.by_limit:
            note_refusal(refused, provider=provider, person=person, starts_on=starts_on, actor=actor)
        raise


def _longer(old_start, old_end, new_start, new_end) -> bool:
    if new_start < old_start:
        return True
    if new_end is None:
        return old_end is not None
    return old_end is not None and new_end > old_end


def change_arrangement(arrangement, *, expected_version, ends_on, hours_per_week, setting, actor) -> Arrangement:
    """Change the end date, hours or setting. A change that lengthens the arrangement, or brings it
    into the person's home, is checked against the four-person rule again (and may be refused).
    Raises StaleRecordError when somebody else changed it first."""
    try:
        with transaction.atomic():
            locked_provider = Provider.objects.select_for_update().select_related("organisation").get(
                pk=arrangement.provider_id)
            claim_version(arrangement, expected_version)
            current = Arrangement.objects.select_related("person", "provider__organisation").get(pk=arrangement.pk)
            if ends_on is not None and ends_on < current.starts_on:
                raise Refused([_("The end date must be the same as or after the start date.")])
            longer = _longer(current.starts_on, current.ends_on, current.starts_on, ends_on)
            into_home = setting == Setting.IN_HOME and current.setting != Setting.IN_HOME
            if longer or into_home:
                problems = _overlap_problem(locked_provider, current.person, current.starts_on, ends_on,
                                            exclude=current)
                if problems:
                    raise Refused(problems)
                verdict = preview(provider=locked_provider, person=current.person, starts_on=current.starts_on,
                                  ends_on=ends_on, setting=setting, exclude=current)
                if verdict.verdict == fourperson.REFUSED:
                    raise _limit_refusal(locked_provider, verdict, current.starts_on)
            changed = sorted(
                name for name, old, new in (
                    ("ends_on", current.ends_on, ends_on),
                    ("hours_per_week", current.hours_per_week, hours_per_week),
                    ("setting", current.setting, setting),
                ) if old != new
            )
            Arrangement.objects.filter(pk=current.pk).update(
                ends_on=ends_on, hours_per_week=hours_per_week, setting=setting)
            current.ends_on, current.hours_per_week, current.setting = ends_on, hours_per_week, setting
            current.version = arrangement.version
            _event(EventKind.ARRANGEMENT_CHANGED, current, actor, {"fields": changed, "provider": locked_provider.pk})
            return current
    except Refused as refused:
        if refused.by_limit:
            note_refusal(refused, provider=arrangement.provider, person=arrangement.person,
                          starts_on=arrangement.starts_on, actor=actor, arrangement=arrangement)
        arrangement.version = expected_version
        raise


def end_arrangement(arrangement, *, expected_version, ends_on, reason, actor) -> Arrangement:
    """End the arrangement on ``ends_on`` (the last day of care). Ending frees a place from the day after.
    Raises StaleRecordError when somebody else changed it first."""
    try:
        return _end(arrangement, expected_version=expected_version, ends_on=ends_on, reason=reason, actor=actor)
    except Refused:
        arrangement.version = expected_version
        raise


@transaction.atomic
def _end(arrangement, *, expected_version, ends_on, reason, actor) -> Arrangement:
    claim_version(arrangement, expected_version)
    current = Arrangement.objects.select_related("person", "provider__organisation").get(pk=arrangement.pk)
    if ends_on < current.starts_on:
        raise Refused([_("The end date must be the same as or after the start date.")])
    if current.ends_on is not None and ends_on > current.ends_on:
        raise Refused([_("It already ends on %(date)s. To make it longer, change the arrangement.")
                       % {"date": _day(current.ends_on)}])
    Arrangement.objects.filter(pk=current.pk).update(ends_on=ends_on, ended_reason=reason)
    current.ends_on, current.ended_reason, current.version = ends_on, reason, arrangement.version
    _event(EventKind.ARRANGEMENT_ENDED, current, actor, {"provider": current.provider_id})
    return current


def people_now(provider, on=None) -> int:
    """Distinct people ``provider`` cares for at home on ``on`` (the number the rule counts)."""
    return providers_services.people_now([provider.pk], on).get(provider.pk, 0)


# ---------------------------------------------------------------- data-protection rights (privacy)


def for_subject_access(person):
    """The care arrangements of ``person`` (as the person receiving care), oldest first."""
    return list(
        Arrangement.objects.filter(person=person)
        .select_related("provider__organisation", "covering_for__organisation", "created_by__organisation")
        .order_by("starts_on", "pk")
    )


def erase_of(person) -> dict:
    """An erasure (privacy): why an arrangement ended goes; who, when, hours and setting stay, so the
    four-person rule and the provider mix still count right."""
    return {"care_arrangements": Arrangement.objects.filter(person=person).exclude(ended_reason="").update(ended_reason="")}
