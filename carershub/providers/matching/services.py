"""Requests for care at home, the providers ranked for them, introductions and their outcomes.

Each operation is one transaction and writes one event. The service only introduces: it has no
ongoing role in the direction or control of the care (the CIW exemption quoted in the ADSS Cymru
report, paragraph 9.6), so nothing here records how the care is given once it is agreed.
"""

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import claim_version
from carershub.core.ukdata import ValidationProblem, postcode_outward
from carershub.people import services as people_services
from carershub.providers import fourperson, vocabulary
from carershub.providers.arrangements import services as arrangement_services
from carershub.providers.matching import ranking
from carershub.providers.matching.models import CareRequest, Introduction, IntroductionOutcome, RequestStatus
from carershub.providers.models import Provider, Status
from carershub.providers.services import new_people_problems, people_now


class Refused(Exception):
    """The operation was refused: ``code`` says why (forms.REFUSALS words it), nothing was saved."""

    def __init__(self, code, *, problems=(), pathway="", cause=None):
        super().__init__(code)
        self.code = code
        self.problems = list(problems)
        self.pathway = pathway
        self.cause = cause  # the arrangements app's refusal, when it refused the care agreed


def postcode_district(postcode: str) -> str:
    try:
        return postcode_outward(postcode) if postcode else ""
    except ValidationProblem:
        return ""


# ---------------------------------------------------------------- requests


@transaction.atomic
def open_request(person, *, actor, services, times, hours_per_week, welsh_needed, other_language, preferences,
                 direct_payment) -> CareRequest:
    if person.area_id is None:
        raise Refused("no_area")
    request = CareRequest.objects.create(
        person=person, area_id=person.area_id, postcode_district=postcode_district(person.postcode),
        services=[s for s, _label in vocabulary.SERVICES if s in set(services)],
        times=vocabulary.valid_slots(times), hours_per_week=hours_per_week, welsh_needed=welsh_needed,
        other_language=other_language, preferences=preferences, direct_payment=direct_payment, created_by=actor,
    )
    record_event(EventKind.CARE_REQUEST_OPENED, actor=actor, person=person, obj=request,
                 data={"direct_payment": direct_payment})
    return request


def request_or_404(user, pk) -> CareRequest:
    """The request, if ``user`` may open its person (a 404 otherwise, as for the person)."""
    from django.shortcuts import get_object_or_404

    found = get_object_or_404(CareRequest.objects.select_related("area"), pk=pk)
    found.person = people_services.visible_person_or_404(user, found.person_id)
    return found


def open_requests_for(user):
    """The open requests of people ``user`` may open, oldest first."""
    rows = CareRequest.objects.filter(status=RequestStatus.OPEN)
    scope = people_services.about_related(user, "person_id", opened=True)
    if scope is not None:
        rows = rows.filter(scope)
    return rows.order_by("created_at", "pk")


@transaction.atomic
def close_request(request: CareRequest, *, reason, expected_version, actor) -> CareRequest:
    claim_version(request, expected_version, status=RequestStatus.OPEN)
    CareRequest.objects.filter(pk=request.pk).update(status=RequestStatus.CLOSED, closed_reason=reason)
    request.status, request.closed_reason = RequestStatus.CLOSED, reason
    record_event(EventKind.CARE_REQUEST_CLOSED, actor=actor, person=request.person, obj=request)
    return request


# ---------------------------------------------------------------- ranking


def need_of(request: CareRequest) -> ranking.Need:
    return ranking.Need(
        area=request.area.code, postcode_district=request.postcode_district, services=tuple(request.services),
        slots=tuple(request.times), hours=request.hours_per_week, welsh=request.welsh_needed,
        other_language=request.other_language,
    )


def rank_for(request: CareRequest, on=None) -> tuple[ranking.Result, dict[int, Provider]]:
    """The providers ranked for ``request`` now, and the providers by id.

    Considered: every provider serving the request's area (whatever its status: the page says why
    one cannot take people), and active providers elsewhere (shown as not serving the area).
    """
    on = on or timezone.localdate()
    providers = list(
        Provider.objects.filter(Q(areas=request.area_id) | Q(status=Status.ACTIVE)).distinct()
        .select_related("organisation").prefetch_related("areas", "workers")
    )
    counts = people_now(providers, on)
    candidates = [
        ranking.Candidate(
            provider_id=p.pk, name=p.name, areas=frozenset(a.code for a in p.areas.all()),
            postcode_districts=ranking.districts(p.postcode_districts), services=frozenset(p.services),
            slots=frozenset(p.availability), welsh=p.welsh_spoken, other_languages=p.other_languages,
            people_now=counts.get(p.pk, 0), limit=fourperson.LIMIT if p.limit_applies(on) else None,
            hours_offered=p.hours_per_week, problems=tuple(new_people_problems(p, on)),
        )
        for p in providers
    ]
    return ranking.rank(need_of(request), candidates), {p.pk: p for p in providers}


