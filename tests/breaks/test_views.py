"""The breaks pages through the test client: errors on the field and nothing saved, never a 500;
actions on a booking; the person page, the timeline, the home queue and the access log."""

import datetime

import pytest

from carershub.audit.models import AccessEvent
from carershub.support.breaks import services
from carershub.support.breaks.models import Allowance, Booking, LedgerEntry
from tests import formdata
from tests.breaks.conftest import at
from tests.pages import Page


@pytest.fixture
def worker(new_client, practitioner):
    return new_client(practitioner)


@pytest.fixture
def boss(new_client, manager):
    return new_client(manager)


def grant_data(page, **typed):
    return {**page.form_data(), "amount": "40", "reason": "Agreed at the plan meeting", **typed}


def booking_data(page, org, day, start="10:00", end="14:00", end_day=None, **typed):
    return {
        **page.form_data(), "kind": "sitting", "provider": str(org.pk),
        **formdata.date_parts("start_date", day), "start_time": start,
        **formdata.date_parts("end_date", end_day or day), "end_time": end, **typed,
    }


def test_a_practitioner_grants_40_hours_from_the_plan(worker, carer, plan):
    url = f"/breaks/carer/{carer.pk}/grant/"
    page = Page(worker.get(url))
    assert page.value_of("source") == "plan" or "plan" in str(page.form_data().get("source"))
    response = worker.post(url, grant_data(page))
    assert response.status_code == 302
    allowance = Allowance.objects.get()
    assert (allowance.unit, allowance.amount, allowance.plan_id) == ("minutes", 2400, plan.pk)
    shown = Page(worker.get(response.url))
    assert "Allowance granted: 40 hours" in shown.text
    assert "Left to book" in shown.text and "40 hours" in shown.text


@pytest.mark.parametrize(("typed", "field", "message"), [
    ({"amount": "-3"}, "amount", "Enter hours greater than zero"),
    ({"amount": "0"}, "amount", "Enter hours greater than zero"),
    ({"amount": "lots"}, "amount", "Enter the hours as a number, like 3 or 3.5"),
    ({"unit": "pence", "amount": "£12.505"}, "amount", "Enter the amount in pounds and pence, like £12.50"),
    ({"reason": ""}, "reason", "Enter why the allowance is granted"),
    ({**formdata.date_parts("ends_on", datetime.date(2020, 1, 1))}, "ends_on", "The end of the period must be on or after its start"),
    ({"starts_on_day": "45"}, "starts_on", "From must be a real date"),
])
def test_bad_grants_say_so_on_the_field_and_save_nothing(worker, carer, plan, typed, field, message):
    url = f"/breaks/carer/{carer.pk}/grant/"
    response = worker.post(url, grant_data(Page(worker.get(url)), **typed))
    assert response.status_code == 200
    assert Page(response).error_for(field) == message, Page(response).error_summary
    assert not Allowance.objects.exists()


def test_a_worker_of_another_council_may_grant_only_a_preventative_break(carer, plan, marches_council, make_user, new_client):
    from carershub.accounts.models import Role

    stranger = make_user(Role.PRACTITIONER, organisation=marches_council)
    carer.carer.case_worker = stranger  # works with the carer, but the plan is Test Council's
    carer.carer.save()
    client = new_client(stranger)
    url = f"/breaks/carer/{carer.pk}/grant/"
    page = Page(client.get(url))
    assert "only a preventative break can be granted here" in page.text
    response = client.post(url, {**page.form_data(), "source": "plan", "amount": "40", "reason": "Trying the plan"})
    assert Page(response).error_for("source").startswith("Select a valid choice") or response.status_code == 200
    assert not Allowance.objects.exists()
    response = client.post(url, {**page.form_data(), "source": "preventative", "amount": "6", "reason": "Crisis at home"})
    assert response.status_code == 302
    made = Allowance.objects.get()
    assert made.preventative and made.plan is None and made.organisation == marches_council


def test_a_draft_plan_offers_only_a_preventative_break(worker, carer, plan):
    from carershub.support.models import SupportPlan

    SupportPlan.objects.filter(pk=plan.pk).update(status="draft")
    page = Page(worker.get(f"/breaks/carer/{carer.pk}/grant/"))
    assert "only a preventative break can be granted here" in page.text


