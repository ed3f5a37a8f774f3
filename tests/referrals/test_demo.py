"""The demo's referrals are made through the services, between demo organisations, never to a health
board; one is overdue; an agreement is due for review; a consented carer is left to refer."""

from datetime import timedelta

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.demo import referrals as demo_referrals
from carershub.partnership.models import Organisation
from carershub.people.models import Consent
from carershub.referrals import flow
from carershub.referrals.models import Referral, SharingAgreement


def test_the_demo_referrals(region, make_user, make_carer):
    K, S = Organisation.Kind, Organisation.Sector
    orgs = {
        "Afon Valley County Borough Council": region["orgs"]["council"],
        "Afon and Marches Carers Centre": region["orgs"]["centre"],
        "Valleys Young Carers Project": region["orgs"]["partner"],
        "Marchester City Council": Organisation.objects.create(name="Marchester", kind=K.COUNCIL, sector=S.STATUTORY,
                                                                area=region["areas"]["marches"]),
        "Marchester Befriending Social Enterprise": region["orgs"]["other_partner"],
        "Riverside Dementia Support": Organisation.objects.create(name="Riverside", kind=K.THIRD_SECTOR,
                                                                   sector=S.OTHER_THIRD_SECTOR, area=region["areas"]["marches"]),
    }
    staff = {"frontdoor": make_user(Role.FRONT_DOOR), "manager": make_user(Role.TEAM_MANAGER, Role.PRACTITIONER),
             "partner": make_user(Role.PARTNER_WORKER, organisation="partner")}
    today = timezone.localdate()
    for n in range(10):
        carer = make_carer(given=f"Young{n}")
        Consent.objects.create(person=carer, organisation=orgs["Valleys Young Carers Project"],
                               purpose="support_and_referral", given_on=today - timedelta(days=40), method="verbal")
    for n in range(3):
        make_carer(given=f"Marches{n}", area=region["areas"]["marches"])

    made = demo_referrals.make(today=today, staff=staff, orgs=orgs)

    statuses = set(Referral.objects.values_list("status", flat=True))
    assert {flow.SENT, flow.RECEIVED, flow.ACCEPTED, flow.DECLINED, flow.COMPLETED, flow.WITHDRAWN} <= statuses
    assert not Referral.objects.filter(to_organisation__kind=K.HEALTH_BOARD).exists()
    assert sum(r.is_overdue(today) for r in Referral.objects.all()) == 1
    assert Referral.objects.filter(lawful_basis="safeguarding").count() == 1
    assert sum(a.due_for_review(today) for a in SharingAgreement.objects.all()) == 1
    walk = made["walk_carer"]
    assert walk is not None and not Referral.objects.filter(person=walk).exists()
    assert Consent.objects.active().filter(person=walk, organisation=orgs["Valleys Young Carers Project"]).exists()
