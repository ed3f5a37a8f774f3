"""Issue 11's "done means", on the demo region, in real Chromium with axe-core on every page.

The front door finds a local peer group in the directory for a demo carer and refers them to the
organisation that runs it; the demo partner worker, signed in as that organisation, accepts it and
sees only the shared summary; withdrawing the carer's consent takes that access away; and the Open
Referral UK API answers a plain HTTP client with pages that the official schemas accept. (A grant
round from applications to capped awards is walked in tests/browser/test_grants.py.)
"""

import json
import urllib.request

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from carershub.demo import region
from carershub.directory.models import Service
from carershub.partnership.models import Organisation
from carershub.people import choices
from carershub.people.models import Consent, Person
from carershub.referrals.models import Referral
from tests.browser.conftest import check
from tests.browser.test_support_journey import demo_sign_in
from tests.directory.test_oruk import STANDARD, validate

pytestmark = pytest.mark.browser
VALLEYS = "Valleys Young Carers Project"


def welsh(text: str) -> str:
    with translation.override("cy"):
        return translation.gettext(text)


def walk_carer(valleys) -> Person:
    """A young carer in Afon Valley with no referral to the project, consenting to share with it."""
    today = timezone.localdate()
    carer = (
        Person.objects.filter(carer__isnull=False, area__name="Afon Valley", postcode__startswith="AF",
                              date_of_birth__gt=today.replace(year=today.year - 17))
        .exclude(referrals__to_organisation=valleys)
        .order_by("pk")
        .first()
    )
    if not Consent.objects.active().filter(person=carer, organisation=valleys,
                                           purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL).exists():
        Consent.objects.create(person=carer, organisation=valleys, given_on=today, method="verbal",
                               purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL)
    return carer


def test_find_refer_accept_see_the_summary_and_lose_it_when_consent_is_withdrawn(page, new_page, live_server):
    region.load(carers=100)
    valleys = Organisation.objects.get(name=VALLEYS)
    carer = walk_carer(valleys)
    age = timezone.localdate().year - carer.date_of_birth.year - 1

    # The front door: from the carer's record to the directory, a local peer group, refer.
    page.goto("/accounts/login/", timeout=60_000)
    demo_sign_in(page, "frontdoor")
    page.goto(f"/directory/?person={carer.pk}")
    check(page, "Find a service")
    page.get_by_label("Need").select_option(label="Peer support")
    page.get_by_label("Postcode, district or area").fill(carer.postcode)
    page.get_by_label("Age of the carer").fill(str(age))
    page.get_by_role("button", name="Search the directory").click()
    check(page, "Find a service")
    page.get_by_role("link", name="Refer to Young Carers Peer Group (Aberafon)").click()
    check(page, f"Refer {carer.full_name}")
    page.get_by_label("Why are you referring them?").fill("Would like to meet other young carers nearby")
    page.get_by_label("Contact details").check()
    page.get_by_label("Caring situation: who they care for").check()
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_url("**/referrals/*/")
    check(page, f"Referral of {carer.full_name}")
    referral = Referral.objects.get(person=carer, to_organisation=valleys)
    assert referral.service == Service.objects.get(name="Young Carers Peer Group (Aberafon)")

    # The partner worker of the project accepts it and sees the shared summary, nothing more. The demo
    # partner reads the service in Welsh.
    partner = new_page()
    demo_sign_in(partner, "partner")
    partner.goto("/referrals/received/")
    check(partner)
    partner.get_by_role("link", name=carer.full_name).first.click()
    check(partner, carer.full_name)
    partner.get_by_role("button", name=welsh("Accept the referral")).click()
    check(partner, carer.full_name)
    partner.goto(f"/people/{carer.pk}/")
    check(partner)
    expect(partner.get_by_role("heading", name=welsh("What was shared"))).to_be_visible()
    for hidden in ("Personal and contact details", "Carer details", "Assessments", "Support plans"):
        expect(partner.get_by_role("heading", name=welsh(hidden), exact=True)).to_have_count(0)

    # The carer withdraws consent (the front door records it): the project's access ends at once.
    page.goto(f"/people/{carer.pk}/")
    page.get_by_role("button", name=f"Withdraw consent for {VALLEYS}").first.click()
    check(page)
    assert partner.goto(f"/people/{carer.pk}/").status == 404

    # The Open Referral UK API, from a plain HTTP client: every page schema-valid.
    if not STANDARD.exists():
        pytest.skip("the Open Referral UK schemas are not on this machine")
    url, pages = f"{live_server.url}/oruk/services?per_page=10", 0
    while url and pages < 5:
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
            body = json.loads(response.read())
        assert {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"} <= set(body)
        for item in body["contents"]:
            validate(item, "service_list")
        pages += 1
        url = None if body["last_page"] else f"{live_server.url}/oruk/services?per_page=10&page={body['page_number'] + 1}"
    assert pages >= 2 and body["total_items"] > 10
