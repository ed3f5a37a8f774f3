"""The payments create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

import datetime

CREATE_FORMS: list[str] = ["direct_payment", "direct_payment_payment", "direct_payment_return", "direct_payment_recovery"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.support.payments import services
    from carershub.support.payments.models import Agreement, Entry, MonitoringReturn
    from tests import formdata
    from tests.core.test_idempotency import CreateForm
    from tests.payments.conftest import plan_with_direct_payment, set_up_recurring

    council = region["orgs"]["council"]

    def _agreement():
        plan = plan_with_direct_payment(carer, actor=practitioner.user, council=council)
        return set_up_recurring(carer, plan, actor=practitioner.user, council=council)

    def direct_payment():
        plan_with_direct_payment(carer, actor=practitioner.user, council=council)
        start = datetime.date(2026, 12, 1)
        typed = {
            "funding": "plan",
            "kind": "recurring",
            "schedule": "monthly",
            "amount": "50.00",
            "purpose": "A weekly swim",
            **formdata.date_parts("starts_on", start),
            **formdata.date_parts("ends_on", datetime.date(2027, 11, 30)),
        }
        return CreateForm(practitioner, f"/direct-payments/carer/{carer.pk}/new/", typed, Agreement.objects.count)

    def direct_payment_payment():
        agreement = _agreement()
        return CreateForm(practitioner, f"/direct-payments/{agreement.pk}/pay/", {}, Entry.objects.filter(kind="payment").count)

    def direct_payment_return():
        agreement = _agreement()
        due = agreement.dues.first()
        services.record_payment(agreement, due_pk=due.pk, paid_on=due.due_on, amount_pence=due.amount_pence, actor=practitioner.user)
        typed = {"spent": "60", "receipts_seen": "yes", **formdata.date_parts("period_end", due.due_on)}
        return CreateForm(practitioner, f"/direct-payments/{agreement.pk}/return/", typed, MonitoringReturn.objects.count)

    def direct_payment_recovery():
        agreement = _agreement()
        due = agreement.dues.first()
        services.record_payment(agreement, due_pk=due.pk, paid_on=due.due_on, amount_pence=due.amount_pence, actor=practitioner.user)
        services.record_return(agreement, period_start=due.due_on, period_end=due.due_on, spent_pence=0,
                               receipts_seen=False, received_on=due.due_on, actor=practitioner.user)
        return CreateForm(practitioner, f"/direct-payments/{agreement.pk}/recover/", {}, Entry.objects.filter(kind="recovered").count)

    return {f.__name__: f for f in (direct_payment, direct_payment_payment, direct_payment_return, direct_payment_recovery)}
