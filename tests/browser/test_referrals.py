"""Issue 11's referral walk in real Chromium, axe-core on every page: the front door refers a carer to
a partner under consent (and is stopped, with the exception offered, where there is none); the
partner worker accepts it and sees the shared summary; withdrawing consent ends that access."""

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.people import choices
from carershub.people.models import Consent
from tests.browser.conftest import assert_error_summary, check, sign_in

pytestmark = pytest.mark.browser


def test_refer_accept_see_the_shared_summary_and_lose_it_when_consent_is_withdrawn(page, new_page, region, make_user, make_carer):
    from django.utils import timezone

    front_door = make_user(Role.FRONT_DOOR, username="frontdoor")
    partner_worker = make_user(Role.PARTNER_WORKER, organisation="partner", username="partner")
    carer = make_carer(given="Seren", family="Atgyfeirio", phone="+447700900456")
    unconsented = make_carer(given="Heb", family="Ganiatad")
    consent = Consent.objects.create(person=carer, organisation=region["orgs"]["partner"],
                                     purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL,
                                     given_on=timezone.localdate(), method="verbal")

    sign_in(page, front_door)
    # No consent: the organisation field says so, and the exception's fields are offered.
    page.goto(f"/referrals/new/?person={unconsented.pk}")
    check(page, "Refer Heb Ganiatad")
    page.get_by_label("Which organisation are you referring them to?").select_option(label="Test Young Carers")
    page.get_by_label("Why are you referring them?").fill("Peer support")
    page.get_by_label("Contact details").check()
    page.get_by_role("button", name="Send the referral").click()
    check(page, "Refer Heb Ganiatad", error=True)
    assert_error_summary(page, ["#id_to_organisation"])
    expect(page.get_by_label("Safeguarding a child or an adult at risk")).to_be_visible()

    # With consent, from the carer's record.
    page.goto(f"/people/{carer.pk}/")
    page.get_by_role("button", name="Refer to a partner").click()
    check(page, "Refer Seren Atgyfeirio")
    page.get_by_label("Which organisation are you referring them to?").select_option(label="Test Young Carers")
    page.get_by_label("Why are you referring them?").fill("Would like to meet other young carers")
    page.get_by_label("Soon").check()
    page.get_by_label("Contact details").check()
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_url("**/referrals/*/")
    check(page, "Referral of Seren Atgyfeirio")
    expect(page.get_by_role("alert")).to_contain_text("Referral sent to Test Young Carers")

    partner = new_page()
    partner.set_viewport_size({"width": 320, "height": 800})
    sign_in(partner, partner_worker)
    partner.goto("/referrals/received/")
    check(partner, "Referrals to us")
    partner.get_by_role("link", name="Seren Atgyfeirio").click()
    check(partner, "Referral of Seren Atgyfeirio")
    expect(partner.get_by_text("Would like to meet other young carers")).to_be_visible()
    partner.get_by_role("button", name="Accept the referral").click()
    check(partner, "Referral of Seren Atgyfeirio")
    expect(partner.get_by_role("alert")).to_contain_text("Referral accepted")

    partner.goto("/referrals/shared/")
    check(partner, "Carers shared with us")
    partner.get_by_role("link", name="What was shared about Seren Atgyfeirio").click()
    check(partner, "What Seren Atgyfeirio agreed to share")
    expect(partner.get_by_text("07700 900456").or_(partner.get_by_text("+447700900456"))).to_be_visible()
    partner.goto(f"/people/{carer.pk}/")
    check(partner)
    expect(partner.get_by_role("heading", name="What was shared")).to_be_visible()

    page.goto(f"/people/{carer.pk}/")
    page.get_by_role("button", name="Withdraw consent for Test Young Carers").click()
    check(page)
    response = partner.goto(f"/people/{carer.pk}/")
    assert response.status == 404
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is not None


def test_the_lists_and_agreements_pages(page, region, make_user):
    manager = make_user(Role.TEAM_MANAGER, organisation="council", username="manager")
    sign_in(page, manager)
    for url, title in (("/referrals/sent/", "Referrals we sent"), ("/referrals/overdue/", "Referrals not accepted in time"),
                       ("/referrals/agreements/", "Information-sharing agreements")):
        page.goto(url)
        check(page, title)
    page.get_by_role("link", name="Add an agreement").click()
    check(page, "Add an information-sharing agreement")
    page.get_by_label("Title").fill("Afon ISA")
    page.get_by_label("Test Council").check()
    page.get_by_label("Test Young Carers").check()
    page.get_by_label("Referral and support from this organisation").check()
    page.locator("#id_review_on_day").fill("1")
    page.locator("#id_review_on_month").fill("1")
    page.locator("#id_review_on_year").fill("2030")
    page.get_by_role("button", name="Save the agreement").click()
    page.wait_for_url("**/referrals/agreements/")
    check(page, "Information-sharing agreements")
    expect(page.get_by_role("link", name="Afon ISA")).to_be_visible()