# ---------------------------------------------------------------- introductions


@transaction.atomic
def introduce(request: CareRequest, provider: Provider, *, actor) -> Introduction:
    """Introduce the person to a provider the ranking finds suitable now, keeping why it was put forward."""
    locked = CareRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != RequestStatus.OPEN:
        raise Refused("not_open")
    result, _providers = rank_for(request)
    place = result.place_of(provider.pk)
    if place is None:
        raise Refused("not_suitable")
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                request=request, provider=provider, rank=result.suitable.index(place) + 1,
                reasons=[[code, params] for code, params in place.reasons], introduced_on=timezone.localdate(),
                created_by=actor,
            )
    except IntegrityError:
        raise Refused("already_introduced") from None
    record_event(EventKind.INTRODUCTION_MADE, actor=actor, person=request.person, obj=introduction,
                 data={"provider": provider.pk, "rank": introduction.rank, "score": place.score})
    return introduction


def _start_arrangement(**kwargs):
    # The arrangements app counts the provider's people under its lock and refuses a fifth with the
    # registration pathway: the rule is enforced in one place.
    try:
        return arrangement_services.start_arrangement(**kwargs)
    except arrangement_services.NeedsConfirmation as warned:
        raise Refused("needs_confirmation", problems=warned.problems) from None
    except arrangement_services.Refused as refused:
        raise Refused("arrangement_refused", problems=refused.problems, pathway=refused.pathway,
                      cause=refused) from None


def record_outcome(introduction: Introduction, **outcome) -> Introduction:
    """Record what came of an introduction; "agreed" starts the care arrangement in the same transaction.

    Refused (nothing saved) when the arrangement is refused. A refusal by the four-person rule is
    still written as its event once the transaction has rolled back, as the arrangements page does.
    """
    try:
        with transaction.atomic():
            return _record_outcome(introduction, **outcome)
    except Refused as refused:
        if refused.cause is not None and refused.cause.by_limit:
            arrangement_services.note_refusal(
                refused.cause, provider=introduction.provider, person=introduction.request.person,
                starts_on=outcome.get("starts_on") or timezone.localdate(), actor=outcome.get("actor"),
            )
        raise


def _record_outcome(introduction: Introduction, *, outcome, expected_version, actor, notes="", starts_on=None,
                    hours_per_week=None, setting=None, confirmed_limit=False) -> Introduction:
    if outcome not in IntroductionOutcome.values or outcome == IntroductionOutcome.PENDING:
        raise Refused("bad_outcome")
    request = introduction.request
    claim_version(introduction, expected_version, outcome=IntroductionOutcome.PENDING)
    arrangement = None
    if outcome == IntroductionOutcome.AGREED:
        locked = CareRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != RequestStatus.OPEN:
            raise Refused("not_open")
        arrangement = _start_arrangement(
            provider=introduction.provider, person=request.person, kind="regular", covering_for=None,
            setting=setting, starts_on=starts_on, ends_on=None, hours_per_week=hours_per_week,
            funded_by="direct_payment" if request.direct_payment else "council", actor=actor,
            confirmed_limit=confirmed_limit,
        )
        CareRequest.objects.filter(pk=request.pk).update(status=RequestStatus.MATCHED, version=F("version") + 1)
        request.status, request.version = RequestStatus.MATCHED, locked.version + 1
    today = timezone.localdate()
    Introduction.objects.filter(pk=introduction.pk).update(
        outcome=outcome, outcome_on=today, notes=notes, arrangement=arrangement
    )
    introduction.outcome, introduction.outcome_on, introduction.notes = outcome, today, notes
    introduction.arrangement = arrangement
    record_event(EventKind.INTRODUCTION_OUTCOME, actor=actor, person=request.person, obj=introduction,
                 data={"outcome": outcome, "arrangement": arrangement.pk if arrangement else None})
    return introduction


# ---------------------------------------------------------------- words


def _labels(codes, pairs) -> str:
    names = dict(pairs)
    return ", ".join(_(names[c]) if c in names else c for c in codes)


def hours_text(hours) -> str:
    """6.00 as "6", 7.50 as "7.5"; "" for none."""
    return "" if hours is None else f"{hours.normalize():f}"