@pytest.mark.parametrize("typed", [
    {"hours": "1e400"}, {"cost": "NaN"}, {"start_date_year": "99999999999999999999"}, {"provider": "99999999"},
    {"caring": "abc"}, {"kind": "holiday"}, {"end_time": "24:00"}, {"notes": "x" * 3000},
])
def test_garbage_in_the_booking_form_is_an_error_never_a_500(worker, allowance, provider, past_day, typed):
    url = f"/breaks/allowance/{allowance.pk}/book/"
    response = worker.post(url, booking_data(Page(worker.get(url)), provider, past_day, **typed))
    assert response.status_code == 200
    assert Page(response).error_summary
    assert not Booking.objects.exists()


def test_garbage_in_the_actions_is_an_error_never_a_500(worker, allowance, provider, past_day, practitioner):
    booking = services.request_booking(allowance, provider=provider, kind="regular", starts_at=at(past_day, 10),
                                       ends_at=at(past_day, 12), actor=practitioner)
    for action, data in (("confirm", {"confirm-version": "x"}), ("cancel", {"cancel-version": "1", "cancel-reason": ""}),
                         ("deliver", {"deliver-version": "1", "deliver-hours": "2"}),
                         ("no-show", {"no_show-version": "1", "no_show-reason": "Not there"})):
        response = worker.post(f"/breaks/booking/{booking.pk}/{action}/", data)
        assert response.status_code == 200, action
        assert Page(response).error_summary, action
    assert worker.get(f"/breaks/booking/{booking.pk}/confirm/").status_code == 405
    assert worker.get("/breaks/booking/999999/").status_code == 404
    assert LedgerEntry.objects.count() == 1


