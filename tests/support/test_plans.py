"""Support plans: made from a completed assessment, versioned, agreed, and given to the carer as a copy."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.assessments import services
from carershub.assessments.models import AssessmentType
from carershub.audit.models import AccessEvent, AccessPart
from carershub.support.models import SupportPlan
from tests.builders import completed_assessment
from tests.formdata import date_parts
from tests.pages import Page


def today():
    return timezone.localdate()


@pytest.fixture
def assessed(make_carer, make_user, region):
    """assessed(eligible=True, **carer) -> a completed assessment for a new carer, by the Test Council."""
    assessor = make_user(Role.PRACTITIONER)

    def _make(eligible=True, days_ago=0, **carer_fields):
        carer = make_carer(**carer_fields)
        return completed_assessment(
            carer, actor=assessor, organisation=region["orgs"]["council"], eligible=eligible, days_ago=days_ago
        )

    return _make


def plan_form(client, url, **changes) -> dict:
    """The plan form as the page shows it, with the given fields typed in."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = Page(response).form_data()
    data.pop("add_more", None)
    for key, value in changes.items():
        if key.endswith("_date") and not isinstance(value, str):
            data.update(date_parts(key, value))
        else:
            data[key] = value
    return data


def action(i, description="", who="", organisation="", due_by=None) -> dict:
    return {
        f"actions-{i}-description": description,
        f"actions-{i}-who": who,
        f"actions-{i}-organisation": str(organisation),
        **date_parts(f"actions-{i}-due_by", due_by),
    }


def make_plan(client, assessment, **changes) -> SupportPlan:
    url = f"/plans/new/{assessment.pk}/"
    data = plan_form(client, url, **{"review_date": today() + timedelta(days=300), **changes})
    response = client.post(url, data)
    assert response.status_code == 302, Page(response).error_summary
    return SupportPlan.objects.get(carer=assessment.carer, status=SupportPlan.Status.DRAFT)


def agree(client, plan):
    plan.refresh_from_db()
    return client.post(f"/plans/{plan.pk}/agree/", {"version": plan.version})


# --- Making a plan ----------------------------------------------------------------


def test_a_plan_is_made_from_a_completed_eligible_assessment_with_actions_support_and_a_budget(practitioner, assessed, region):
    assessment = assessed(eligible=True)
    url = f"/plans/new/{assessment.pk}/"
    page = Page(practitioner.get(url))
    assert page.value_of("outcomes") == "To sleep through the night twice a week", "starts from the assessment"
    default_review = today().replace(year=today().year + 1) if not (today().month == 2 and today().day == 29) else None
    if default_review:
        assert page.value_of("review_date_year") == str(default_review.year)
        assert page.value_of("review_date_month") == str(default_review.month)

    partner = region["orgs"]["partner"]
    due = today() + timedelta(days=30)
    data = plan_form(
        practitioner,
        url,
        outcomes="Two full nights' sleep a week\nKeep her job",
        support_options=["short_breaks", "direct_payment"],
        personal_budget="£1,250.50",
        review_date=today() + timedelta(days=200),
        **action(0, "Sitting service two nights a week", "partner", partner.pk, due),
        **action(1, "Talk to her employer about flexible working", "carer"),
    )
    response = practitioner.post(url, data)

    plan = SupportPlan.objects.get(carer=assessment.carer)
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert (plan.status, plan.plan_version, plan.previous) == ("draft", 1, None)
    assert plan.personal_budget == Decimal("1250.50")
    assert plan.support_options == ["short_breaks", "direct_payment"]
    assert plan.review_date == today() + timedelta(days=200)
    actions = list(plan.actions.order_by("pk").values_list("description", "who", "organisation", "due_by"))
    assert actions == [
        ("Sitting service two nights a week", "partner", partner.pk, due),
        ("Talk to her employer about flexible working", "carer", None, None),
    ], "the empty third row is ignored"

    page = Page(practitioner.get(f"/plans/{plan.pk}/"))
    assert "Two full nights' sleep a week" in page.text
    assert "Sitting service two nights a week" in page.text and "Test Young Carers" in page.text
    assert "£1,250.50 a year" in page.text
    assert AccessEvent.objects.filter(person_ref=assessment.carer.pk, part=AccessPart.SUPPORT_PLAN).exists()


