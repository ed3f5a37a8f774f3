"""Demo breaks for the synthetic region (called at the end of demo/region.py's load()).

A few carers with agreed plans that name short breaks get 40-hour allowances for this financial
year, with bookings in every state; one carer without a plan gets a preventative money allowance
(Coventry's way). Everything goes through the breaks services, so each ledger adds up and every
step leaves its event. Later carers with agreed plans are left without an allowance, for a worker
to grant one (issue 10's "done means").
"""

import datetime

from django.utils import timezone

from carershub.partnership.models import Organisation
from carershub.people.models import CaringRelationship, Person
from carershub.support.breaks import services
from carershub.support.models import SupportOption, SupportPlan

PROVIDERS = ("Cwm Care Co-operative", "Riverside Dementia Support", "Marchester Befriending Social Enterprise")


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _worker(plan, staff):
    """Whoever may act for the plan's council in the demo: the Welsh council's manager, else Priya."""
    council = plan.assessment.assessing_organisation
    return staff["manager"] if council.name.startswith("Afon") else staff["practitioner"]


def _book(allowance, provider, worker, day, start, hours, kind, caring=None, cost=0):
    return services.request_booking(
        allowance, provider=provider, kind=kind, starts_at=_at(day, start), ends_at=_at(day, start + hours),
        caring=caring, cost_pence=cost, notes="Synthetic demo booking.", actor=worker,
    )


def _in_period(allowance, day):
    return min(max(day, allowance.starts_on), allowance.ends_on)


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}. The demo carers are already made."""
    providers = [orgs[name] for name in PROVIDERS if name in orgs] or list(services.providers()[:1])
    if not providers:
        return
    start, end = services.default_period(today)
    plans = [
        p for p in SupportPlan.objects.filter(status=SupportPlan.Status.AGREED)
        .select_related("carer", "assessment__assessing_organisation").order_by("pk")
        if SupportOption.SHORT_BREAKS in (p.support_options or [])
    ]
    day = datetime.timedelta(days=1)
    for n, plan in enumerate(plans[:3]):
        worker = _worker(plan, staff)
        allowance = services.grant_allowance(
            plan.carer, unit="minutes", amount=40 * 60, starts_on=start, ends_on=end, plan=plan, actor=worker,
            reason="Agreed at the support plan meeting: a regular break each week.",
        )
        caring = CaringRelationship.objects.filter(carer=plan.carer, ended_on__isnull=True).first()
        provider = providers[n % len(providers)]
        # Delivered, weeks ago.
        delivered = _book(allowance, provider, worker, _in_period(allowance, today - 21 * day), 10, 4, "regular", caring)
        services.confirm(delivered, expected_version=delivered.version, actor=worker)
        delivered.refresh_from_db()
        services.record_delivery(delivered, expected_version=delivered.version, actual_minutes=4 * 60, actual_pence=0,
                                 actor=worker)
        # Confirmed and past: its delivery is waiting to be recorded.
        waiting = _book(allowance, provider, worker, _in_period(allowance, today - 3 * day), 9, 3, "sitting", caring)
        services.confirm(waiting, expected_version=waiting.version, actor=worker)
        # Not attended.
        missed = _book(allowance, provider, worker, _in_period(allowance, today - 10 * day), 13, 2, "day_opportunity", caring)
        services.confirm(missed, expected_version=missed.version, actor=worker)
        missed.refresh_from_db()
        services.record_no_show(missed, expected_version=missed.version, reason="The transport did not arrive.", actor=worker)
        # Confirmed, ahead.
        ahead = _book(allowance, provider, worker, _in_period(allowance, today + 7 * day), 10, 5, "one_off", caring)
        services.confirm(ahead, expected_version=ahead.version, actor=worker)
        # Requested, waiting for the provider.
        _book(allowance, provider, worker, _in_period(allowance, today + 14 * day), 9, 6, "replacement_home", caring)
        # Cancelled.
        cancelled = _book(allowance, provider, worker, _in_period(allowance, today + 21 * day), 10, 3, "sitting", caring)
        services.cancel(cancelled, expected_version=cancelled.version, reason="The carer's own hospital appointment.",
                        actor=worker)
    # A preventative money allowance, without a full assessment.
    with_plans = SupportPlan.objects.values("carer_id")
    carer = (
        Person.objects.filter(carer__isnull=False, area__name__startswith="Afon").exclude(pk__in=with_plans)
        .order_by("pk").first()
    )
    if carer is not None:
        worker = staff["manager"]
        allowance = services.grant_allowance(
            carer, unit="pence", amount=25000, starts_on=start, ends_on=end, preventative=True, actor=worker,
            reason="Preventative break agreed by Gareth Lloyd: carer at risk of breakdown, assessment booked.",
        )
        provider = next((p for p in providers if p.kind == Organisation.Kind.CARE_PROVIDER), providers[0])
        booking = _book(allowance, provider, worker, _in_period(allowance, today - 5 * day), 10, 6, "preventative",
                        cost=9000)
        services.confirm(booking, expected_version=booking.version, actor=worker)
        booking.refresh_from_db()
        services.record_delivery(booking, expected_version=booking.version, actual_minutes=6 * 60, actual_pence=8550,
                                 actor=worker)
