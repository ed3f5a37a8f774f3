"""The identification pages in the route matrix (tests/accounts/test_route_matrix.py).

Service workers record and see settings where their organisation works (the carers centre,
region-wide, sees every one); commissioners see only the coverage list, with counts. Partners,
responders and the administrator have no page here. A setting of another council's area is not
shown to the Afon council (404), nor training given only to it by that council.
"""

import datetime

from django.utils import timezone

from carershub.identification import services
from carershub.partnership.models import Organisation
from tests.routes import CO, SERVICE

ROUTES: dict = {
    "identification:settings": ("get", SERVICE | {CO}),
    "identification:new_setting": ("get", SERVICE),
    "identification:setting": ("get", SERVICE),
    "identification:edit_setting": ("get", SERVICE),
    "identification:new_engagement": ("get", SERVICE),
    "identification:new_champion": ("get", SERVICE),
    "identification:edit_champion": ("get", SERVICE),
    "identification:trainings": ("get", SERVICE),
    "identification:new_training": ("get", SERVICE),
    "identification:training": ("get", SERVICE),
}


def records(side: dict, *, worker, council) -> dict:
    """A school in the council's area with a champion and training (the carer is side["person"])."""
    school = services.create_setting(
        actor=worker, name=f"Matrix school {council.pk}", kind=Organisation.Kind.SCHOOL, area=council.area
    )
    champion = services.add_champion(
        school, actor=worker, name="Matrix Champion", role="Head of year", since=datetime.date(2025, 9, 1)
    )
    training = services.record_training(
        actor=worker, date=timezone.localdate() - datetime.timedelta(days=3), title="Matrix training",
        for_settings=[school], delivered_by=council, attending=12,
    )
    return {"id_setting": school, "id_champion": champion, "id_training": training}


def kwargs(name: str, records: dict) -> dict:
    if name in {"identification:setting", "identification:edit_setting", "identification:new_engagement",
                "identification:new_champion"}:
        return {"pk": records["id_setting"].pk}
    if name == "identification:edit_champion":
        return {"pk": records["id_champion"].pk}
    if name == "identification:training":
        return {"pk": records["id_training"].pk}
    return {}
