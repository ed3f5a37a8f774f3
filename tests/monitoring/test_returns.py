"""Quarterly returns through the pages: the provider writes and submits, the commissioner accepts or
sends back, each move once and with its event; who may do what; a return sent twice; two decisions at once."""

import pytest
from django.test import Client

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.reporting.monitoring import services
from carershub.reporting.monitoring.models import MonitoringReturn, ReturnStatus
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.monitoring.build import QUARTER, make_contract, reported_kpi, submitted_return
from tests.pages import Page


@pytest.fixture
def contract(region):
    made = make_contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["partner"],
                         areas=[region["areas"]["afon"]])
    reported_kpi(made, name="Carers saying the service helped", unit="percent", target=80)
    return made


@pytest.fixture
def kpi(contract):
    from carershub.reporting.monitoring.models import Kpi

    return Kpi.objects.get(contract=contract)


def signed_in(make_user, role, organisation):
    client = Client()
    user = make_user(role, organisation=organisation)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def provider_client(make_user):
    return signed_in(make_user, Role.PARTNER_WORKER, "partner")


@pytest.fixture
def decider_client(make_user):
    return signed_in(make_user, Role.COMMISSIONER, "council")


def start(client, contract):
    url = f"/figures/contracts/{contract.pk}/returns/new/"
    response = client.post(url, {**Page(client.get(url)).form_data(), "quarter": QUARTER.code})
    assert response.status_code == 302, response.content
    return MonitoringReturn.objects.get(contract=contract, year=QUARTER.year, quarter=QUARTER.number)


def return_form(client, found):
    return Page(client.get(f"/figures/contracts/returns/{found.pk}/")).form_data(
        f"/figures/contracts/returns/{found.pk}/")


def events(kind):
    return Event.objects.filter(kind=kind)


def test_the_provider_writes_a_draft_then_submits_it(provider_client, contract, kpi):
    found = start(provider_client, contract)
    url = f"/figures/contracts/returns/{found.pk}/"

    draft = provider_client.post(url, {**return_form(provider_client, found), f"kpi_{kpi.pk}": "82",
                                       "action": "save"})
    assert draft.status_code == 302
    found.refresh_from_db()
    assert found.status == ReturnStatus.DRAFT and services.values_of(found)[kpi.pk] == 82
    assert not events(EventKind.MONITORING_RETURN_SUBMITTED).exists()

    sent = provider_client.post(url, {**return_form(provider_client, found), "narrative": "A good quarter",
                                      "action": "submit"})
    assert sent.status_code == 302
    found.refresh_from_db()
    assert found.status == ReturnStatus.SUBMITTED and found.submitted_by == provider_client.user
    event = events(EventKind.MONITORING_RETURN_SUBMITTED).get()
    assert event.organisation_id == contract.provider_id and event.person_id is None
    assert event.data["resubmitted"] is False and event.object_id == found.pk


def test_submitting_needs_every_figure_and_a_narrative(provider_client, contract, kpi):
    found = start(provider_client, contract)
    url = f"/figures/contracts/returns/{found.pk}/"

    response = provider_client.post(url, {**return_form(provider_client, found), f"kpi_{kpi.pk}": "",
                                          "narrative": "", "action": "submit"})

    assert response.status_code == 200
    page = Page(response)
    assert page.error_for(f"kpi_{kpi.pk}") == "Enter Carers saying the service helped before you submit the return"
    assert page.error_for("narrative") == "Write the narrative before you submit the return"
    found.refresh_from_db()
    assert found.status == ReturnStatus.DRAFT


def test_a_percentage_over_100_is_refused_at_the_field(provider_client, contract, kpi):
    found = start(provider_client, contract)
    response = provider_client.post(f"/figures/contracts/returns/{found.pk}/", {
        **return_form(provider_client, found), f"kpi_{kpi.pk}": "120", "action": "save"})

    assert Page(response).error_for(f"kpi_{kpi.pk}") == (
        "Carers saying the service helped is a percentage: it must be 100 or less")