def test_an_ineligible_carer_gets_a_preventative_plan_but_no_personal_budget(practitioner, assessed):
    assessment = assessed(eligible=False)
    url = f"/plans/new/{assessment.pk}/"

    response = practitioner.post(url, plan_form(practitioner, url, personal_budget="500", support_options=["preventative"]))

    assert response.status_code == 200
    assert "only be given when the assessment found the carer's needs eligible" in Page(response).error_for("personal_budget")
    assert not SupportPlan.objects.exists()

    response = practitioner.post(url, plan_form(practitioner, url, personal_budget="", support_options=["preventative"]))
    assert response.status_code == 302
    plan = SupportPlan.objects.get()
    assert plan.personal_budget is None and plan.support_options == ["preventative"]


def test_a_direct_payment_needs_eligible_needs_and_a_budget(practitioner, assessed):
    eligible = assessed(eligible=True)
    url = f"/plans/new/{eligible.pk}/"
    response = practitioner.post(url, plan_form(practitioner, url, support_options=["direct_payment"], personal_budget=""))
    assert Page(response).error_for("personal_budget") == "Enter the personal budget, because a direct payment is chosen"

    ineligible = assessed(eligible=False, given="Bryn", nhs_number=None)
    url = f"/plans/new/{ineligible.pk}/"
    response = practitioner.post(url, plan_form(practitioner, url, support_options=["direct_payment"]))
    assert "direct payment can only be chosen" in Page(response).error_for("support_options")
    assert not SupportPlan.objects.exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"review_date": "past"}, "review_date", "Review date must be in the future"),
        ({"review_date": "today"}, "review_date", "Review date must be in the future"),
        ({"review_date": "too_far"}, "review_date", "Review date must be within 3 years of today"),
        ({"review_date_day": "", "review_date_month": "", "review_date_year": ""}, "review_date", "Enter the review date"),
        ({"review_date_day": "31", "review_date_month": "2"}, "review_date", "Review date must be a real date"),
        ({"personal_budget": "-50"}, "personal_budget", "Personal budget must be more than £0"),
        ({"personal_budget": "0"}, "personal_budget", "Personal budget must be more than £0"),
        ({"personal_budget": "12.345"}, "personal_budget", "Personal budget must be in pounds and pence, like 1200.50"),
        ({"personal_budget": "lots"}, "personal_budget", "Personal budget must be an amount of money, like 1200 or 1200.50"),
        ({"personal_budget": "NaN"}, "personal_budget", "Personal budget must be an amount of money, like 1200 or 1200.50"),
        ({"personal_budget": "99999999"}, "personal_budget", "Personal budget must be £9,999,999.99 or less"),
        ({"outcomes": "   "}, "outcomes", "Enter the carer's outcomes"),
        ({"outcomes": "x" * 5001}, "outcomes", "The carer's outcomes must be 5,000 characters or fewer"),
        ({"support_options": ["bribes"]}, "support_options", "Select the support chosen from the list"),
        (action(0, "y" * 501, "carer"), "actions-0-description", "Action 1 must be 500 characters or fewer"),
        (action(0, "Ring the GP"), "actions-0-who", "Select who will do action 1"),
        (action(1, "", "council"), "actions-1-description", "Enter what will be done for action 2"),
        (action(0, "Ring the GP", "dragons"), "actions-0-who", "Select who will do action 1"),
        (action(0, "Ring the GP", "carer", "999999"), "actions-0-organisation", "Select an organisation for action 1 from the list"),
        ({**action(0, "Ring the GP", "carer"), "actions-0-due_by": "past"}, "actions-0-due_by", "The date for action 1 must be today or in the future"),
        ({**action(0, "Ring the GP", "carer"), "actions-0-due_by_month": "13", "actions-0-due_by_day": "1", "actions-0-due_by_year": "2030"}, "actions-0-due_by", "The date for action 1 must be a real date"),
    ],
)
def test_bad_plan_input_is_explained_on_the_field_and_nothing_is_saved(practitioner, assessed, changes, field, message):
    assessment = assessed(eligible=True)
    url = f"/plans/new/{assessment.pk}/"
    special = {"past": today() - timedelta(days=1), "today": today(), "too_far": today() + timedelta(days=4 * 366)}
    resolved = {}
    for key, value in changes.items():
        if key in ("review_date", "actions-0-due_by"):
            resolved.update(date_parts(key, special[value]))
        else:
            resolved[key] = value

    response = practitioner.post(url, plan_form(practitioner, url, **resolved))

    assert response.status_code == 200
    page = Page(response)
    assert page.error_for(field) == message, page.field_errors()
    assert message in page.error_summary
    assert not SupportPlan.objects.exists()


