"""The breaks services: grants, bookings through their states, the ledger, refusals, expiry, rights."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from carershub.activity.models import Event, EventKind
from carershub.core.locking import StaleRecordError
from carershub.support import services as plan_services
from carershub.support.breaks import services
from carershub.support.breaks.models import Allowance, Booking, LedgerEntry
from carershub.support.models import SupportPlan
from tests import builders
from tests.breaks.conftest import at


def entries(allowance):
    return list(LedgerEntry.objects.filter(allowance=allowance).order_by("pk").values_list("kind", "amount"))


def book(allowance, provider, actor, day, start=10, end=14, **extra):
    return services.request_booking(
        allowance, provider=provider, kind="sitting", starts_at=at(day, start), ends_at=at(day, end), actor=actor, **extra
    )


def assert_balance_is_the_sum(allowance):
    assert services.balance_of(allowance) == sum(a for _k, a in entries(allowance))


def test_a_grant_from_the_agreed_plan_writes_the_grant_entry_and_its_event(allowance, plan, practitioner):
    assert entries(allowance) == [("grant", 2400)]
    assert allowance.organisation_id == plan.assessment.assessing_organisation_id
    assert not allowance.preventative and allowance.decided_by == practitioner
    event = Event.objects.get(kind=EventKind.ALLOWANCE_GRANTED)
    assert event.data["minutes"] == 2400 and event.data["preventative"] is False
    assert event.person_id == allowance.carer_id


@pytest.mark.parametrize("status", ["draft", "closed", "superseded"])
def test_a_plan_not_agreed_is_refused_with_a_message(carer, plan, practitioner, status):
    SupportPlan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()
    start, end = services.default_period()
    with pytest.raises(services.BreakRefused) as refused:
        services.grant_allowance(carer, unit="minutes", amount=600, starts_on=start, ends_on=end, reason="x", plan=plan,
                                 actor=practitioner)
    assert "agreed support plan" in refused.value.message
    assert not Allowance.objects.exists()


def test_a_preventative_break_needs_a_reason_and_records_who_decided(carer, practitioner):
    start, end = services.default_period()
    with pytest.raises(services.BreakRefused) as refused:
        services.grant_allowance(carer, unit="pence", amount=25000, starts_on=start, ends_on=end, reason=" ",
                                 preventative=True, actor=practitioner)
    assert refused.value.field == "reason"
    made = services.grant_allowance(carer, unit="pence", amount=25000, starts_on=start, ends_on=end,
                                    reason="Exhausted; GP asked", preventative=True, actor=practitioner)
    assert made.preventative and made.plan is None and made.decided_by == practitioner
    assert Event.objects.get(kind=EventKind.ALLOWANCE_GRANTED).data == {"pence": 25000, "preventative": True, "plan": None}


def test_a_booking_goes_requested_confirmed_delivered_and_the_ledger_follows(allowance, provider, practitioner, past_day):
    booking = book(allowance, provider, practitioner, past_day)
    assert booking.minutes == 240 and booking.status == "requested"
    assert entries(allowance) == [("grant", 2400)], "a request holds nothing yet"
    services.confirm(booking, expected_version=booking.version, actor=practitioner)
    booking.refresh_from_db()
    assert booking.status == "confirmed" and booking.confirmed_by == practitioner
    assert entries(allowance)[-1] == ("hold", -240)
    services.record_delivery(booking, expected_version=booking.version, actual_minutes=210, actual_pence=0, actor=practitioner)
    booking.refresh_from_db()
    assert booking.status == "delivered" and booking.actual_minutes == 210
    assert entries(allowance) == [("grant", 2400), ("hold", -240), ("release", 240), ("delivery", -210)]
    assert services.balance_of(allowance) == 2190
    pos = services.positions([allowance])[allowance.pk]
    assert (pos.held, pos.used, pos.balance) == (0, 210, 2190)
    kinds = list(Event.objects.filter(kind__startswith="break").order_by("pk").values_list("kind", flat=True))
    assert kinds == [EventKind.BREAK_REQUESTED, EventKind.BREAK_CONFIRMED, EventKind.BREAK_DELIVERED]
    delivered = Event.objects.get(kind=EventKind.BREAK_DELIVERED)
    assert delivered.data["minutes"] == 210 and delivered.data["type"] == "sitting" and delivered.data["preventative"] is False


def test_cancelling_a_held_booking_and_a_no_show_give_the_hold_back(allowance, provider, practitioner, past_day):
    first = book(allowance, provider, practitioner, past_day, 9, 11)
    second = book(allowance, provider, practitioner, past_day, 12, 15)
    third = book(allowance, provider, practitioner, past_day, 16, 17)
    for b in (first, second):
        services.confirm(b, expected_version=b.version, actor=practitioner)
        b.refresh_from_db()
    services.cancel(first, expected_version=first.version, reason="Provider ill", actor=practitioner)
    services.record_no_show(second, expected_version=second.version, reason="Nobody came", actor=practitioner)
    services.cancel(third, expected_version=third.version, reason="Carer changed plans", actor=practitioner)
    assert services.balance_of(allowance) == 2400
    assert [k for k, _a in entries(allowance)] == ["grant", "hold", "hold", "release", "release"]
    second.refresh_from_db()
    assert second.status == "no_show" and second.end_reason == "Nobody came" and second.ended_by == practitioner
    assert Event.objects.filter(kind=EventKind.BREAK_CANCELLED).count() == 2
    assert Event.objects.get(kind=EventKind.BREAK_NO_SHOW).data["minutes"] == 180


def test_booking_down_to_the_balance_then_a_further_booking_is_refused(allowance, provider, practitioner, past_day):
    for hour in (0, 10):
        b = book(allowance, provider, practitioner, past_day, hour, hour + 10)
        services.confirm(b, expected_version=b.version, actor=practitioner)
        b.refresh_from_db()
        services.record_delivery(b, expected_version=b.version, actual_minutes=600, actual_pence=0, actor=practitioner)
    day2 = past_day - datetime.timedelta(days=1) if past_day > allowance.starts_on else past_day + datetime.timedelta(days=1)
    b = book(allowance, provider, practitioner, day2, 0, 20)
    assert services.balance_of(allowance) == 2400 - 1200
    with pytest.raises(services.BreakRefused) as refused:
        book(allowance, provider, practitioner, day2, 21, 22)
    assert refused.value.field == "hours" and "0 hours left" in refused.value.message.replace("0 hours", "0 hours")
    assert Booking.objects.count() == 3
    assert b.status == "requested"


def test_a_manager_override_may_go_beyond_the_balance_and_is_flagged(allowance, provider, manager, past_day):
    big = book(allowance, provider, manager, past_day, 0, 23, minutes=45 * 60, override_reason="Crisis: agreed with head of service")
    services.confirm(big, expected_version=big.version, actor=manager)
    hold = LedgerEntry.objects.get(kind="hold")
    assert hold.override and hold.reason.startswith("Crisis")
    assert services.balance_of(allowance) == -300
    assert_balance_is_the_sum(allowance)


@pytest.mark.parametrize(("start", "end", "field"), [
    (lambda a: at(a.starts_on - datetime.timedelta(days=1), 10), lambda a: at(a.starts_on, 10), "start_date"),
    (lambda a: at(a.ends_on, 20), lambda a: at(a.ends_on + datetime.timedelta(days=1), 2), "end_date"),
    (lambda a: at(a.starts_on, 12), lambda a: at(a.starts_on, 10), "end_date"),
])
def test_times_outside_the_period_or_backwards_are_refused(allowance, provider, practitioner, start, end, field):
    with pytest.raises(services.BreakRefused) as refused:
        services.request_booking(allowance, provider=provider, kind="one_off", starts_at=start(allowance),
                                 ends_at=end(allowance), actor=practitioner)
    assert refused.value.field == field
    assert not Booking.objects.exists()


def test_an_overlap_for_the_carer_or_the_cared_for_person_is_refused_naming_the_other_booking(
    allowance, provider, practitioner, past_day, caring, make_carer, region
):
    book(allowance, provider, practitioner, past_day, 10, 14, caring=caring)
    with pytest.raises(services.BreakRefused) as refused:
        book(allowance, provider, practitioner, past_day, 13, 15)
    assert "already has a break booked from" in refused.value.message
    assert timezone.localtime(at(past_day, 10)).strftime("%H:%M") in refused.value.message
    # Another carer of the same father cannot book him into the same afternoon.
    sister = make_carer(given="Sister", family="Testcarer")
    from carershub.people.models import CaringRelationship

    her_caring = CaringRelationship.objects.create(carer=sister, cared_for=caring.cared_for, relationship="parent")
    done = builders.completed_assessment(sister, actor=practitioner, organisation=region["orgs"]["council"])
    her_plan = builders.agreed_plan(done, actor=practitioner)
    hers = services.grant_allowance(sister, unit="minutes", amount=600, starts_on=allowance.starts_on,
                                    ends_on=allowance.ends_on, reason="Plan", plan=her_plan, actor=practitioner)
    with pytest.raises(services.BreakRefused) as refused:
        book(hers, provider, practitioner, past_day, 12, 13, caring=her_caring)
    assert refused.value.message.startswith("Father Testcaredfor already has a break booked")
    # Back to back is fine.
    book(hers, provider, practitioner, past_day, 14, 16, caring=her_caring)


def test_a_cancelled_booking_no_longer_clashes(allowance, provider, practitioner, past_day):
    first = book(allowance, provider, practitioner, past_day)
    services.cancel(first, expected_version=first.version, reason="Changed", actor=practitioner)
    book(allowance, provider, practitioner, past_day)


def test_booking_against_a_closed_plan_or_an_ended_period_is_refused(allowance, provider, practitioner, past_day, plan):
    SupportPlan.objects.filter(pk=plan.pk).update(status="closed")
    with pytest.raises(services.BreakRefused) as refused:
        book(allowance, provider, practitioner, past_day)
    assert "has ended" in refused.value.message
    SupportPlan.objects.filter(pk=plan.pk).update(status="agreed")
    Allowance.objects.filter(pk=allowance.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(services.BreakRefused) as refused:
        book(allowance, provider, practitioner, past_day)
    assert "no more breaks can be booked" in refused.value.message


def test_a_money_allowance_needs_a_cost_and_takes_pence(carer, provider, practitioner, past_day):
    start, end = services.default_period()
    money = services.grant_allowance(carer, unit="pence", amount=10000, starts_on=start, ends_on=end,
                                     reason="Preventative", preventative=True, actor=practitioner)
    with pytest.raises(services.BreakRefused) as refused:
        book(money, provider, practitioner, past_day)
    assert refused.value.field == "cost"
    b = book(money, provider, practitioner, past_day, cost_pence=8550)
    services.confirm(b, expected_version=b.version, actor=practitioner)
    assert entries(money)[-1] == ("hold", -8550)
    with pytest.raises(services.BreakRefused) as refused:
        book(money, provider, practitioner, past_day, 15, 16, cost_pence=1451)
    assert refused.value.field == "cost" and "£14.50" in refused.value.message


def test_a_stale_version_or_a_wrong_status_changes_nothing(allowance, provider, practitioner, past_day):
    b = book(allowance, provider, practitioner, past_day)
    with pytest.raises(StaleRecordError):
        services.confirm(b, expected_version=b.version + 5, actor=practitioner)
    with pytest.raises(services.BreakRefused):
        services.record_delivery(b, expected_version=b.version, actual_minutes=60, actual_pence=0, actor=practitioner)
    assert entries(allowance) == [("grant", 2400)]


def test_a_future_break_cannot_be_recorded_as_delivered(allowance, provider, practitioner, future_day):
    b = book(allowance, provider, practitioner, future_day)
    services.confirm(b, expected_version=b.version, actor=practitioner)
    b.refresh_from_db()
    with pytest.raises(services.BreakRefused):
        services.record_delivery(b, expected_version=b.version, actual_minutes=60, actual_pence=0, actor=practitioner)


def test_an_adjustment_needs_a_reason_and_below_zero_needs_the_override(allowance, manager):
    with pytest.raises(services.BreakRefused):
        services.adjust(allowance, amount=60, reason="", actor=manager)
    services.adjust(allowance, amount=120, reason="Extra for the funeral", actor=manager)
    with pytest.raises(services.BreakRefused) as refused:
        services.adjust(allowance, amount=-3000, reason="Mistake", actor=manager)
    assert refused.value.field == "amount"
    entry = services.adjust(allowance, amount=-3000, reason="Recovering an overpayment", override=True, actor=manager)
    assert entry.override
    assert services.balance_of(allowance) == 2400 + 120 - 3000
    assert Event.objects.filter(kind=EventKind.ALLOWANCE_ADJUSTED).count() == 2


def test_expiry_writes_off_what_is_left_once(allowance, provider, practitioner, past_day):
    b = book(allowance, provider, practitioner, past_day)
    services.confirm(b, expected_version=b.version, actor=practitioner)
    after_end = allowance.ends_on + datetime.timedelta(days=1)
    assert services.expire_ended(allowance.ends_on) == 0, "not before the period has ended"
    assert services.expire_ended(after_end) == 1
    assert services.expire_ended(after_end) == 0
    assert entries(allowance)[-1] == ("expiry", -2160)
    assert services.balance_of(allowance) == 0
    event = Event.objects.get(kind=EventKind.ALLOWANCE_EXPIRED)
    assert event.data["minutes"] == 2160
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(allowance=allowance, kind="expiry", amount=-1)


def test_the_expiry_command_runs_daily_and_again_without_harm(allowance, capsys):
    from django.core.management import call_command

    Allowance.objects.filter(pk=allowance.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    call_command("expire_break_allowances")
    call_command("expire_break_allowances")
    assert LedgerEntry.objects.filter(kind="expiry").count() == 1
    assert "1 allowance(s) expired" in capsys.readouterr().out


def test_ledger_entries_are_never_changed_or_deleted(allowance):
    entry = LedgerEntry.objects.get()
    entry.amount = 1
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    with pytest.raises(ValueError):
        LedgerEntry(allowance=allowance, kind="hold", amount=5).save()


def test_subject_access_and_erasure(allowance, provider, practitioner, manager, past_day, caring):
    b = book(allowance, provider, practitioner, past_day, caring=caring, notes="Likes the garden")
    services.cancel(b, expected_version=b.version, reason="Hospital", actor=practitioner)
    services.adjust(allowance, amount=60, reason="Bereavement", actor=manager)
    held = services.for_subject_access(allowance.carer)
    assert list(held["allowances"]) == [allowance] and list(held["bookings"]) == [b]
    assert len(held["ledger"]) == 2
    assert list(services.for_subject_access(caring.cared_for)["bookings"]) == [b]
    services.erase_of(allowance.carer)
    b.refresh_from_db()
    allowance.refresh_from_db()
    assert (b.notes, b.end_reason, allowance.reason) == ("", "", "")
    assert not LedgerEntry.objects.exclude(reason="").exists()
    assert services.balance_of(allowance) == 2460


def test_a_superseded_plan_leaves_the_allowance_bookable(allowance, provider, practitioner, past_day, plan):
    draft = plan_services.start_change(plan, actor=practitioner)
    plan_services.agree(draft, expected_version=draft.version, actor=practitioner)
    plan.refresh_from_db()
    assert plan.status == "superseded"
    assert book(allowance, provider, practitioner, past_day).status == "requested"