def test_starting_the_same_quarter_again_opens_the_return_already_started(provider_client, contract):
    first = start(provider_client, contract)
    second = start(provider_client, contract)

    assert first.pk == second.pk and MonitoringReturn.objects.count() == 1


def test_a_return_submitted_twice_is_submitted_once(provider_client, contract, kpi):
    found = start(provider_client, contract)
    url = f"/figures/contracts/returns/{found.pk}/"
    data = {**return_form(provider_client, found), f"kpi_{kpi.pk}": "81", "narrative": "Fine", "action": "submit"}

    provider_client.post(url, data)
    again = provider_client.post(url, data, follow=True)

    assert "already been submitted" in again.content.decode()
    assert events(EventKind.MONITORING_RETURN_SUBMITTED).count() == 1


def test_the_commissioner_accepts(decider_client, provider_client, contract, kpi):
    found = submitted_return(contract, provider_client.user, values={kpi.pk: 85})
    page = Page(decider_client.get(f"/figures/contracts/returns/{found.pk}/"))
    data = page.form_data(f"/figures/contracts/returns/{found.pk}/decision/")

    response = decider_client.post(f"/figures/contracts/returns/{found.pk}/decision/", {**data, "decision": "accept"})

    assert response.status_code == 302
    found.refresh_from_db()
    assert found.status == ReturnStatus.ACCEPTED and found.decided_by == decider_client.user
    event = events(EventKind.MONITORING_RETURN_ACCEPTED).get()
    assert event.organisation_id == contract.commissioner_id


def test_sending_back_needs_a_reason_then_the_provider_resubmits(decider_client, provider_client, contract, kpi):
    found = submitted_return(contract, provider_client.user, values={kpi.pk: 85})
    decision_url = f"/figures/contracts/returns/{found.pk}/decision/"
    data = Page(decider_client.get(f"/figures/contracts/returns/{found.pk}/")).form_data(decision_url)

    no_reason = decider_client.post(decision_url, {**data, "decision": "send_back", "reason": " "})
    assert Page(no_reason).error_for("reason") == "Say why you are sending the return back"

    decider_client.post(decision_url, {**data, "decision": "send_back", "reason": "The survey count is missing"})
    found.refresh_from_db()
    assert found.status == ReturnStatus.SENT_BACK and found.sent_back_reason == "The survey count is missing"
    assert events(EventKind.MONITORING_RETURN_SENT_BACK).count() == 1

    page = provider_client.get(f"/figures/contracts/returns/{found.pk}/").content.decode()
    assert "The survey count is missing" in page
    provider_client.post(f"/figures/contracts/returns/{found.pk}/", {
        **return_form(provider_client, found), "narrative": "Survey of 120 carers", "action": "submit"})
    found.refresh_from_db()
    assert found.status == ReturnStatus.RESUBMITTED
    assert events(EventKind.MONITORING_RETURN_SUBMITTED).latest("pk").data["resubmitted"] is True

    decider_client.post(decision_url, {"version": found.version, "decision": "accept"})
    found.refresh_from_db()
    assert found.status == ReturnStatus.ACCEPTED