def test_missing_action_rows_do_not_break_the_page(practitioner, assessed):
    assessment = assessed()
    url = f"/plans/new/{assessment.pk}/"
    data = plan_form(practitioner, url)
    del data["actions-TOTAL_FORMS"]

    response = practitioner.post(url, data)

    assert response.status_code == 200
    assert "The actions could not be read" in " ".join(Page(response).error_summary)
    assert not SupportPlan.objects.exists()


def test_no_plan_before_the_assessment_is_completed(practitioner, make_carer, make_user, region):
    carer = make_carer()
    draft = services.start_assessment(
        carer=carer, assessment_type=AssessmentType.CARER, organisation=region["orgs"]["council"], actor=make_user(Role.PRACTITIONER)
    )

    response = practitioner.get(f"/plans/new/{draft.pk}/")

    assert response.status_code == 302 and response.url == f"/assessments/{draft.pk}/"
    response = practitioner.post(f"/plans/new/{draft.pk}/", {"outcomes": "x"})
    assert response.status_code == 302
    assert not SupportPlan.objects.exists()


def test_a_carer_has_one_draft_at_a_time(practitioner, assessed):
    assessment = assessed()
    first = make_plan(practitioner, assessment)

    response = practitioner.get(f"/plans/new/{assessment.pk}/")

    assert response.status_code == 302 and response.url == f"/plans/{first.pk}/"
    assert SupportPlan.objects.count() == 1


def test_save_and_add_more_actions_gives_three_more_empty_rows(practitioner, assessed):
    assessment = assessed()
    url = f"/plans/new/{assessment.pk}/"
    data = plan_form(
        practitioner, url, add_more="1", **action(0, "One", "carer"), **action(1, "Two", "family"), **action(2, "Three", "council")
    )
    response = practitioner.post(url, data)
    plan = SupportPlan.objects.get()
    assert response.url == f"/plans/{plan.pk}/edit/#actions"

    data = plan_form(practitioner, f"/plans/{plan.pk}/edit/", **action(3, "Four", "carer"), **action(5, "Six", "family"))
    assert data["actions-TOTAL_FORMS"] == "6" and data["actions-INITIAL_FORMS"] == "3"
    data["actions-1-DELETE"] = "on"
    response = practitioner.post(f"/plans/{plan.pk}/edit/", data)

    assert response.status_code == 302, Page(response).error_summary
    assert list(plan.actions.values_list("description", flat=True)) == ["One", "Three", "Four", "Six"]


# --- Agreeing, versions and changes ---------------------------------------------------


def test_agreeing_records_who_when_and_an_event_for_the_figures(practitioner, assessed):
    assessment = assessed(days_ago=12)
    plan = make_plan(practitioner, assessment, personal_budget="1200", support_options=["short_breaks", "direct_payment"])

    response = agree(practitioner, plan)

    plan.refresh_from_db()
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert plan.status == "agreed" and plan.agreed_by == practitioner.user and plan.agreed_at is not None
    event = Event.objects.get(kind=EventKind.PLAN_AGREED)
    assert event.person == assessment.carer and event.object_id == plan.pk
    assert event.data["personal_budget"] == "1200.00"
    assert event.data["support_options"] == ["short_breaks", "direct_payment"]
    assert event.data["days_from_assessment"] == 12
    assert event.data["first_for_assessment"] is True


