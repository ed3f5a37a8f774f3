"""The breaks create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

import datetime

from django.utils import timezone

from carershub.partnership.models import Organisation
from tests import formdata

CREATE_FORMS: list[str] = ["break_allowance", "break_booking", "break_adjustment"]


def _plan(carer, user, region):
    from tests.builders import agreed_plan, completed_assessment

    return agreed_plan(completed_assessment(carer, actor=user, organisation=region["orgs"]["council"]), actor=user)


def _allowance(carer, user, region):
    from carershub.support.breaks import services

    start, end = services.default_period()
    return services.grant_allowance(carer, unit="minutes", amount=2400, starts_on=start, ends_on=end, reason="Plan",
                                    plan=_plan(carer, user, region), actor=user)


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.accounts.models import Role
    from carershub.support.breaks.models import Allowance, Booking, LedgerEntry
    from tests.core.test_idempotency import CreateForm

    def break_allowance():
        _plan(carer, practitioner.user, region)
        typed = {"amount": "40", "reason": "Agreed at the plan meeting"}
        return CreateForm(practitioner, f"/breaks/carer/{carer.pk}/grant/", typed, Allowance.objects.count)

    def break_booking():
        allowance = _allowance(carer, practitioner.user, region)
        provider = Organisation.objects.create(
            name="Idempotent Sitters", kind=Organisation.Kind.CARE_PROVIDER, sector=Organisation.Sector.PRIVATE
        )
        day = max(timezone.localdate() - datetime.timedelta(days=2), allowance.starts_on)
        typed = {
            "kind": "sitting", "provider": str(provider.pk),
            **formdata.date_parts("start_date", day), "start_time": "10:00",
            **formdata.date_parts("end_date", day), "end_time": "13:30",
        }
        return CreateForm(practitioner, f"/breaks/allowance/{allowance.pk}/book/", typed, Booking.objects.count)

    def break_adjustment():
        manager = new_client(make_user(Role.TEAM_MANAGER, organisation="council"))
        allowance = _allowance(carer, manager.user, region)
        typed = {"direction": "add", "amount": "2.5", "reason": "Extra after a hospital stay"}
        return CreateForm(manager, f"/breaks/allowance/{allowance.pk}/adjust/", typed, LedgerEntry.objects.count)

    return {"break_allowance": break_allowance, "break_booking": break_booking, "break_adjustment": break_adjustment}
