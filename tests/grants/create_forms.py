"""The grants create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

import datetime

from django.utils import timezone

CREATE_FORMS: list[str] = [
    "grant_round",
    "grant_application",
    "grant_scoresheet",
    "grant_interest",
    "grant_payment",
    "grant_return",
]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.accounts.models import Role
    from carershub.grants import services
    from carershub.grants.models import Application, Interest, MonitoringReturn, Payment, Round, Scoresheet
    from carershub.grants.services import CriterionSpec
    from tests import formdata
    from tests.core.test_idempotency import CreateForm

    manager = make_user(Role.TEAM_MANAGER, organisation="council")
    manager_client = new_client(manager)
    today = timezone.localdate()

    def a_round(status_steps=3):
        found = services.create_round(
            actor=manager, name="Idempotent grants", budget_pence=100000, max_award_pence=50000,
            opens_on=today - datetime.timedelta(days=5), closes_on=today, decision_on=today + datetime.timedelta(days=5),
            panel=[front_door.user], criteria=[CriterionSpec("Co-production", 2)],
        )
        for _n in range(status_steps):
            services.move_on(found, expected_version=found.version, actor=manager)
        return found

    def an_application(found, awarded=False):
        application = services.record_application(
            found, actor=manager, new_group_name=f"Idempotent group {Application.objects.count()}",
            section16_type="user_led", contact_name="Contact", purpose="Drop-in", requested_pence=20000,
            coproduction="Carers", carers_expected=4, received_on=today,
        )
        if awarded:
            services.award(application, amount_pence=20000, expected_version=application.version, actor=manager)
        return application

    def grant_round():
        typed = {"name": "Round once", "budget": "1000", "max_award": "500", **formdata.date_parts("opens_on", today),
                 **formdata.date_parts("closes_on", today), **formdata.date_parts("decision_on", today),
                 "score_max": "5", "return_months": "6", "panel": [str(front_door.user.pk)],
                 "criterion_1": "Reach", "weight_1": "1"}
        return CreateForm(manager_client, "/grants/rounds/new/", typed, Round.objects.count)

    def grant_application():
        found = a_round(1)
        typed = {"new_group_name": "Once Group", "contact_name": "Contact", "section16_type": "user_led",
                 "purpose": "Drop-in", "amount": "100", "coproduction": "Carers", "carers_expected": "3",
                 **formdata.date_parts("received_on", today)}
        return CreateForm(manager_client, f"/grants/rounds/{found.pk}/applications/new/", typed, Application.objects.count)

    def grant_scoresheet():
        application = an_application(a_round())
        criterion = application.round.criteria.get()
        return CreateForm(front_door, f"/grants/applications/{application.pk}/score/", {f"score_{criterion.pk}": "4"},
                          Scoresheet.objects.count)

    def grant_interest():
        application = an_application(a_round())
        return CreateForm(front_door, f"/grants/applications/{application.pk}/interest/", {"note": "Trustee"},
                          Interest.objects.count)

    def grant_payment():
        application = an_application(a_round(), awarded=True)
        typed = {"amount": "50", **formdata.date_parts("paid_on", today)}
        return CreateForm(manager_client, f"/grants/applications/{application.pk}/payments/new/", typed, Payment.objects.count)

    def grant_return():
        application = an_application(a_round(), awarded=True)
        typed = {**formdata.date_parts("received_on", today), "achieved": "Much", "carers_reached": "4", "spent": "100"}
        return CreateForm(manager_client, f"/grants/applications/{application.pk}/returns/new/", typed,
                          MonitoringReturn.objects.count)

    return {f.__name__: f for f in (grant_round, grant_application, grant_scoresheet, grant_interest, grant_payment,
                                     grant_return)}