def test_agreeing_is_refused_when_the_review_date_has_passed(practitioner, assessed):
    plan = make_plan(practitioner, assessed())
    SupportPlan.objects.filter(pk=plan.pk).update(review_date=today())

    agree(practitioner, plan)

    plan.refresh_from_db()
    assert plan.status == "draft"
    assert not Event.objects.filter(kind=EventKind.PLAN_AGREED).exists()
    page = Page(practitioner.get(f"/plans/{plan.pk}/"))
    assert "the review date must be in the future" in page.text


def test_changing_the_plan_makes_a_new_version_and_the_old_one_stays_readable(practitioner, assessed):
    assessment = assessed()
    v1 = make_plan(practitioner, assessment, outcomes="Sleep", **action(0, "Sitting service", "council"))
    agree(practitioner, v1)

    response = practitioner.post(f"/plans/{v1.pk}/change/")

    v2 = SupportPlan.objects.get(carer=assessment.carer, status="draft")
    assert response.status_code == 302 and response.url == f"/plans/{v2.pk}/edit/"
    assert (v2.plan_version, v2.previous_id, v2.outcomes) == (2, v1.pk, "Sleep")
    assert list(v2.actions.values_list("description", flat=True)) == ["Sitting service"]
    v1.refresh_from_db()
    assert v1.status == "agreed", "the agreed version stays in force while the change is a draft"

    data = plan_form(practitioner, f"/plans/{v2.pk}/edit/", outcomes="Sleep, and a weekend away each year")
    assert practitioner.post(f"/plans/{v2.pk}/edit/", data).status_code == 302
    agree(practitioner, v2)

    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == ("superseded", "agreed")
    old = Page(practitioner.get(f"/plans/{v1.pk}/"))
    assert "Sleep" in old.text and "weekend away" not in old.text
    assert "Replaced by a newer version" in old.text
    assert "weekend away" in Page(practitioner.get(f"/plans/{v2.pk}/")).text
    assert practitioner.get(f"/plans/{v1.pk}/edit/").status_code == 302, "an agreed version cannot be edited"
    events = Event.objects.filter(kind=EventKind.PLAN_AGREED).order_by("occurred_at", "pk")
    assert [(e.data["plan_version"], e.data["first_for_assessment"]) for e in events] == [(1, True), (2, False)]


def test_a_plan_from_a_new_assessment_follows_on_from_the_plan_in_force(practitioner, assessed, make_user, region):
    first = assessed()
    v1 = make_plan(practitioner, first)
    agree(practitioner, v1)
    second = completed_assessment(
        first.carer, actor=make_user(Role.PRACTITIONER), organisation=region["orgs"]["council"], eligible=False
    )

    v2 = make_plan(practitioner, second)
    assert (v2.plan_version, v2.previous_id, v2.assessment_id) == (2, v1.pk, second.pk)
    agree(practitioner, v2)

    assert SupportPlan.objects.get(pk=v1.pk).status == "superseded"


def test_two_people_editing_the_same_draft_cannot_overwrite_each_other(practitioner, assessed, make_user, new_client):
    plan = make_plan(practitioner, assessed(), outcomes="First words")
    other = new_client(make_user(Role.TEAM_MANAGER))
    url = f"/plans/{plan.pk}/edit/"
    mine = plan_form(practitioner, url, outcomes="My change")
    theirs = plan_form(other, url, outcomes="Their change", **action(0, "Their action", "carer"))

    assert practitioner.post(url, mine).status_code == 302
    response = other.post(url, theirs)

    assert response.status_code == 200
    assert "Somebody else changed this record while you were editing it" in " ".join(Page(response).error_summary)
    plan.refresh_from_db()
    assert plan.outcomes == "My change"
    assert not plan.actions.exists(), "nothing of the second save is kept"


def test_agreeing_a_draft_somebody_has_just_changed_is_refused(practitioner, assessed):
    plan = make_plan(practitioner, assessed())
    opened_at = plan.version
    data = plan_form(practitioner, f"/plans/{plan.pk}/edit/", outcomes="Changed meanwhile")
    practitioner.post(f"/plans/{plan.pk}/edit/", data)

    response = practitioner.post(f"/plans/{plan.pk}/agree/", {"version": opened_at})

    plan.refresh_from_db()
    assert response.status_code == 302 and plan.status == "draft"


