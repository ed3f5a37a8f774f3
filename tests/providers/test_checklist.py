"""The Quality Framework Checklist, its reminders, the registration pathway and the support service's advice."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.partnership.models import Organisation
from carershub.providers import advice, services
from carershub.providers.models import Advice, Check, RegistrationApplication, SupportService
from tests import formdata

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _days(n):
    return TODAY() + datetime.timedelta(days=n)


def _expires(provider, item, on):
    Check.objects.filter(provider=provider, item=item).update(checked_on=on - datetime.timedelta(days=365), expires_on=on)


def test_record_a_check_with_errors_at_the_fields(keeper_client, make_provider):
    provider = make_provider()
    url = f"/providers/{provider.pk}/checklist/insurance/"
    page = keeper_client.post(url, {"outcome": "met", **formdata.date_parts("checked_on", _days(2))}).content.decode()
    assert "Checked on must be today or in the past" in page
    assert "Enter the date the evidence expires" in page
    later = keeper_client.post(url, {"outcome": "met", **formdata.date_parts("checked_on", _days(-1)),
                                     **formdata.date_parts("expires_on", _days(-5))}).content.decode()
    assert "The expiry date must be after the date checked" in later
    not_apply = keeper_client.post(url, {"outcome": "not_applicable", **formdata.date_parts("checked_on", TODAY())})
    assert "Select the outcome" in not_apply.content.decode()
    dbs = keeper_client.post(f"/providers/{provider.pk}/checklist/dbs/",
                             {"outcome": "met", **formdata.date_parts("checked_on", TODAY()),
                              **formdata.date_parts("expires_on", _days(300))}).content.decode()
    assert "Select the worker this check is for" in dbs
    before = Check.objects.count()
    ok = keeper_client.post(url, {"outcome": "met", "evidence": "Policy 123", **formdata.date_parts("checked_on", TODAY()),
                                  **formdata.date_parts("expires_on", _days(365))})
    assert ok.status_code == 302 and Check.objects.count() == before + 1
    assert Event.objects.filter(kind=EventKind.PROVIDER_CHECKED).count() == 1


def test_not_applicable_refused_by_the_service_for_essential_items(make_provider, keeper):
    provider = make_provider()
    with pytest.raises(services.Refused) as refused:
        services.record_check(provider, actor=keeper, item="insurance", outcome="not_applicable", checked_on=TODAY())
    assert refused.value.code == "cannot_not_apply"
    row = services.record_check(provider, actor=keeper, item="community_benefit", outcome="not_applicable",
                                checked_on=TODAY())
    assert row.pk


def test_an_expired_essential_item_stops_new_people(keeper_client, make_provider, keeper):
    provider = make_provider()
    assert services.new_people_problems(provider) == []
    services.record_check(provider, actor=keeper, item="insurance", outcome="met", checked_on=_days(-400),
                          expires_on=_days(-1))  # recorded later, but an older check: the latest by date counts
    assert services.new_people_problems(provider) == []
    _expires(provider, "insurance", _days(-1))
    problems = services.new_people_problems(provider)
    assert problems == ["Insurance has expired."]
    page = keeper_client.get(f"/providers/{provider.pk}/").content.decode()
    assert "Cannot take new people" in page and "Insurance has expired." in page


def test_worker_of_the_provider_sees_their_due_items(make_provider, make_user, new_client):
    provider = make_provider()
    _expires(provider, "dbs", _days(10))
    client = new_client(make_user(Role.PARTNER_WORKER, organisation=provider.organisation))
    page = client.get(f"/providers/{provider.pk}/").content.decode()
    assert "1 check is due or has expired." in page
    assert client.get("/providers/reminders/").status_code == 403


def test_reminders_queue(keeper_client, make_provider, keeper):
    due = make_provider(name="Test Due Soon")
    expired = make_provider(name="Test Expired")
    fine = make_provider(name="Test All Fine")
    _expires(due, "policy_safeguarding", _days(20))
    _expires(expired, "insurance", _days(-3))
    services.record_check(fine, actor=keeper, item="policy_complaints", outcome="met", checked_on=TODAY(),
                          expires_on=_days(30))
    rows = services.reminders()
    assert [(r.provider.name, r.check.item, r.state) for r in rows] == [
        ("Test Expired", "insurance", "expired"),
        ("Test Due Soon", "policy_safeguarding", "due"),
        ("Test All Fine", "policy_complaints", "due"),  # not essential: after the essential ones
    ]
    page = keeper_client.get("/providers/reminders/").content.decode()
    assert "Test Expired" in page and "Test Due Soon" in page
    # Renewed: a newer check leaves the queue.
    services.record_check(expired, actor=keeper, item="insurance", outcome="met", checked_on=TODAY(),
                          expires_on=_days(365))
    assert "Test Expired" not in [r.provider.name for r in services.reminders()]


def test_registration_pathway(keeper_client, make_provider):
    provider = make_provider()
    assert provider.limit_applies()
    submitted = _days(-7)
    url = f"/providers/{provider.pk}/registration/new/"
    assert keeper_client.post(url, formdata.date_parts("submitted_on", submitted)).status_code == 302
    application = RegistrationApplication.objects.get()
    assert application.expected_decision_on == submitted + datetime.timedelta(weeks=14)
    page = keeper_client.get(f"/providers/{provider.pk}/").content.decode()
    assert "decision expected by" in page and "about 14 weeks" in page

    second = keeper_client.post(url, formdata.date_parts("submitted_on", TODAY()))
    assert second.status_code == 200
    assert "An application is already waiting for a decision" in second.content.decode()
    assert RegistrationApplication.objects.count() == 1

    decide = f"/providers/registration/{application.pk}/decide/"
    missing = keeper_client.post(decide, {"outcome": "registered", "version": 1, **formdata.date_parts("decided_on", TODAY())})
    assert "Enter the registration number" in missing.content.decode()
    done = keeper_client.post(decide, {"outcome": "registered", "version": 1, "registration_number": "SIN-123",
                                       **formdata.date_parts("decided_on", TODAY())})
    assert done.status_code == 302
    provider.refresh_from_db()
    assert provider.registered_on == TODAY() and provider.registration_number == "SIN-123"
    assert not provider.limit_applies()
    assert "The four-person rule no longer applies." in keeper_client.get(f"/providers/{provider.pk}/").content.decode()
    assert Event.objects.filter(kind=EventKind.REGISTRATION_DECIDED).get().data["outcome"] == "registered"


def test_overdue_registration_on_the_queue(keeper_client, make_provider, keeper):
    provider = make_provider(name="Test Slow Decision")
    services.submit_registration(provider, actor=keeper, submitted_on=_days(-100))
    assert "Test Slow Decision" in keeper_client.get("/providers/reminders/").content.decode()


def _advice(**more):
    return {"topic": "hr", "summary": "Advised on contracts of employment and holiday pay", "confirmed": "on",
            **formdata.date_parts("given_on", TODAY()), **more}


def test_advice_refused_for_monitoring_a_worker_and_without_confirmation(keeper_client, make_provider):
    provider = make_provider()
    url = f"/providers/{provider.pk}/advice/new/"
    monitor = keeper_client.post(url, _advice(summary="We will monitor the care worker's visits every week"))
    page = monitor.content.decode()
    assert monitor.status_code == 200
    assert "monitoring a care worker" in page and "Record the advice given to the business instead" in page
    unconfirmed = keeper_client.post(url, {k: v for k, v in _advice().items() if k != "confirmed"})
    assert "Confirm that the advice gives no ongoing direction" in unconfirmed.content.decode()
    assert Advice.objects.count() == 0


def test_advice_accepted_for_hr_from_the_support_service(make_provider, make_user, new_client):
    provider = make_provider()
    service_org = Organisation.objects.create(name="Test Support Hub", kind=Organisation.Kind.THIRD_SECTOR,
                                              sector=Organisation.Sector.OTHER_THIRD_SECTOR)
    SupportService.objects.create(organisation=service_org)
    client = new_client(make_user(Role.PARTNER_WORKER, organisation=service_org))
    assert client.post(f"/providers/{provider.pk}/advice/new/", _advice()).status_code == 302
    row = Advice.objects.get()
    assert row.given_by == service_org and row.topic == "hr"
    event = Event.objects.get(kind=EventKind.PROVIDER_ADVISED)
    assert event.person_id is None
    assert "contracts of employment" in client.get(f"/providers/{provider.pk}/").content.decode()


def test_a_commissioner_without_a_council_or_service_cannot_advise(client_for, make_provider):
    provider = make_provider()
    client = client_for(Role.COMMISSIONER)  # at the carers centre
    assert client.get(f"/providers/{provider.pk}/advice/new/").status_code == 403


@pytest.mark.parametrize(("summary", "codes"), [
    ("Advised on a supervision policy for the business", []),
    ("Helped them write a care plan for a new client", [advice.CARE_PLAN]),
    ("Arranged cover for the worker while she was ill", [advice.SUPPLYING_COVER]),
    ("Arranged cover for the worker at the person's request", []),
    ("Told the care worker what to do at each visit", [advice.DIRECTING_CARE]),
    ("Buom yn monitro perfformiad y gweithiwr", [advice.MONITORING_WORKER]),
    ("Cyngor ar gyflogi staff", []),
])
def test_ongoing_role_phrases(summary, codes):
    assert advice.ongoing_role_problems("hr", summary) == codes


def test_advice_module_is_pure():
    from tests.conftest import imported_packages

    assert "django" not in imported_packages(advice)
