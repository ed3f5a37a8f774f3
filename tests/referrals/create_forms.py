"""The referrals create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

import datetime

from django.utils import timezone

CREATE_FORMS: list[str] = ["referral", "sharing_agreement"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.accounts.models import Role
    from carershub.people import choices
    from carershub.people.models import Consent
    from carershub.referrals.models import Referral, SharingAgreement
    from tests import formdata
    from tests.core.test_idempotency import CreateForm

    partner = region["orgs"]["partner"]

    def referral():
        Consent.objects.create(
            person=carer, organisation=partner, purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL,
            given_on=timezone.localdate(), method=choices.ConsentMethod.VERBAL,
        )
        typed = {"to_organisation": str(partner.pk), "reason": "Peer support", "urgency": "routine",
                 "purpose": "support_and_referral", "shared": ["contact_details"]}
        return CreateForm(front_door, f"/referrals/new/?person={carer.pk}", typed, Referral.objects.count)

    def sharing_agreement():
        manager = new_client(make_user(Role.TEAM_MANAGER, organisation="council"))
        typed = {"title": "Afon carers ISA", "parties": [str(region["orgs"]["council"].pk), str(partner.pk)],
                 "purposes": ["support_and_referral"], "status": "in_force",
                 **formdata.date_parts("review_on", timezone.localdate() + datetime.timedelta(days=365))}
        return CreateForm(manager, "/referrals/agreements/new/", typed, SharingAgreement.objects.count)

    return {"referral": referral, "sharing_agreement": sharing_agreement}