def slot_label(code: str) -> str:
    day, _sep, period = code.partition(":")
    return _("%(day)s %(period)s") % {
        "day": _(dict(vocabulary.DAYS).get(day, day)), "period": _(dict(vocabulary.PERIODS).get(period, period)).lower()
    }


def reason_sentence(code: str, params: dict) -> str:
    """One reason of the ranking (ranking.py codes) as a sentence for the page."""
    p = params
    if code == ranking.SERVES_AREA:
        return _("Works in the person's council area.")
    if code == ranking.COVERS_DISTRICT:
        return _("Works in their council area and covers their postcode district, %(district)s.") % p
    if code == ranking.WHOLE_AREA:
        return _("Works across the person's whole council area.")
    if code == ranking.OUTSIDE_DISTRICTS:
        return _("Works in their council area but does not list their postcode district, %(district)s.") % p
    if code == ranking.ALL_SERVICES:
        return _("Offers all the help asked for.")
    if code == ranking.SOME_SERVICES:
        return _("Offers %(have)s of the %(asked)s kinds of help asked for; not: %(missing)s.") % {
            **p, "missing": _labels(p["missing"], vocabulary.SERVICES)}
    if code == ranking.ALL_TIMES:
        return _("Available at every time asked.")
    if code == ranking.SOME_TIMES:
        return _("Available at %(have)s of the %(asked)s times asked; not: %(missing)s.") % {
            **p, "missing": ", ".join(slot_label(s) for s in p["missing"])}
    if code == ranking.HOURS_ENOUGH:
        return _("Can offer the hours asked (up to %(offered)s a week).") % p
    if code == ranking.HOURS_SHORT:
        return _("Offers up to %(offered)s hours a week, fewer than asked.") % p
    if code == ranking.SPEAKS_WELSH:
        return _("Speaks Welsh, as the person wants.")
    if code == ranking.NO_WELSH:
        return _("Does not speak Welsh, which the person wants: ranked lower, not left out, so the person can "
                 "still choose care in English.")
    if code == ranking.SPEAKS_LANGUAGE:
        return _("Speaks %(language)s.") % p
    if code == ranking.LANGUAGE_NOT_LISTED:
        return _("Does not list %(language)s among its languages.") % p
    if code == ranking.ROOM:
        return ngettext("Has room for %(room)s more person under the limit of %(limit)s.",
                        "Has room for %(room)s more people under the limit of %(limit)s.", p["room"]) % p
    if code == ranking.LAST_PLACE:
        return _("Cares for %(people)s people: one more would bring it to the limit of %(limit)s for an "
                 "unregistered provider.") % p
    if code == ranking.NO_LIMIT:
        return _("Registered with Care Inspectorate Wales or not a micro-provider: no limit on the number of people.")
    if code == ranking.NOT_IN_AREA:
        return _("Does not work in the person's council area.")
    if code == ranking.CANNOT_TAKE:
        return _("Cannot take new people: %(problems)s") % {"problems": " ".join(p["problems"])}
    if code == ranking.AT_LIMIT:
        return _("Already cares for %(people)s people, the most an unregistered provider may care for at one time; "
                 "it would have to register with Care Inspectorate Wales to take more.") % p
    return code


def sentences(reasons) -> list[str]:
    return [reason_sentence(code, params) for code, params in reasons]


# ---------------------------------------------------------------- home page


def home_items(user):
    from django.urls import reverse

    from carershub.core.workqueues import WorkQueue
    from carershub.providers.matching.rules import VIEW_CARE_REQUESTS

    if not user.has_perm(VIEW_CARE_REQUESTS):
        return []
    return [WorkQueue(reverse("matching:queue"), _("People waiting for care at home to be found"),
                      open_requests_for(user).count(), order=48)]


# ---------------------------------------------------------------- data-protection rights (privacy)


def for_subject_access(person):
    """The requests for care at home for ``person``, oldest first, with their introductions."""
    return list(
        CareRequest.objects.filter(person=person)
        .select_related("area", "created_by__organisation")
        .prefetch_related("introductions__provider__organisation")
        .order_by("created_at", "pk")
    )


def erase_of(person) -> dict:
    """An erasure (privacy): what was written (what matters to them, why a request closed, notes on
    introductions) goes; what was asked for, who was introduced and the outcomes stay."""
    requests = CareRequest.objects.filter(person=person)
    return {
        "care_requests": requests.update(preferences="", closed_reason="", other_language=""),
        "introductions": Introduction.objects.filter(request__person=person).update(notes=""),
    }
