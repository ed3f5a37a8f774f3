"""The directory's staff pages and services: search, refer/signpost links, proposals and their decisions."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from carershub.accounts.models import Role
from carershub.core.locking import StaleRecordError
from carershub.directory import services
from carershub.directory.models import ChangeProposal, ProposalStatus, Service, ServiceChange, ServiceStatus
from carershub.partnership.models import Organisation
from tests.pages import Page


@pytest.fixture
def two(make_service, region, afon_postcodes):
    group = make_service()
    counselling = make_service(
        partner="centre", name="Counselling for carers", description="Talk to a counsellor.",
        needs=["emotional-support"], carer_groups=[], minimum_age=18, maximum_age=None,
        schedules=[{"byday": "MO,WE", "opens_at": datetime.time(9), "closes_at": datetime.time(17)}],
        address=None, areas=[], costs=[],
    )
    return group, counselling


def _result_links(page):
    results = page.find_all("ul", "app-directory-results")
    return [n for n in results[0].iter() if n.tag == "a"] if results else []


def names(found):
    return [s.name for s in found]


# --- search --------------------------------------------------------------------------------------


def test_search_by_each_criterion(two, make_service, region):
    group, counselling = two
    make_service(partner="other_partner", name="Marches befriending", needs=["emotional-support"],
                 description="A volunteer visits every week.", schedules=[],
                           carer_groups=["older-carers"], address=None, areas=[region["areas"]["marches"]], minimum_age=None,
                           maximum_age=None)
    assert names(services.search(text="counsellor")) == ["Counselling for carers"]
    assert names(services.search(text="young carers fun")) == ["Young carers peer group"]
    assert set(names(services.search(term=services.vocabulary.need("emotional-support")))) == {
        "Counselling for carers", "Marches befriending"}
    # A district of the Afon area: the local group first, then what is offered everywhere; not the Marches one.
    assert names(services.search(postcode="AF1 9ZZ")) == ["Young carers peer group", "Counselling for carers"]
    assert names(services.search(postcode="af1")) == ["Young carers peer group", "Counselling for carers"]
    assert "Marches befriending" in names(services.search(postcode="MR4"))
    assert "Young carers peer group" not in names(services.search(postcode="MR4"))
    assert names(services.search(postcode="Test Marches")) == ["Marches befriending", "Counselling for carers"]
    assert names(services.search(age=15)) == ["Marches befriending", "Young carers peer group"]
    assert names(services.search(age=40)) == ["Counselling for carers", "Marches befriending"]
    assert names(services.search(day="TU")) == ["Young carers peer group"]
    assert names(services.search(day=2)) == ["Counselling for carers"]  # Wednesday
    assert names(services.search(day="TU", time=datetime.time(17))) == ["Young carers peer group"]
    assert names(services.search(day="TU", time=datetime.time(18))) == []  # closes at 18:00
    # A service for no particular group is for every carer; one for other groups is not.
    assert names(services.search(carer_group="young-carers")) == ["Counselling for carers", "Young carers peer group"]
    with pytest.raises(services.UnknownPlace):
        services.search(postcode="Atlantis")


def test_inactive_services_are_not_found_unless_asked(make_service):
    make_service(name="Closed for summer", status=ServiceStatus.TEMPORARILY_CLOSED)
    assert names(services.search()) == []
    assert names(services.search(include_inactive=True)) == ["Closed for summer"]


def test_the_search_page_lists_results_with_refer_and_signpost_links_carrying_the_record(client_for, two):
    group, counselling = two
    client = client_for(Role.FRONT_DOOR)
    response = client.get("/directory/", {"need": "young-carers", "postcode": "AF1", "age": "12",
                                          "person": "42", "contact": "7", "plan": "<script>"})
    assert response.status_code == 200
    page = Page(response)
    assert "Young carers peer group" in page.text and "Counselling for carers" not in page.text
    assert "Tuesdays 16:00–18:00" in page.text and "£2.50" in page.text and "Welsh" in page.text
    links = {a.text(): a.attrs["href"] for a in _result_links(page)}
    refer = next(href for text, href in links.items() if text.startswith("Refer"))
    signpost = next(href for text, href in links.items() if text.startswith("Signpost"))
    for href in (refer, signpost):
        query = parse_qs(urlsplit(href).query)
        assert query == {"service": [str(group.pk)], "person": ["42"], "contact": ["7"]}  # not the unsafe "plan"


def test_a_service_with_no_partner_is_signposted_not_referred(client_for, make_service):
    make_service(partner=None, name="Community coffee morning")
    page = Page(client_for(Role.FRONT_DOOR).get("/directory/", {"text": "coffee"}))
    texts = [a.text() for a in _result_links(page)]
    assert any(t.startswith("Signpost") for t in texts)
    assert not any(t.startswith("Refer") for t in texts)


def test_bad_search_input_is_explained_where_typed(client_for, two):
    client = client_for(Role.FRONT_DOOR)
    page = Page(client.get("/directory/", {"age": "twelve", "time": "25:99", "postcode": "Atlantis"}))
    assert page.error_for("age") and page.error_for("time")
    page = Page(client.get("/directory/", {"postcode": "Atlantis"}))
    assert "Enter a postcode" in page.error_for("postcode")


def test_the_service_page(client_for, two):
    group, _ = two
    client = client_for(Role.PARTNER_WORKER, organisation="partner")
    page = Page(client.get(f"/directory/services/{group.pk}/"))
    assert "Aberafon Youth Centre" in page.text and "8 to 17" in page.text
    assert "Propose a change to this service" in page.text
    other = client_for(Role.PARTNER_WORKER, organisation="other_partner")
    assert "Propose a change" not in Page(other.get(f"/directory/services/{group.pk}/")).text


def test_who_may_browse(client_for, two):
    assert client_for(Role.EMERGENCY_RESPONDER).get("/directory/").status_code == 403
    for role in (Role.COMMISSIONER, Role.PARTNER_WORKER, Role.PRACTITIONER):
        assert client_for(role).get("/directory/").status_code == 200


# --- for other apps ------------------------------------------------------------------------------


def test_referable_organisation(make_service, region):
    group = make_service()
    assert services.referable_organisation(group) == region["orgs"]["partner"]
    board = Organisation.objects.create(name="Test ICB", kind=Organisation.Kind.HEALTH_BOARD,
                                        sector=Organisation.Sector.STATUTORY)
    assert services.referable_organisation(make_service(partner=board, name="Commissioned")) is None
    assert services.referable_organisation(make_service(partner=None, name="Not a partner")) is None
    closed = make_service(name="Closed", status=ServiceStatus.DEFUNCT)
    assert services.referable_organisation(closed) is None


def test_the_partner_follows_the_directory_organisation(make_service, region):
    group = make_service()
    organization = group.organization
    organization.partner = region["orgs"]["centre"]
    organization.save()
    assert Service.objects.get(pk=group.pk).organisation == region["orgs"]["centre"]
    assert list(region["orgs"]["centre"].directory_services.all()) == [group]


def test_describe(make_service):
    group = make_service()
    described = services.describe(Service.objects.get(pk=group.pk), "cy")
    assert described["name"] == "Young carers peer group"
    assert described["organisation"] == "Test Young Carers"
    assert described["address"] == "1 Chapel Street, Aberafon, AF1 2AB"
    assert described["phone"] and described["email"] == "group@example.org"
    assert services.get("not a uuid") is None and services.get(str(group.pk)) == group


# --- proposals --------------------------------------------------------------------------------------


def test_a_partner_proposes_and_an_administrator_approves(client_for, make_service):
    group = make_service()
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")
    page = Page(partner.get(f"/directory/services/{group.pk}/propose/"))
    data = {**page.form_data(), "name": "Young carers club", "maximum_age": "18", "note": "New name from September"}
    response = partner.post(f"/directory/services/{group.pk}/propose/", data)
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert proposal.changes == {"name": "Young carers club", "maximum_age": 18}
    assert Service.objects.get(pk=group.pk).name == "Young carers peer group"  # not until approved

    admin = client_for(Role.ADMINISTRATOR)
    page = Page(admin.get(f"/directory/proposals/{proposal.pk}/"))
    assert "Young carers club" in page.text
    response = admin.post(f"/directory/proposals/{proposal.pk}/", {**page.form_data(), "decision": "approve"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.maximum_age, group.version) == ("Young carers club", 18, 2)
    change = ServiceChange.objects.filter(service=group, how="proposal").get()
    assert change.before["name"] == "Young carers peer group" and change.after["name"] == "Young carers club"
    assert change.changed_by == admin.user
    assert "Young carers peer group → Young carers club" in Page(admin.get(f"/directory/services/{group.pk}/")).text


def test_a_new_service_proposed_and_approved(client_for, region):
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")
    page = Page(partner.get("/directory/services/propose/"))
    response = partner.post("/directory/services/propose/", {**page.form_data(), "name": "Homework club", "status": "active"})
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    services.approve(proposal, actor=None, expected_version=proposal.version)
    made = Service.objects.get(name="Homework club")
    assert made.organisation == region["orgs"]["partner"]
    assert made.history.get().how == "created"


def test_only_ones_own_service(client_for, make_service):
    group = make_service()
    assert client_for(Role.PARTNER_WORKER, organisation="other_partner").get(
        f"/directory/services/{group.pk}/propose/").status_code == 403
    assert client_for(Role.COMMISSIONER).get(f"/directory/services/{group.pk}/propose/").status_code == 403
    assert client_for(Role.PARTNER_WORKER, organisation="partner").get("/directory/proposals/").status_code == 403


def test_rejecting_needs_a_reason(client_for, make_service, make_user):
    group = make_service()
    proposal = services.propose(actor=make_user(Role.PARTNER_WORKER, organisation="partner"), service=group,
                                changes={"name": "Renamed"})
    admin = client_for(Role.ADMINISTRATOR)
    page = Page(admin.get(f"/directory/proposals/{proposal.pk}/"))
    page = Page(admin.post(f"/directory/proposals/{proposal.pk}/", {**page.form_data(), "decision": "reject"}))
    assert page.error_for("reason")
    admin.post(f"/directory/proposals/{proposal.pk}/", {**page.form_data(), "decision": "reject", "reason": "Not ours"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == (ProposalStatus.REJECTED, "Not ours")
    assert Service.objects.get(pk=group.pk).name == "Young carers peer group"


def test_a_proposal_made_against_an_older_version_is_not_applied(client_for, make_service, make_user):
    group = make_service()
    worker = make_user(Role.PARTNER_WORKER, organisation="partner")
    first = services.propose(actor=worker, service=group, changes={"name": "First"})
    second = services.propose(actor=worker, service=group, changes={"fees": "£3"})
    services.approve(first, actor=None, expected_version=first.version)
    with pytest.raises(StaleRecordError):
        services.approve(second, actor=None, expected_version=second.version)
    group.refresh_from_db()
    assert (group.name, group.fees, group.version) == ("First", "", 2)
    second.refresh_from_db()
    assert second.status == ProposalStatus.PROPOSED
    # The page says so, and applies nothing.
    admin = client_for(Role.ADMINISTRATOR)
    page = Page(admin.get(f"/directory/proposals/{second.pk}/"))
    assert "changed since" in page.text
    page = Page(admin.post(f"/directory/proposals/{second.pk}/", {**page.form_data(), "decision": "approve"}))
    assert "changed since this was proposed" in page.text
    assert Service.objects.get(pk=group.pk).fees == ""


def test_a_proposal_decided_twice_is_decided_once(make_service, make_user):
    group = make_service()
    proposal = services.propose(actor=make_user(Role.PARTNER_WORKER, organisation="partner"), service=group,
                                changes={"name": "Once"})
    services.approve(proposal, actor=None, expected_version=proposal.version)
    with pytest.raises(StaleRecordError):
        services.reject(proposal, actor=None, reason="late", expected_version=proposal.version)
    assert ChangeProposal.objects.get().status == ProposalStatus.APPROVED


def test_the_search_page_costs_the_same_however_many_results(client_for, make_service):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(Role.FRONT_DOOR)
    make_service(name="Group 0")
    client.get("/directory/", {"text": "group"})
    with CaptureQueriesContext(connection) as few:
        client.get("/directory/", {"text": "group"})
    for n in range(1, 6):
        make_service(name=f"Group {n}")
    with CaptureQueriesContext(connection) as many:
        page = Page(client.get("/directory/", {"text": "group"}))
    assert "6 services found" in page.text
    assert len(many) == len(few)