def test_a_draft_can_be_deleted_but_an_agreed_plan_cannot(practitioner, assessed):
    assessment = assessed()
    plan = make_plan(practitioner, assessment)

    response = practitioner.post(f"/plans/{plan.pk}/delete/", {"version": plan.version})

    assert response.url == f"/plans/carer/{assessment.carer.pk}/"
    assert not SupportPlan.objects.exists()
    plan = make_plan(practitioner, assessment)
    agree(practitioner, plan)
    plan.refresh_from_db()
    practitioner.post(f"/plans/{plan.pk}/delete/", {"version": plan.version})
    assert SupportPlan.objects.filter(pk=plan.pk, status="agreed").exists()


def test_the_carers_plans_page_lists_every_version_and_offers_a_plan_per_completed_assessment(practitioner, assessed):
    assessment = assessed()
    page = Page(practitioner.get(f"/plans/carer/{assessment.carer.pk}/"))
    assert "No support plan yet." in page.text
    assert f"/plans/new/{assessment.pk}/" in page.links()

    plan = make_plan(practitioner, assessment)
    agree(practitioner, plan)
    practitioner.post(f"/plans/{plan.pk}/change/")

    page = Page(practitioner.get(f"/plans/carer/{assessment.carer.pk}/"))
    assert [row[:2] for row in page.table_rows()] == [["Version 2", "Draft"], ["Version 1", "Agreed"]]
    assert f"/plans/new/{assessment.pk}/" not in page.links(), "no second draft while one is open"


# --- The carer's copy -----------------------------------------------------------------


def test_the_carer_gets_a_plain_english_copy_and_a_pdf(practitioner, assessed, region):
    assessment = assessed(given="Carys")
    plan = make_plan(
        practitioner,
        assessment,
        personal_budget="1250.5",
        support_options=["short_breaks", "direct_payment"],
        **action(0, "Sitting service two nights a week", "partner", region["orgs"]["partner"].pk),
        **action(1, "Ask for flexible working", "carer"),
        **action(2, "Arrange the direct payment", "council"),
    )
    agree(practitioner, plan)

    page = Page(practitioner.get(f"/plans/{plan.pk}/copy/"))
    assert "Your support plan" in page.text
    assert "Dear Carys," in page.text
    assert "Your personal budget is £1,250.50 a year" in page.text
    assert "You : Ask for flexible working" in page.text
    assert "Test Young Carers : Sitting service two nights a week" in page.text
    assert "Test Council : Arrange the direct payment" in page.text

    response = practitioner.get(f"/plans/{plan.pk}/copy.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert AccessEvent.objects.filter(person_ref=assessment.carer.pk, part=AccessPart.SUPPORT_PLAN, action="export").exists()


def test_the_copy_for_an_ineligible_carer_explains_there_is_no_budget(practitioner, assessed):
    plan = make_plan(practitioner, assessed(eligible=False), support_options=["preventative"])
    page = Page(practitioner.get(f"/plans/{plan.pk}/copy/"))
    assert "not eligible for support paid for by the council" in page.text
    assert "It is not agreed yet" in page.text, "a draft copy says so"


@pytest.mark.parametrize(
    "path",
    ["/plans/{plan}/", "/plans/{plan}/copy/", "/plans/{plan}/copy.pdf", "/plans/{plan}/review/", "/plans/{draft}/edit/",
     "/plans/carer/{carer}/"],
)
def test_every_page_showing_a_plan_logs_the_look(practitioner, assessed, path):
    assessment = assessed()
    plan = make_plan(practitioner, assessment)
    agree(practitioner, plan)
    practitioner.post(f"/plans/{plan.pk}/change/")
    draft = SupportPlan.objects.get(status="draft")
    url = path.format(plan=plan.pk, draft=draft.pk, carer=assessment.carer.pk)

    assert practitioner.get(url).status_code == 200

    event = AccessEvent.objects.get(path=url)
    assert (event.person_ref, event.part, event.actor) == (assessment.carer.pk, AccessPart.SUPPORT_PLAN, practitioner.user)