def test_the_timeline_costs_the_same_however_many_breaks(worker, allowance, provider, past_day, practitioner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert worker.get(f"/people/{allowance.carer_id}/timeline/").status_code == 200
        return len(queries)

    services.request_booking(allowance, provider=provider, kind="regular", starts_at=at(past_day, 1),
                             ends_at=at(past_day, 2), actor=practitioner)
    count()  # the first page of a session does its once-a-minute session write (decision 21)
    few = count()
    for hour in range(3, 9):
        b = services.request_booking(allowance, provider=provider, kind="regular", starts_at=at(past_day, hour),
                                     ends_at=at(past_day, hour, 30), actor=practitioner)
        services.confirm(b, expected_version=b.version, actor=practitioner)
    assert count() == few


def test_booking_errors_are_on_the_field_and_nothing_is_saved(worker, allowance, provider, past_day):
    url = f"/breaks/allowance/{allowance.pk}/book/"
    page = Page(worker.get(url))
    cases = [
        ({"end_time": "09:00"}, "end_date", "The end must be after the start"),
        ({"start_time": "25:99"}, "start_time", "Enter the time like 15:00"),
        ({"provider": "not-a-number"}, "provider", "Select the provider"),
        ({"hours": "-2"}, "hours", "Enter hours greater than zero"),
        ({"hours": "41"}, "hours", "That is more than the 40 hours left to book on this allowance"),
        ({"cost": "£abc"}, "cost", "Enter an amount of money, like £12.50 or 12.50"),
    ]
    for typed, field, message in cases:
        response = worker.post(url, booking_data(page, provider, past_day, **typed))
        assert response.status_code == 200, typed
        assert Page(response).error_for(field) == message, (typed, Page(response).error_summary)
    before = allowance.starts_on - datetime.timedelta(days=1)
    response = worker.post(url, booking_data(page, provider, before, end_day=allowance.starts_on))
    assert Page(response).error_for("start_date").startswith("The break must start on or after")
    assert not Booking.objects.exists()


def test_an_overlapping_booking_is_refused_naming_the_other(worker, allowance, provider, past_day, practitioner):
    services.request_booking(allowance, provider=provider, kind="regular", starts_at=at(past_day, 10),
                             ends_at=at(past_day, 12), actor=practitioner)
    url = f"/breaks/allowance/{allowance.pk}/book/"
    response = worker.post(url, booking_data(Page(worker.get(url)), provider, past_day, start="11:00", end="13:00"))
    message = Page(response).error_for("start_date")
    assert message.startswith("This carer already has a break booked from ") and "10:00" in message and "12:00" in message
    assert Booking.objects.count() == 1


def test_a_booking_is_requested_confirmed_and_delivered_through_its_page(worker, allowance, provider, past_day):
    url = f"/breaks/allowance/{allowance.pk}/book/"
    response = worker.post(url, booking_data(Page(worker.get(url)), provider, past_day, hours="3.5"))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.minutes == 210
    page = Page(worker.get(response.url))
    response = worker.post(f"/breaks/booking/{booking.pk}/confirm/", page.form_data(f"/breaks/booking/{booking.pk}/confirm/"))
    assert response.status_code == 302
    page = Page(worker.get(response.url))
    assert "Booking confirmed" in page.text
    deliver = f"/breaks/booking/{booking.pk}/deliver/"
    response = worker.post(deliver, {**page.form_data(deliver), "deliver-hours": "-1"})
    assert Page(response).error_for("deliver-hours") == "Enter hours greater than zero"
    response = worker.post(deliver, {**page.form_data(deliver), "deliver-hours": "3"})
    assert response.status_code == 302, Page(response).error_summary
    booking.refresh_from_db()
    assert booking.status == "delivered" and booking.actual_minutes == 180
    assert services.balance_of(allowance) == 2400 - 180
    carer_page = Page(worker.get(f"/breaks/carer/{allowance.carer_id}/"))
    assert "37 hours" in carer_page.text  # left to book
    # The same confirm sent again (an old page) changes nothing and says so.
    response = worker.post(f"/breaks/booking/{booking.pk}/confirm/", {"confirm-version": "1"})
    assert response.status_code == 200
    assert Page(response).error_summary == ["This booking is delivered now, so that cannot be done. Check it as it is now."]
    assert LedgerEntry.objects.filter(kind="hold").count() == 1


def test_cancel_and_no_show_need_a_reason(worker, allowance, provider, past_day, practitioner):
    booking = services.request_booking(allowance, provider=provider, kind="regular", starts_at=at(past_day, 10),
                                       ends_at=at(past_day, 12), actor=practitioner)
    services.confirm(booking, expected_version=booking.version, actor=practitioner)
    url = f"/breaks/booking/{booking.pk}/no-show/"
    page = Page(worker.get(f"/breaks/booking/{booking.pk}/"))
    response = worker.post(url, page.form_data(url))
    assert Page(response).error_for("no_show-reason") == "Enter the reason"
    response = worker.post(url, {**page.form_data(url), "no_show-reason": "Nobody answered the door"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "no_show"
    assert services.balance_of(allowance) == 2400


def test_only_a_manager_adjusts(worker, boss, allowance):
    url = f"/breaks/allowance/{allowance.pk}/adjust/"
    assert worker.get(url).status_code == 403
    page = Page(boss.get(url))
    response = boss.post(url, {**page.form_data(), "direction": "take", "amount": "50", "reason": "Correction"})
    assert Page(response).error_for("amount").startswith("That would take the balance below zero")
    assert LedgerEntry.objects.count() == 1
    response = boss.post(url, {**page.form_data(), "direction": "take", "amount": "50", "reason": "Recovery", "override": "on"})
    assert response.status_code == 302
    assert services.balance_of(allowance) == -600
    assert "Override" in Page(boss.get(response.url)).text


def test_the_person_page_timeline_queue_and_access_log(worker, allowance, provider, past_day, practitioner):
    booking = services.request_booking(allowance, provider=provider, kind="regular", starts_at=at(past_day, 10),
                                       ends_at=at(past_day, 12), actor=practitioner)
    person = Page(worker.get(f"/people/{allowance.carer_id}/"))
    assert "40 hours left to book" in person.text
    timeline = Page(worker.get(f"/people/{allowance.carer_id}/timeline/"))
    assert "Short breaks allowance granted: 40 hours" in timeline.text
    assert "Break requested: Regular short break" in timeline.text
    home = Page(worker.get("/"))
    assert "Short breaks to confirm with the provider" in home.text
    queue = Page(worker.get("/breaks/"))
    assert "Breaks Testcarer" in queue.text
    services.confirm(booking, expected_version=booking.version, actor=practitioner)
    queue = Page(worker.get("/breaks/"))
    assert "Delivery to record" in queue.text and "Regular short break" in queue.text
    parts = set(AccessEvent.objects.filter(person_ref=allowance.carer_id).values_list("part", flat=True))
    assert "breaks" in parts


def test_another_council_sees_nothing_in_its_queue(allowance, provider, past_day, practitioner, new_client, make_user, marches_council):
    from carershub.accounts.models import Role

    services.request_booking(allowance, provider=provider, kind="regular", starts_at=at(past_day, 10),
                             ends_at=at(past_day, 12), actor=practitioner)
    stranger = make_user(Role.PRACTITIONER, organisation=marches_council)
    assert "Breaks Testcarer" not in Page(new_client(stranger).get("/breaks/")).text
    assert services.to_confirm(stranger).count() == 0
