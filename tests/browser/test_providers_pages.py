"""Every page of issue 13 (the register, care arrangements, matching, the provider mix) in real Chromium:
each GET page once at 320 px in English with nothing scrolling sideways, then once in Welsh at full
width, axe-core on every one. The data is made through the services, so every page has something
to show: a provider with a worker, advice and a check due; one waiting on its registration; an
arrangement; an open request with an introduction; a return of figures.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.providers import checklist
from carershub.providers import services as register
from carershub.providers.arrangements import services as arrangements
from carershub.providers.matching import services as matching
from carershub.providers.mix import shares
from carershub.providers.mix import services as mix
from tests.browser.conftest import check, sign_in
from tests.providers.build import make_provider

pytestmark = pytest.mark.browser


def _world(region, manager, make_carer):
    afon = region["areas"]["afon"]
    today = timezone.localdate()
    provider = make_provider(name="Gofal Cartref Cwm Prawf", area=afon, actor=manager,
                             services=("personal_care", "companionship"), availability=("mon:morning",))
    register.record_check(provider, actor=manager, item="insurance", outcome=checklist.MET, checked_on=today,
                          expires_on=today + datetime.timedelta(days=10))  # on the reminders queue
    register.record_advice(provider, actor=manager, topic="hr", given_on=today,
                           summary="Talked through employing a second worker.", confirmed=True)
    waiting = make_provider(name="Cymorth Cartref Aros", area=afon, actor=manager, status="developing")
    application = register.submit_registration(waiting, actor=manager,
                                               submitted_on=today - datetime.timedelta(days=7), reference="CIW-1")
    cared_for = make_carer(given="Gwen", family="Trefnedig")
    arrangement = arrangements.start_arrangement(
        provider=provider, person=cared_for, kind="regular", covering_for=None, setting="in_home",
        starts_on=today, ends_on=None, hours_per_week=Decimal(6), funded_by="council", actor=manager,
    )
    asking = make_carer(given="Idris", family="Ymholydd", postcode="AF1 3CD")
    request = matching.open_request(
        asking, actor=manager, services=["personal_care"], times=["mon:morning"], hours_per_week=Decimal(4),
        welsh_needed=False, other_language="", preferences="Mornings suit best", direct_payment=True,
    )
    matching.introduce(request, provider, actor=manager)
    new_person = make_carer(given="Nerys", family="Newydd")
    mix_return = mix.enter_return(actor=manager, council_name=afon.name, area=afon, period=shares.quarter(2025, 1),
                                  basis="hours", amounts={"in_house": Decimal(40), "private": Decimal(55),
                                                          "micro": Decimal(5)})
    p, w = provider.pk, provider.workers.get().pk
    council = afon.name.replace(" ", "+")
    return [
        "/providers/",
        "/providers/new/",
        "/providers/reminders/",
        f"/providers/{p}/",
        f"/providers/{p}/edit/",
        f"/providers/{p}/status/",
        f"/providers/{p}/workers/new/",
        f"/providers/{p}/workers/{w}/left/",
        f"/providers/{p}/checklist/",
        f"/providers/{p}/checklist/insurance/",
        f"/providers/{p}/checklist/dbs/?worker={w}",
        f"/providers/{p}/registration/new/",
        f"/providers/{waiting.pk}/",
        f"/providers/registration/{application.pk}/decide/",
        f"/providers/{p}/advice/new/",
        f"/care-arrangements/provider/{p}/",
        f"/care-arrangements/new/{new_person.pk}/",
        f"/care-arrangements/{arrangement.pk}/",
        f"/care-arrangements/{arrangement.pk}/change/",
        f"/care-arrangements/{arrangement.pk}/end/",
        "/care-matching/",
        f"/care-matching/new/{new_person.pk}/",
        f"/care-matching/{request.pk}/",
        "/provider-mix/",
        f"/provider-mix/?council={council}&source=returns",
        f"/provider-mix/?council={council}&source=counted",
        "/provider-mix/table/",
        f"/provider-mix/table/?period={shares.quarter(2025, 1)[0]}_{shares.quarter(2025, 1)[1]}",
        "/provider-mix/returns/new/",
        f"/provider-mix/returns/{mix_return.pk}/",
    ], [f"/provider-mix/download/?council={council}&source=returns", "/provider-mix/table/download/"]


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    check(page)


def _sideways(page, url) -> list[str]:
    width = page.evaluate("document.documentElement.scrollWidth")
    return [f"{url}: {width}px"] if width > 320 else []


def test_every_issue_13_page_at_320_px_and_in_welsh(page, region, make_user, make_carer):
    manager = make_user(Role.TEAM_MANAGER, organisation="council", username="providerpages")
    pages, downloads = _world(region, manager, make_carer)
    sign_in(page, manager)

    for url in downloads:
        response = page.request.get(url)
        assert response.status == 200 and "text/csv" in response.headers["content-type"], url

    page.set_viewport_size({"width": 320, "height": 800})
    wide = []
    for url in pages:
        _visit(page, url)
        wide += _sideways(page, url)
    assert not wide, "pages scrolling sideways at 320 px:\n" + "\n".join(wide)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    for url in pages:
        _visit(page, url)
        expect(page.locator("html"), url).to_have_attribute("lang", "cy")
        # Welsh runs longer than English: the same page narrowed to 320 px must not scroll sideways either.
        page.set_viewport_size({"width": 320, "height": 800})
        wide += _sideways(page, f"{url} (Welsh)")
        page.set_viewport_size({"width": 1280, "height": 900})
    assert not wide, "pages scrolling sideways at 320 px:\n" + "\n".join(wide)
