"""The groups create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

import datetime

from django.utils import timezone

CREATE_FORMS: list[str] = [
    "group_activity",
    "group_session",
    "group_booking",
    "group_booking_from_record",
    "group_waiting_list",
    "group_information_pack",
]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.support.groups import services
    from carershub.support.groups.models import Activity, Booking, InformationPack, Session, WaitingListEntry
    from tests import formdata
    from tests.core.test_idempotency import CreateForm

    council = region["orgs"]["council"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    def activity(**fields):
        values = {"kind": "peer_support", "name": "Idempotent group", "organisation": council, "language": "en",
                  "for_whom": "any", "places": 10, **fields}
        return services.create_activity(actor=practitioner.user, **values)

    def session(group):
        return services.add_session(group, date=tomorrow, starts_at=datetime.time(10), ends_at=datetime.time(12),
                                    venue="Hall", places=10, actor=practitioner.user)

    def group_activity():
        typed = {"kind": "training", "name": "Moving and handling", "organisation": str(council.pk), "language": "en",
                 "for_whom": "any", "places": "12", "is_active": "on"}
        return CreateForm(practitioner, "/groups/activities/new/", typed, Activity.objects.count)

    def group_session():
        group = activity()
        typed = {**formdata.date_parts("date", tomorrow), "starts_at": "10:00", "ends_at": "12:00", "venue": "Hall",
                 "places": "10"}
        return CreateForm(practitioner, f"/groups/activities/{group.pk}/sessions/new/", typed, Session.objects.count)

    def group_booking():
        s = session(activity())
        return CreateForm(practitioner, f"/groups/sessions/{s.pk}/book/?person={carer.pk}", {}, Booking.objects.count)

    def group_booking_from_record():
        s = session(activity())
        return CreateForm(practitioner, f"/groups/carer/{carer.pk}/book/", {"choice": f"s{s.pk}"}, Booking.objects.count)

    def group_waiting_list():
        group = activity(kind="counselling", ongoing=True, places=1)
        return CreateForm(practitioner, f"/groups/activities/{group.pk}/waiting/new/?person={carer.pk}", {},
                          WaitingListEntry.objects.count)

    def group_information_pack():
        typed = {**formdata.date_parts("issued_on", timezone.localdate()), "format": "printed", "language": "en"}
        return CreateForm(practitioner, f"/groups/carer/{carer.pk}/packs/new/", typed, InformationPack.objects.count)

    return {f.__name__: f for f in (group_activity, group_session, group_booking, group_booking_from_record,
                                     group_waiting_list, group_information_pack)}
