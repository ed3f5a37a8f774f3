"""The identification create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

import datetime

from django.utils import timezone

CREATE_FORMS: list[str] = [
    "id_setting",
    "id_engagement",
    "id_champion",
    "id_training",
]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    from carershub.identification.models import Champion, Engagement, Training
    from carershub.partnership.models import Organisation
    from tests import formdata
    from tests.core.test_idempotency import CreateForm

    gp = region["orgs"]["gp"]
    today = timezone.localdate()

    def id_setting():
        typed = {"name": "Idempotent Surgery", "kind": "gp_practice", "area": str(region["areas"]["afon"].pk),
                 "ods_code": "W99001"}
        return CreateForm(practitioner, "/settings-engaged/new/", typed, Organisation.objects.count)

    def id_engagement():
        typed = {**formdata.date_parts("date", today), "kind": "visit"}
        return CreateForm(practitioner, f"/settings-engaged/{gp.pk}/engagement/new/", typed, Engagement.objects.count)

    def id_champion():
        typed = {"name": "Nia Champion", "role": "Receptionist", **formdata.date_parts("since", today - datetime.timedelta(days=30)),
                 **formdata.date_parts("trained_on", None)}
        return CreateForm(practitioner, f"/settings-engaged/{gp.pk}/champions/new/", typed, Champion.objects.count)

    def id_training():
        typed = {**formdata.date_parts("date", today), "title": "Carer awareness", "attending": "9",
                 "delivered_by": str(region["orgs"]["council"].pk), "for_settings": [str(gp.pk)]}
        return CreateForm(practitioner, f"/settings-engaged/training/new/?setting={gp.pk}", typed, Training.objects.count)

    return {f.__name__: f for f in (id_setting, id_engagement, id_champion, id_training)}
