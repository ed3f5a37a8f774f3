"""Demo direct payments for the synthetic region (called at the end of demo/region.py's load()).

Made through the services, as a worker would: a plan changed to choose a direct payment, then a
recurring payment with payments made, a monitoring return that left money unspent and part of it
recovered; a four-weekly one with a payment overdue; a small one-off grant without a plan; and a
carer whose plan chose a direct payment that nobody has set up yet (for trying it in the demo).
"""

import datetime
from decimal import Decimal

from carershub.core.ukdata import years_after
from carershub.support import services as plan_services
from carershub.support.models import SupportOption, SupportPlan
from carershub.support.payments import services
from carershub.support.payments.schedule import add_months


def _with_direct_payment(plan, actor, budget):
    """The next version of the plan, agreed, choosing a direct payment with ``budget`` a year."""
    draft = plan_services.start_change(plan, actor=actor)
    options = list(dict.fromkeys([*draft.support_options, SupportOption.DIRECT_PAYMENT]))
    plan_services.update_draft(
        draft,
        expected_version=draft.version,
        data={"outcomes": draft.outcomes, "support_options": options, "personal_budget": budget, "review_date": draft.review_date},
        actions=[{"description": "Use the direct payment for a weekly swim and a gym membership", "who": "carer"}],
        actor=actor,
    )
    draft.refresh_from_db()
    return plan_services.agree(draft, expected_version=draft.version, actor=actor)


def _plans(council_name, today):
    return list(
        SupportPlan.objects.filter(
            status=SupportPlan.Status.AGREED,
            personal_budget__isnull=False,
            assessment__eligible=True,
            assessment__assessing_organisation__name=council_name,
            review_date__gt=today,
        )
        .exclude(carer__support_plans__status=SupportPlan.Status.DRAFT)
        .select_related("carer", "assessment__assessing_organisation")
        .order_by("pk")
    )


def _pay(agreement, actor, *, until):
    for n, due in enumerate(agreement.dues.filter(due_on__lte=until)):
        services.record_payment(
            agreement, due_pk=due.pk, paid_on=due.due_on, amount_pence=due.amount_pence, reference=f"BACS {agreement.pk}-{n + 1}", actor=actor
        )


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}. The demo carers are already made."""
    practitioner, manager = staff["practitioner"], staff["manager"]
    marchester = _plans("Marchester City Council", today)
    afon = _plans("Afon Valley County Borough Council", today)
    if len(marchester) < 2 or len(afon) < 2:
        return

    # 1. Marchester: £50 a month since six months ago; five paid, a return for the first quarter.
    plan = _with_direct_payment(marchester[0], practitioner, Decimal("900"))
    start = (today.replace(day=1) - datetime.timedelta(days=160)).replace(day=1)
    monthly = services.set_up(
        plan.carer, plan=plan, kind="recurring", schedule_code="monthly", amount_pence=5_000,
        purpose="A weekly swim and a gym membership, for time to herself", starts_on=start,
        ends_on=years_after(start, 1) - datetime.timedelta(days=1), council=plan.assessment.assessing_organisation,
        payee_name=plan.carer.full_name, payee_reference="SUP-10234", actor=practitioner,
    )
    _pay(monthly, practitioner, until=today - datetime.timedelta(days=20))
    first_quarter_end = add_months(start, 3) - datetime.timedelta(days=1)
    services.record_return(
        monthly, period_start=start, period_end=first_quarter_end, spent_pence=12_000, receipts_seen=True,
        receipts_note="Gym and pool receipts for each month", received_on=first_quarter_end + datetime.timedelta(days=10),
        actor=practitioner,
    )
    services.record_recovery(
        monthly, amount_pence=1_500, on=first_quarter_end + datetime.timedelta(days=30), reference="Repaid by card", actor=practitioner
    )

    # 2. Marchester: a plan that chose a direct payment nobody has set up yet, for a carer with no break
    # allowance either (the README's walk through support delivered starts from nothing).
    untouched = [p for p in marchester[1:] if not p.carer.break_allowances.exists()] or marchester[1:]
    _with_direct_payment(untouched[0], practitioner, Decimal("600"))

    # 3. Afon: £30 every four weeks from a plan, the last payment due not yet made.
    plan = _with_direct_payment(afon[0], manager, Decimal("600"))
    start = today - datetime.timedelta(days=28 * 3)
    four_weekly = services.set_up(
        plan.carer, plan=plan, kind="recurring", schedule_code="four_weekly", amount_pence=3_000,
        purpose="Yoga sessions once a week", starts_on=start, ends_on=years_after(start, 1),
        council=plan.assessment.assessing_organisation, payee_name=plan.carer.full_name, actor=manager,
    )
    _pay(four_weekly, manager, until=today - datetime.timedelta(days=29))

    # 4. Afon: a small one-off grant without a plan, paid.
    carer = afon[1].carer
    grant = services.set_up(
        carer, plan=None, kind="one_off", schedule_code="", amount_pence=25_000,
        purpose="A replacement washing machine", starts_on=today - datetime.timedelta(days=14),
        ends_on=today - datetime.timedelta(days=14), council=afon[1].assessment.assessing_organisation,
        payee_name=carer.full_name, decision_reason="Washing machine broke; he does the laundry for his father every day.",
        actor=manager,
    )
    _pay(grant, manager, until=today)

