"""The privacy notice: public, with the organisation's details, linked from every page and the self-assessment."""

from carershub.accounts.models import Role
from tests.pages import Page

NOTICE = "/privacy/"


def test_anybody_can_read_the_privacy_notice_without_signing_in(client, region, settings):
    settings.CARERSHUB_CONTROLLER_NAME = "Test Valley Council"
    settings.CARERSHUB_CONTROLLER_ADDRESS = "1 Test Street, Testtown, AF1 1AA"
    settings.CARERSHUB_DPO_CONTACT = "dpo@test.invalid"
    settings.CARERSHUB_ICO_REGISTRATION = "ZA999999"

    response = client.get(NOTICE)

    assert response.status_code == 200
    page = Page(response)
    assert page.heading == "Privacy notice"
    for detail in ("Test Valley Council", "1 Test Street, Testtown, AF1 1AA", "dpo@test.invalid", "ZA999999"):
        assert detail in page.text
    assert "8 years after we last had anything to do with it" in page.text
    assert "ico.org.uk" in page.text


def test_the_public_self_assessment_pages_link_to_it(client, region):
    for url in ("/self-assessment/", "/self-assessment/where-you-live/"):
        assert NOTICE in Page(client.get(url)).links(), url
    start = Page(client.get("/self-assessment/"))
    assert "How we use your information (privacy notice)" in start.text


def test_every_staff_page_links_to_it_in_the_footer(client_for):
    client = client_for(Role.PRACTITIONER)
    for url in ("/", "/people/", NOTICE):
        page = Page(client.get(url))
        footer = page.find_all("footer")[0]
        links = [n.attrs.get("href") for n in footer.iter() if n.tag == "a"]
        assert NOTICE in links, url
