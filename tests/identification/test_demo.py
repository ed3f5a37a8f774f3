"""The demo's settings: twelve GP practices an area, all but one engaged in the Afon Valley and two thirds in
Marchester, champions, training, and demo contacts naming the setting that identified the carer."""

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.contacts.models import Contact
from carershub.demo import identification as demo_identification
from carershub.identification import services
from carershub.identification.models import SETTING_KINDS, Champion, Training
from carershub.partnership.models import Area, Organisation

K, S = Organisation.Kind, Organisation.Sector


def test_the_demo_settings(region, make_user, make_carer, make_contact):
    afon = Area.objects.create(name="Afon Valley", code="W06999901", nation="wales")
    marchester = Area.objects.create(name="Marchester", code="E06999901", nation="england")
    council = Organisation.objects.create(name="Afon Valley County Borough Council", kind=K.COUNCIL, sector=S.STATUTORY, area=afon)
    city = Organisation.objects.create(name="Marchester City Council", kind=K.COUNCIL, sector=S.STATUTORY, area=marchester)
    surgery = Organisation.objects.create(name="Heol Fach Surgery", kind=K.GP_PRACTICE, sector=S.STATUTORY, area=afon)
    staff = {"frontdoor": make_user(Role.FRONT_DOOR), "manager": make_user(Role.TEAM_MANAGER, organisation=council),
             "practitioner": make_user(Role.PRACTITIONER, organisation=city)}
    for n in range(9):
        make_contact(make_carer(given=f"Demo{n}", gp_practice=surgery))
    today = timezone.localdate()

    demo_identification.make(today=today, staff=staff, orgs={o.name: o for o in (council, city, region["orgs"]["centre"])})

    answer = {(c.area.name, c.kind): (c.engaged, c.total)
              for c in services.coverage_of(services.with_status(Organisation.objects.filter(area__in=[afon, marchester], kind__in=SETTING_KINDS), today), today)}
    assert answer[("Afon Valley", K.GP_PRACTICE)] == (11, 12)
    assert answer[("Marchester", K.GP_PRACTICE)] == (8, 12)  # six visited, two more trained
    assert Champion.objects.exists() and Training.objects.count() == 3
    assert Event.objects.filter(kind=EventKind.TRAINING_DELIVERED).count() == 3
    assert Event.objects.filter(kind=EventKind.SETTING_ENGAGED, occurred_at__date__lt=today).count() >= 17
    assert Contact.objects.filter(source_organisation=surgery).count() == 3
    assert services.identified_all_time(surgery) == 3
