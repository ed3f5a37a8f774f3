"""The community grants fund through its pages: rounds, applications, scoring, capped awards, payments
and monitoring returns."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.core.locking import StaleRecordError
from carershub.grants import services
from carershub.grants.models import Application, Interest, Payment, Round, Scoresheet
from carershub.partnership.models import Organisation
from tests import formdata
from tests.pages import Page


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def round_form(scorers, **overrides):
    today = timezone.localdate()
    data = {
        "name": "Small grants 2026", "description": "", "budget": "£5,000", "max_award": "2,500",
        **formdata.date_parts("opens_on", today), **formdata.date_parts("closes_on", today + datetime.timedelta(days=30)),
        **formdata.date_parts("decision_on", today + datetime.timedelta(days=60)),
        "score_max": "5", "return_months": "6", "panel": [str(s.pk) for s in scorers],
        "criterion_1": "Co-production", "weight_1": "3", "guidance_1": "How carers shaped it",
        "criterion_2": "Reach", "weight_2": "1",
    }
    data.update(overrides)
    return data


def application_form(**overrides):
    data = {
        "group": "", "new_group_name": "Cuppa Club", "contact_name": "Test Contact", "contact_email": "cuppa@test.invalid",
        "contact_phone": "01632 960001", "section16_type": "user_led", "purpose": "A weekly drop-in",
        "amount": "1,000", "coproduction": "Carers planned it", "carers_expected": "30",
        **formdata.date_parts("received_on", timezone.localdate()), "late_reason": "",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- rounds


def test_a_manager_sets_up_a_round_with_weighted_criteria_and_a_panel(manager, scorers):
    client = signed_in(manager)
    response = client.post("/grants/rounds/new/", round_form(scorers))

    assert response.status_code == 302
    made = Round.objects.get()
    assert (made.budget_pence, made.max_award_pence, made.funder_id) == (500000, 250000, manager.organisation_id)
    assert [(c.name, c.weight) for c in made.criteria.all()] == [("Co-production", 3), ("Reach", 1)]
    assert set(made.panel.all()) == set(scorers)
    page = Page(client.get(response.url))
    assert "£5,000.00" in page.text and "Left to award" in page.text and made.status == "draft"


def test_a_round_can_start_from_the_section_16_principles(manager):
    client = signed_in(manager)
    plain = client.get("/grants/rounds/new/").content.decode()
    assert 'href="/grants/rounds/new/?criteria=section16"' in plain and 'value="Voice and control"' not in plain

    page = client.get("/grants/rounds/new/?criteria=section16").content.decode()

    for n, name in enumerate(["Co-production", "Social value", "Community benefit", "Voice and control"], start=1):
        assert f'name="criterion_{n}"' in page and f'value="{name}"' in page
    weights = re.findall(r'<input[^>]*name="weight_(\d)"[^>]*value="(\d+)"', page)
    assert weights == [("1", "1"), ("2", "1"), ("3", "1"), ("4", "1")]


def test_round_mistakes_are_told_where_they_were_typed(manager, scorers):
    today = timezone.localdate()
    page = Page(signed_in(manager).post("/grants/rounds/new/", round_form(
        scorers, max_award="6000", budget="5000.999", weight_2="", **formdata.date_parts("closes_on", today - datetime.timedelta(days=1)),
    )))
    assert page.error_for("budget") == "Budget must be in pounds and pence, like 25.50"
    assert "Enter the weight of the criterion" in page.error_for("weight_2")
    assert "same as or after the opening date" in page.error_for("closes_on")
    page = Page(signed_in(manager).post("/grants/rounds/new/", round_form(scorers, max_award="6000")))
    assert page.error_for("max_award") == "The most per award must not be more than the budget"
    assert not Round.objects.exists()


def test_only_the_funders_managers_and_the_panel_see_a_round(make_round, make_user, scorers):
    found = make_round("open")
    outsider = make_user(Role.COMMISSIONER)  # of the carers centre, which does not fund it
    assert signed_in(outsider).get(f"/grants/rounds/{found.pk}/").status_code == 404
    assert signed_in(make_user(Role.PRACTITIONER, organisation="council")).get("/grants/").status_code == 403
    assert signed_in(scorers[1]).get(f"/grants/rounds/{found.pk}/").status_code == 200
    council_commissioner = make_user(Role.COMMISSIONER, organisation="council")
    assert signed_in(council_commissioner).get(f"/grants/rounds/{found.pk}/").status_code == 200
    # A panel member does not run the round.
    assert signed_in(scorers[0]).get(f"/grants/rounds/{found.pk}/applications/new/").status_code == 403


def test_the_round_moves_on_and_is_decided_only_when_every_application_is(make_round, make_application, manager):
    found = make_round("scoring")
    application = make_application(found)
    client = signed_in(manager)
    response = client.post(f"/grants/rounds/{found.pk}/status/", {"version": found.version}, follow=True)
    assert "Decide every application before you mark the round as decided" in Page(response).text
    services.decline(application, reason="Out of scope", expected_version=application.version, actor=manager)
    found.refresh_from_db()
    client.post(f"/grants/rounds/{found.pk}/status/", {"version": found.version})
    assert Round.objects.get(pk=found.pk).status == "decided"


# ---------------------------------------------------------------- applications


def test_an_application_from_a_new_group_makes_the_group_and_its_event(make_round, manager):
    found = make_round("open")
    response = signed_in(manager).post(f"/grants/rounds/{found.pk}/applications/new/", application_form())

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.group.name == "Cuppa Club"
    assert application.group.kind == Organisation.Kind.COMMUNITY_GROUP and application.group.sector == "user_led"
    assert application.requested_pence == 100000 and application.contact_phone == "+441632960001"
    event = Event.objects.get(kind=EventKind.GRANT_APPLIED)
    assert event.person is None and event.data["requested_pence"] == 100000


def test_an_application_from_a_listed_group(make_round, manager, region):
    found = make_round("open")
    partner = region["orgs"]["partner"]
    signed_in(manager).post(f"/grants/rounds/{found.pk}/applications/new/",
                            application_form(group=str(partner.pk), new_group_name=""))
    assert Application.objects.get().group == partner


def test_application_mistakes_are_told_where_they_were_typed(make_round, manager):
    found = make_round("open", maximum=50000)
    client = signed_in(manager)
    long_ago = found.opens_on - datetime.timedelta(days=3)
    page = Page(client.post(f"/grants/rounds/{found.pk}/applications/new/",
                            application_form(amount="500.01", **formdata.date_parts("received_on", long_ago))))
    assert page.error_for("amount") == "The amount must not be more than the round's maximum of £500.00"
    assert "say why it is accepted late" in page.error_for("late_reason")
    page = Page(client.post(f"/grants/rounds/{found.pk}/applications/new/", application_form(new_group_name="")))
    assert page.error_for("group") == "Select the group, or enter the name of a new group"
    assert not Application.objects.exists()
    # Late, with a reason, is accepted.
    response = client.post(f"/grants/rounds/{found.pk}/applications/new/", application_form(
        amount="100", late_reason="Posted before the closing date", **formdata.date_parts("received_on", long_ago)))
    assert response.status_code == 302, Page(response).field_errors()
    assert Application.objects.get().is_late


# ---------------------------------------------------------------- scoring


def scores(application, *values):
    return {f"score_{c.pk}": str(v) for c, v in zip(application.round.criteria.all(), values, strict=True)}


def test_a_scorer_sees_the_panels_scores_only_after_submitting_their_own(make_round, make_application, scorers):
    found = make_round("scoring")
    application = make_application(found)
    first, second = (signed_in(s) for s in scorers)
    first.post(f"/grants/applications/{application.pk}/score/", scores(application, 5, 1))  # (15 + 1) / 4 = 4

    page = Page(second.get(f"/grants/applications/{application.pk}/"))
    assert "Weighted score" not in page.text
    assert "The panel's scores are shown once you have submitted yours" in page.text
    assert "Shown once you have scored it" in Page(second.get(f"/grants/rounds/{found.pk}/ranking/")).text

    second.post(f"/grants/applications/{application.pk}/score/", scores(application, 3, 3))  # 3
    page = Page(second.get(f"/grants/applications/{application.pk}/"))
    assert "Weighted score 3.50 out of 5, from 2 scorers" in page.text
    assert Scoresheet.objects.filter(application=application).count() == 2


def test_a_score_is_submitted_once_and_must_cover_every_criterion(make_round, make_application, scorers):
    found = make_round("scoring")
    application = make_application(found)
    client = signed_in(scorers[0])
    first = list(found.criteria.all())[0]
    page = Page(client.post(f"/grants/applications/{application.pk}/score/", {f"score_{first.pk}": "9"}))
    assert page.error_for(f"score_{first.pk}") == "Score Co-production from 0 to 5"
    assert not Scoresheet.objects.exists()
    client.post(f"/grants/applications/{application.pk}/score/", scores(application, 4, 4))
    response = client.get(f"/grants/applications/{application.pk}/score/")
    assert response.status_code == 302  # already scored: back to the application
    assert Scoresheet.objects.count() == 1


def test_a_scorer_with_a_declared_interest_cannot_score_it(make_round, make_application, scorers):
    found = make_round("scoring")
    application = make_application(found)
    client = signed_in(scorers[1])
    client.post(f"/grants/applications/{application.pk}/interest/", {"note": "I am its treasurer"})
    assert Interest.objects.get().member == scorers[1]

    client.post(f"/grants/applications/{application.pk}/score/", scores(application, 5, 5))
    assert not Scoresheet.objects.exists()
    with pytest.raises(services.Refused):
        services.submit_scores(application, scorer=scorers[1], scores={c.pk: 5 for c in found.criteria.all()}, comments={})
    # Nor does it wait on their home page.
    assert services.waiting_for_scores(scorers[1]).count() == 0


def test_someone_not_on_the_panel_cannot_score(make_round, make_application, manager, make_user):
    found = make_round("scoring", panel=[make_user(Role.FRONT_DOOR)])
    application = make_application(found)
    assert signed_in(manager).get(f"/grants/applications/{application.pk}/score/").status_code == 403


def test_the_ranking_orders_by_weighted_mean_with_the_number_of_scorers(make_round, make_application, scorers, manager):
    found = make_round("scoring", panel=scorers)
    low, high = make_application(found, name="Low Group"), make_application(found, name="High Group")
    for scorer in scorers:
        services.submit_scores(low, scorer=scorer, scores=dict(zip([c.pk for c in found.criteria.all()], [1, 1], strict=True)), comments={})
    services.submit_scores(high, scorer=scorers[0], scores=dict(zip([c.pk for c in found.criteria.all()], [5, 4], strict=True)), comments={})

    rows = Page(signed_in(manager).get(f"/grants/rounds/{found.pk}/ranking/")).table_rows()
    assert [r[:4] for r in rows] == [["1", "High Group", "4.75", "1"], ["2", "Low Group", "1.00", "2"]]


def test_the_home_page_counts_applications_waiting_for_my_scores(make_round, make_application, scorers):
    found = make_round("scoring")
    scored, waiting = make_application(found), make_application(found)
    services.submit_scores(scored, scorer=scorers[0], scores={c.pk: 3 for c in found.criteria.all()}, comments={})
    items = {item.text: item for item in services.home_items(scorers[0])}
    assert items["Grant applications waiting for your scores"].count == 1
    assert list(services.waiting_for_scores(scorers[0])) == [waiting]


# ---------------------------------------------------------------- decisions: the budget cap


def decide(client, application, **data):
    application.refresh_from_db()
    return client.post(f"/grants/applications/{application.pk}/decide/", {"version": application.version, **data})


def test_awards_never_exceed_the_budget_and_the_error_says_how_much_remains(make_round, make_application, manager, award):
    found = make_round("scoring", budget=300000)
    first, second, third = (make_application(found, asked=150000) for _ in range(3))
    award(first, 150000)
    client = signed_in(manager)
    assert decide(client, second, decision="award", amount="1,000.01").status_code == 302  # less than asked

    page = Page(decide(client, third, decision="award", amount="1500"))
    assert page.error_for("amount") == "The award must not be more than the £499.99 left in the round's budget"
    third.refresh_from_db()
    assert third.outcome == "waiting"
    assert decide(client, third, decision="award", amount="499.99").status_code == 302
    assert services.budget(found).remaining == 0
    awarded = Event.objects.filter(kind=EventKind.GRANT_AWARDED).order_by("pk")
    assert [e.data["amount_pence"] for e in awarded] == [150000, 100001, 49999]
    assert "£0.00" in Page(client.get(f"/grants/rounds/{found.pk}/")).text


def test_an_award_is_at_most_what_was_asked_and_a_decline_needs_a_reason(make_round, make_application, manager):
    found = make_round("scoring")
    application = make_application(found, asked=50000)
    client = signed_in(manager)
    page = Page(decide(client, application, decision="award", amount="600"))
    assert page.error_for("amount") == "The award must not be more than the £500.00 asked for"
    page = Page(decide(client, application, decision="decline", reason=" "))
    assert page.error_for("reason") == "Enter why it is declined"
    decide(client, application, decision="decline", reason="Not for carers")
    application.refresh_from_db()
    assert application.outcome == "declined" and Event.objects.filter(kind=EventKind.GRANT_DECLINED).count() == 1


def test_a_decision_made_meanwhile_is_not_overwritten(make_round, make_application, manager, make_user):
    found = make_round("scoring")
    application = make_application(found)
    other = signed_in(make_user(Role.COMMISSIONER, organisation="council"))
    client = signed_in(manager)
    shown = Page(client.get(f"/grants/applications/{application.pk}/decide/")).form_data()
    decide(other, application, decision="decline", reason="Duplicate")
    response = client.post(f"/grants/applications/{application.pk}/decide/", {**shown, "decision": "award", "amount": "100"},
                           follow=True)
    assert "This application has been decided" in Page(response).text
    with pytest.raises(StaleRecordError):  # the service, given the version the page was shown at
        services.award(application, amount_pence=100, expected_version=int(shown["version"]), actor=manager)
    application.refresh_from_db()
    assert application.outcome == "declined" and application.awarded_pence is None


def test_decisions_wait_for_scoring(make_round, make_application, manager):
    found = make_round("closed")
    application = make_application(found)
    with pytest.raises(services.Refused) as refused:
        services.award(application, amount_pence=100, expected_version=application.version, actor=manager)
    assert refused.value.code == "not_deciding"


# ---------------------------------------------------------------- payments and returns


def test_payments_never_pass_the_award(make_round, make_application, manager, award):
    found = make_round("scoring")
    application = award(make_application(found, asked=100000), 80000)
    client = signed_in(manager)
    url = f"/grants/applications/{application.pk}/payments/new/"
    today = formdata.date_parts("paid_on", timezone.localdate())
    assert client.post(url, {"amount": "500", **today}).status_code == 302
    page = Page(client.post(url, {"amount": "300.01", **today}))
    assert page.error_for("amount") == "The payment must not be more than the £300.00 of the award not yet paid"
    assert client.post(url, {"amount": "300", **today}).status_code == 302
    assert sum(Payment.objects.values_list("amount_pence", flat=True)) == 80000
    assert [e.data["amount_pence"] for e in Event.objects.filter(kind=EventKind.GRANT_PAID).order_by("pk")] == [50000, 30000]
    text = Page(client.get(f"/grants/rounds/{found.pk}/")).text
    assert "£800.00" in text


def test_no_payment_against_an_application_not_awarded(make_round, make_application, manager):
    application = make_application(make_round("scoring"))
    assert signed_in(manager).get(f"/grants/applications/{application.pk}/payments/new/").status_code == 404


def test_an_overdue_monitoring_return_shows_on_the_round_page_until_it_comes(make_round, make_application, manager, award):
    found = make_round("scoring", return_months=3)
    application = award(make_application(found, name="Knit and Natter"), 50000)
    client = signed_in(manager)
    assert "overdue" not in Page(client.get(f"/grants/rounds/{found.pk}/")).text
    Application.objects.filter(pk=application.pk).update(decided_on=timezone.localdate() - datetime.timedelta(days=100))

    page = Page(client.get(f"/grants/rounds/{found.pk}/"))
    assert "1 monitoring return is overdue" in page.text and "Knit and Natter" in page.by_id("overdue-returns").text()

    data = {**formdata.date_parts("received_on", timezone.localdate()), "achieved": "Twelve carers knitted",
            "carers_reached": "12", "spent": "450", "coproduction_evidence": "", "unspent": "50"}
    response = client.post(f"/grants/applications/{application.pk}/returns/new/", {**data, "spent": "500"})
    assert "must not be more than the £500.00 awarded" in Page(response).error_for("spent")
    assert client.post(f"/grants/applications/{application.pk}/returns/new/", data).status_code == 302
    assert "overdue" not in Page(client.get(f"/grants/rounds/{found.pk}/")).text
    event = Event.objects.get(kind=EventKind.GRANT_MONITORED)
    assert event.data["carers_reached"] == 12 and event.data["unspent_pence"] == 5000


def test_the_whole_round_from_applications_to_capped_awards(make_round, make_application, manager, scorers, award):
    found = make_round("scoring", budget=200000, maximum=150000)
    applications = [make_application(found, asked=asked) for asked in (120000, 90000, 60000)]
    for scorer in scorers:
        for application, mark in zip(applications, (5, 4, 3), strict=True):
            services.submit_scores(application, scorer=scorer, scores={c.pk: mark for c in found.criteria.all()}, comments={})
    ranked = [row.application for row in services.ranking(found)]
    assert ranked == applications
    award(ranked[0], 120000)
    award(ranked[1], 80000)
    with pytest.raises(services.Refused) as refused:
        award(ranked[2], 1)
    assert refused.value.params == {"remaining": "£0.00"}
