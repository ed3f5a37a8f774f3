"""Who sees what: the provider's list (names only of people the user may open), the person pages, audit."""

import pytest

from carershub.accounts.models import Role
from carershub.audit.models import AccessEvent, AccessPart
from tests.pages import Page


@pytest.fixture
def full_provider(provider, person, arrange, marches_carer):
    """Two Afon people the practitioner works with, and one Marches person they do not."""
    ours = [person(), person()]
    theirs = marches_carer()
    for somebody in (*ours, theirs):
        arrange(provider, somebody)
    return provider, ours, theirs


def test_the_provider_list_names_only_people_the_user_may_open_and_logs_them(client, practitioner, full_provider):
    provider, ours, theirs = full_provider
    client.force_login(practitioner)
    page = Page(client.get(f"/care-arrangements/provider/{provider.pk}/"))
    for somebody in ours:
        assert somebody.full_name in page.text
    assert theirs.full_name not in page.text
    assert "1 other person you cannot open" in page.text
    assert "Cares for 3 people at home today, of at most 4" in page.text
    logged = set(AccessEvent.objects.filter(actor=practitioner, part=AccessPart.ARRANGEMENTS)
                 .values_list("person_ref", flat=True))
    assert logged == {p.pk for p in ours}


@pytest.mark.parametrize("who", ["commissioner", "provider_worker"])
def test_commissioners_and_the_providers_own_worker_see_counts_only(client, make_user, full_provider, who):
    provider, ours, theirs = full_provider
    if who == "commissioner":
        user = make_user(Role.COMMISSIONER)
    else:
        user = make_user(Role.PARTNER_WORKER, organisation=provider.organisation)
    client.force_login(user)
    page = Page(client.get(f"/care-arrangements/provider/{provider.pk}/"))
    assert "Cares for 3 people at home today" in page.text
    assert "3 other people you cannot open" in page.text
    for somebody in (*ours, theirs):
        assert somebody.full_name not in page.text
    assert not AccessEvent.objects.filter(actor=user).exists()


def test_another_partner_cannot_open_the_providers_list(client, make_user, full_provider):
    provider = full_provider[0]
    client.force_login(make_user(Role.PARTNER_WORKER, organisation="partner"))
    assert client.get(f"/care-arrangements/provider/{provider.pk}/").status_code == 404


def test_a_person_the_user_cannot_open_is_not_shown(client, practitioner, full_provider, make_user):
    provider, _ours, theirs = full_provider
    arrangement = provider.arrangements.get(person=theirs)
    client.force_login(practitioner)
    for url in (f"/care-arrangements/new/{theirs.pk}/", f"/care-arrangements/{arrangement.pk}/",
                f"/care-arrangements/{arrangement.pk}/change/", f"/care-arrangements/{arrangement.pk}/end/"):
        response = client.get(url)
        # A service worker is asked why they are opening a record outside their work ("break glass").
        assert response.status_code == 302 and response["Location"].startswith(f"/people/{theirs.pk}/why/")
    client.force_login(make_user(Role.PARTNER_WORKER, organisation="partner"))
    assert client.get(f"/care-arrangements/{arrangement.pk}/").status_code in (403, 404)
    assert client.get(f"/care-arrangements/new/{theirs.pk}/").status_code == 404


def test_the_person_page_lists_their_care_and_the_button(client, practitioner, full_provider):
    provider, ours, _theirs = full_provider
    client.force_login(practitioner)
    page = Page(client.get(f"/people/{ours[0].pk}/"))
    assert "Care at home" in page.text and provider.name in page.text
    assert f"/care-arrangements/new/{ours[0].pk}/" in page.links()
    arrangement = provider.arrangements.get(person=ours[0])
    assert f"/care-arrangements/{arrangement.pk}/" in page.links()


def test_the_detail_page_shows_the_arrangement_and_logs_the_access(client, practitioner, full_provider):
    provider, ours, _theirs = full_provider
    arrangement = provider.arrangements.get(person=ours[0])
    client.force_login(practitioner)
    page = Page(client.get(f"/care-arrangements/{arrangement.pk}/"))
    assert page.heading == f"Care at home with {provider.name}"
    assert AccessEvent.objects.filter(actor=practitioner, person_ref=ours[0].pk, part=AccessPart.ARRANGEMENTS).exists()


def test_the_new_page_lists_providers_serving_the_persons_area_first(client, practitioner, a_provider, region, person):
    from tests.providers.build import make_provider

    elsewhere = make_provider(name="Aaa Elsewhere Care", area=region["areas"]["marches"], actor=practitioner)
    here = a_provider(name="Zzz Local Care")
    somebody = person()
    client.force_login(practitioner)
    page = Page(client.get(f"/care-arrangements/new/{somebody.pk}/"))
    options = [o for o in page.find_all("option") if o.attrs.get("value")]
    values = [o.attrs["value"] for o in options if o.parent.attrs.get("name") == "provider"]
    assert values.index(str(here.pk)) < values.index(str(elsewhere.pk))


def test_the_timeline_shows_the_arrangement_events(client, practitioner, full_provider):
    provider, ours, _theirs = full_provider
    arrangement = provider.arrangements.get(person=ours[0])
    client.force_login(practitioner)
    page = Page(client.get(f"/people/{ours[0].pk}/timeline/"))
    assert f"Care at home arranged with {provider.name}" in page.text
    assert f"/care-arrangements/{arrangement.pk}/" in page.links()