def test_who_may_do_what(make_user, region, provider_client, contract, kpi):
    found = submitted_return(contract, provider_client.user, values={kpi.pk: 85})
    decide = f"/figures/contracts/returns/{found.pk}/decision/"
    accept = {"version": found.version, "decision": "accept"}
    other_commissioner = signed_in(make_user, Role.COMMISSIONER, "centre")
    other_partner = signed_in(make_user, Role.PARTNER_WORKER, "other_partner")
    council_manager = signed_in(make_user, Role.TEAM_MANAGER, "council")
    practitioner = signed_in(make_user, Role.PRACTITIONER, "council")

    # The provider cannot decide on its own return; a commissioner elsewhere reads it but cannot decide.
    assert provider_client.post(decide, accept).status_code == 403
    assert other_commissioner.get(f"/figures/contracts/returns/{found.pk}/").status_code == 200
    assert other_commissioner.post(decide, accept).status_code == 403
    # Another provider's worker does not learn the contract exists; a practitioner has no monitoring.
    assert other_partner.get(f"/figures/contracts/{contract.pk}/").status_code == 404
    assert other_partner.get(f"/figures/contracts/returns/{found.pk}/").status_code == 404
    assert practitioner.get("/figures/contracts/").status_code == 403
    # Only the commissioning organisation sets KPIs; only the provider writes returns.
    assert other_commissioner.get(f"/figures/contracts/{contract.pk}/kpis/new/").status_code == 403
    assert council_manager.get(f"/figures/contracts/{contract.pk}/returns/new/").status_code == 403
    # The commissioning organisation's team manager decides.
    assert council_manager.post(decide, accept).status_code == 302
    found.refresh_from_db()
    assert found.status == ReturnStatus.ACCEPTED
    # Once accepted the provider cannot change it.
    response = provider_client.post(f"/figures/contracts/returns/{found.pk}/", {
        "version": found.version, f"kpi_{kpi.pk}": "10", "narrative": "x", "action": "submit"}, follow=True)
    assert "already been submitted" in response.content.decode()
    assert services.values_of(found)[kpi.pk] == 85


def test_a_stale_decision_saves_nothing(decider_client, make_user, provider_client, contract, kpi):
    found = submitted_return(contract, provider_client.user, values={kpi.pk: 85})
    opened_at = found.version
    services.send_back(found, expected_version=found.version, actor=make_user(Role.TEAM_MANAGER), reason="No")

    response = decider_client.post(f"/figures/contracts/returns/{found.pk}/decision/",
                                   {"version": opened_at, "decision": "accept"}, follow=True)

    assert "Nothing was saved" in response.content.decode()
    found.refresh_from_db()
    assert found.status == ReturnStatus.SENT_BACK
    assert not events(EventKind.MONITORING_RETURN_ACCEPTED).exists()


def test_the_services_refuse_moves_the_state_does_not_allow(make_user, provider_client, contract, kpi):
    found, _new = services.start_return(contract, QUARTER, actor=provider_client.user)
    with pytest.raises(services.NotAllowed):
        services.accept(found, expected_version=found.version, actor=make_user(Role.COMMISSIONER))
    with pytest.raises(ValueError):
        services.send_back(found, expected_version=found.version, actor=make_user(Role.COMMISSIONER), reason="")


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_save_one(region, make_user):
    contract = make_contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["partner"])
    kpi = reported_kpi(contract)
    found = submitted_return(contract, make_user(Role.PARTNER_WORKER, organisation="partner"), values={kpi.pk: 85})
    url = f"/figures/contracts/returns/{found.pk}/decision/"
    posts = {}
    for name, decision in (("accepts", {"decision": "accept"}),
                           ("sends back", {"decision": "send_back", "reason": "Check it"})):
        client = Client()
        client.force_login(make_user(Role.COMMISSIONER, organisation="council"))
        posts[name] = (client, {"version": found.version, **decision})

    responses = at_the_same_moment({name: (lambda c=c, d=d: c.post(url, d)) for name, (c, d) in posts.items()},
                                   (services, "_claim"), monkeypatch=pytest.MonkeyPatch())

    assert all(r.status_code == 302 for r in responses.values())
    decided = Event.objects.filter(kind__in=[EventKind.MONITORING_RETURN_ACCEPTED,
                                             EventKind.MONITORING_RETURN_SENT_BACK])
    assert decided.count() == 1
    found.refresh_from_db()
    assert found.status in (ReturnStatus.ACCEPTED, ReturnStatus.SENT_BACK)
    assert found.version == 3  # started 1, submitted 2, decided once 3
