"""The payments pages in the route matrix (tests/accounts/test_route_matrix.py).

Service workers who may open the carer's record see their direct payments; the paying council's
practitioners and managers set them up, record payments, returns and recoveries, end them, and see
the council's position and its CSV of payments due.
"""

from tests.routes import COUNCIL, SERVICE

ROUTES: dict = {
    "payments:council": ("get", COUNCIL),
    "payments:export": ("get", COUNCIL),
    "payments:for_carer": ("get", SERVICE),
    "payments:create": ("get", COUNCIL),
    "payments:detail": ("get", SERVICE),
    "payments:pay": ("get", COUNCIL),
    "payments:add_return": ("get", COUNCIL),
    "payments:recover": ("get", COUNCIL),
    "payments:end": ("get", COUNCIL),
}


def records(side: dict, *, worker, council) -> dict:
    """A recurring direct payment from the carer's plan, one payment made and a return leaving money to recover."""
    from tests.payments.conftest import plan_with_direct_payment, set_up_recurring
    from carershub.support.payments import services

    carer = side["person"]
    plan = plan_with_direct_payment(carer, actor=worker, council=council)
    agreement = set_up_recurring(carer, plan, actor=worker, council=council)
    due = agreement.dues.first()
    services.record_payment(agreement, due_pk=due.pk, paid_on=due.due_on, amount_pence=due.amount_pence, actor=worker)
    services.record_return(
        agreement, period_start=due.due_on, period_end=due.due_on, spent_pence=due.amount_pence - 1000,
        receipts_seen=True, received_on=due.due_on, actor=worker,
    )
    return {"direct_payment": agreement}


def kwargs(name: str, records: dict) -> dict:
    """URL values for this app's routes, from the records above."""
    if name.startswith("payments:") and name not in {"payments:for_carer", "payments:create"}:
        return {"pk": records["direct_payment"].pk}
    return {}
