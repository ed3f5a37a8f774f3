"""Carers' direct payments through the pages and services: setting one up from a plan or as a
one-off grant, paying each payment due once, monitoring returns, recoveries, ending, the position,
the council's page and its CSV, events, the access log and the person page."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from carershub.support.payments import services
from carershub.support.payments.models import Agreement, Entry, MonitoringReturn, PaymentDue
from tests import formdata
from tests.pages import Page
from tests.payments.conftest import plan_with_direct_payment, set_up_recurring

D = datetime.date
TODAY = timezone.localdate()


def _agreement_form(**overrides):
    data = {
        "funding": "plan",
        "kind": "recurring",
        "schedule": "monthly",
        "amount": "£50.00",
        "purpose": "A weekly swim and a gym membership",
        "payee_name": "Dilys Paymentstest",
        **formdata.date_parts("starts_on", D(2026, 12, 1)),
        **formdata.date_parts("ends_on", D(2027, 11, 30)),
    }
    data.update(overrides)
    return data


def _post(client, url, data):
    page = Page(client.get(url))
    return client.post(url, {**page.form_data(), **data})


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


# --- Setting one up --------------------------------------------------------------------


def test_a_practitioner_sets_up_a_recurring_direct_payment_from_the_plan(signed_in, carer, plan, council):
    response = _post(signed_in, f"/direct-payments/carer/{carer.pk}/new/", _agreement_form())

    assert response.status_code == 302, Page(response).error_summary
    agreement = Agreement.objects.get(carer=carer)
    assert (agreement.plan, agreement.kind, agreement.schedule, agreement.amount_pence) == (plan, "recurring", "monthly", 5000)
    assert agreement.council == council  # the plan's assessing council, by default
    assert [d.due_on for d in agreement.dues.all()][:3] == [D(2026, 12, 1), D(2027, 1, 1), D(2027, 2, 1)]
    assert agreement.dues.count() == 12
    event = Event.objects.get(kind=EventKind.DIRECT_PAYMENT_AGREED)
    assert event.data["pence"] == 5000 and event.data["kind"] == "recurring" and event.person_id == carer.pk


def test_a_recurring_payment_over_the_personal_budget_in_a_year_is_refused_on_the_amount(signed_in, carer, plan):
    # £1,200 a year: £25 a week is £1,300.
    response = _post(signed_in, f"/direct-payments/carer/{carer.pk}/new/", _agreement_form(schedule="weekly", amount="25"))

    page = Page(response)
    assert response.status_code == 200
    assert "more than the personal budget of £1,200.00" in page.error_for("amount")
    assert not Agreement.objects.exists() and not Event.objects.filter(kind=EventKind.DIRECT_PAYMENT_AGREED).exists()


def test_the_budget_counts_the_other_direct_payments_from_the_same_plan(carer, plan, practitioner, council):
    set_up_recurring(carer, plan, actor=practitioner, council=council, amount=6000)  # £720 a year

    with pytest.raises(services.Refused) as refused:
        set_up_recurring(carer, plan, actor=practitioner, council=council, amount=5000)  # +£600

    assert refused.value.field == "amount"
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"amount": "-10"}, "amount", "must be more than £0"),
        ({"amount": "0"}, "amount", "must be more than £0"),
        ({"amount": "ten pounds"}, "amount", "must be an amount of money"),
        ({**formdata.date_parts("ends_on", D(2026, 11, 1))}, "ends_on", "The end date must be the same as or after the start date"),
        ({"schedule": ""}, "schedule", "Select how often"),
    ],
)
def test_bad_input_gets_a_message_on_its_field_and_saves_nothing(signed_in, carer, plan, typed, field, message):
    response = _post(signed_in, f"/direct-payments/carer/{carer.pk}/new/", _agreement_form(**typed))

    assert response.status_code == 200
    assert message in Page(response).error_for(field)
    assert not Agreement.objects.exists()


def test_a_small_one_off_grant_without_a_plan_records_who_decided_and_why_within_the_limit(signed_in, carer, practitioner):
    one_off = {"funding": "grant", "kind": "one_off", "schedule": "", "decision_reason": "Washing machine broke; urgent laundry",
               **formdata.date_parts("ends_on", D(2026, 12, 1))}

    too_much = _post(signed_in, f"/direct-payments/carer/{carer.pk}/new/", _agreement_form(amount="500.01", **one_off))
    assert "at most £500.00" in Page(too_much).error_for("amount")
    no_reason = _post(signed_in, f"/direct-payments/carer/{carer.pk}/new/", _agreement_form(amount="200", **{**one_off, "decision_reason": ""}))
    assert "Enter why the grant was made" in Page(no_reason).error_for("decision_reason")
    recurring = _post(signed_in, f"/direct-payments/carer/{carer.pk}/new/", _agreement_form(amount="200", **{**one_off, "kind": "recurring"}))
    assert "only be a one-off payment" in Page(recurring).error_for("kind")
    assert not Agreement.objects.exists()

    response = _post(signed_in, f"/direct-payments/carer/{carer.pk}/new/", _agreement_form(amount="200", **one_off))

    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert (agreement.plan, agreement.decided_by, agreement.kind, agreement.amount_pence) == (None, practitioner, "one_off", 20000)
    assert [d.due_on for d in agreement.dues.all()] == [D(2026, 12, 1)]


def test_a_plan_without_a_direct_payment_chosen_cannot_pay_one(carer, practitioner, council):
    plan = plan_with_direct_payment(carer, actor=practitioner, council=council)
    type(plan).objects.filter(pk=plan.pk).update(support_options=["short_breaks"])
    plan.refresh_from_db()

    with pytest.raises(services.Refused):
        set_up_recurring(carer, plan, actor=practitioner, council=council)
    assert services.plan_for_direct_payment(carer) is None


# --- Paying -------------------------------------------------------------------------------


def test_recording_a_payment_makes_one_entry_and_a_second_send_pays_nothing_more(signed_in, agreement):
    due = agreement.dues.first()
    data = {"due": str(due.pk), "amount": "100", "reference": "BACS 1", **formdata.date_parts("paid_on", due.due_on)}

    first = _post(signed_in, f"/direct-payments/{agreement.pk}/pay/", data)
    again = signed_in.post(f"/direct-payments/{agreement.pk}/pay/", data)  # another token: the same due

    assert first.status_code == 302
    assert Entry.objects.filter(kind="payment").count() == 1
    assert again.status_code == 200
    assert Entry.objects.filter(kind="payment").count() == 1
    event = Event.objects.get(kind=EventKind.DIRECT_PAYMENT_PAID)
    assert event.data["pence"] == 10000
    with pytest.raises(services.Refused) as refused:
        services.record_payment(agreement, due_pk=due.pk, paid_on=due.due_on, amount_pence=10000, actor=agreement.created_by)
    assert refused.value.field == "due"


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"amount": "0"}, "amount", "must be more than £0"),
        ({"amount": "100.01"}, "amount", "must not be more than the £100.00 due"),
        ({**formdata.date_parts("paid_on", D(2026, 5, 31))}, "paid_on", "between 1 June 2026 and 31 May 2027"),
        ({**formdata.date_parts("paid_on", TODAY + datetime.timedelta(days=1))}, "paid_on", "today or in the past"),
    ],
)
def test_a_bad_payment_is_refused_on_its_field(signed_in, agreement, typed, field, message):
    due = agreement.dues.first()
    data = {"due": str(due.pk), "amount": "100", **formdata.date_parts("paid_on", due.due_on), **typed}

    response = _post(signed_in, f"/direct-payments/{agreement.pk}/pay/", data)

    assert response.status_code == 200
    assert message in Page(response).error_for(field)
    assert not Entry.objects.exists()


# --- Returns and recoveries --------------------------------------------------------------


def _pay(agreement, count):
    for due in list(agreement.dues.all())[:count]:
        services.record_payment(agreement, due_pk=due.pk, paid_on=due.due_on, amount_pence=due.amount_pence, actor=agreement.created_by)


def test_a_return_with_money_unspent_makes_an_amount_to_recover_and_a_recovery_pays_it_back(signed_in, agreement):
    _pay(agreement, 3)  # June, July, August: £300
    data = {"spent": "£240.50", "receipts_seen": "yes", "receipts_note": "Gym receipts",
            **formdata.date_parts("period_start", D(2026, 6, 1)), **formdata.date_parts("period_end", D(2026, 8, 31)),
            **formdata.date_parts("received_on", D(2026, 9, 10))}

    response = _post(signed_in, f"/direct-payments/{agreement.pk}/return/", data)

    assert response.status_code == 302, Page(response).error_summary
    monitoring_return = MonitoringReturn.objects.get()
    assert (monitoring_return.paid_pence, monitoring_return.spent_pence, monitoring_return.unspent_pence) == (30000, 24050, 5950)
    event = Event.objects.get(kind=EventKind.DIRECT_PAYMENT_RETURN)
    assert (event.data["spent_pence"], event.data["unspent_pence"]) == (24050, 5950)
    assert services.position_of(agreement).to_recover == 5950

    too_much = _post(signed_in, f"/direct-payments/{agreement.pk}/recover/", {"amount": "60"})
    assert "not be more than the £59.50 still to recover" in Page(too_much).error_for("amount")
    done = _post(signed_in, f"/direct-payments/{agreement.pk}/recover/", {"amount": "59.50", "reference": "Cheque 7"})
    assert done.status_code == 302
    position = services.position_of(agreement)
    assert (position.paid, position.spent, position.to_recover, position.recovered, position.unspent_held) == (30000, 24050, 0, 5950, 0)
    assert Event.objects.get(kind=EventKind.DIRECT_PAYMENT_RECOVERED).data["pence"] == 5950
    # Nothing left to recover: the page says so on the field.
    nothing = _post(signed_in, f"/direct-payments/{agreement.pk}/recover/", {"amount": "1"})
    assert "nothing to recover" in Page(nothing).error_for("amount")


@pytest.mark.parametrize(
    ("start", "end", "spent", "field", "message"),
    [
        (D(2026, 5, 1), D(2026, 6, 30), "10", "period_start", "within the agreement"),
        (D(2027, 5, 1), D(2027, 6, 30), "10", "period_end", "within the agreement"),
        (D(2026, 7, 1), D(2026, 6, 1), "10", "period_end", "same as or after its start"),
        (D(2026, 6, 1), D(2026, 6, 30), "100.01", "spent", "not be more than the £100.00 paid"),
        (D(2026, 6, 1), D(2026, 6, 30), "-1", "spent", "must be £0 or more"),
        (D(2026, 10, 1), D(2026, 10, 31), "0", "period_start", "No payments were made"),
    ],
)
def test_a_bad_return_is_refused_on_its_field_and_saves_nothing(signed_in, agreement, start, end, spent, field, message):
    _pay(agreement, 1)
    data = {"spent": spent, "receipts_seen": "no", **formdata.date_parts("period_start", start),
            **formdata.date_parts("period_end", end), **formdata.date_parts("received_on", TODAY)}

    response = _post(signed_in, f"/direct-payments/{agreement.pk}/return/", data)

    assert response.status_code == 200
    assert message in Page(response).error_for(field)
    assert not MonitoringReturn.objects.exists()
    assert not Entry.objects.exclude(kind="payment").exists()


def test_returns_may_not_cover_the_same_period_twice(agreement):
    _pay(agreement, 2)
    services.record_return(agreement, period_start=D(2026, 6, 1), period_end=D(2026, 6, 30), spent_pence=10000,
                           receipts_seen=True, received_on=D(2026, 7, 5), actor=agreement.created_by)

    with pytest.raises(services.Refused) as refused:
        services.record_return(agreement, period_start=D(2026, 6, 15), period_end=D(2026, 7, 31), spent_pence=0,
                               receipts_seen=True, received_on=D(2026, 8, 5), actor=agreement.created_by)
    assert "already covers" in str(refused.value.message)


# --- Ending ---------------------------------------------------------------------------------


def test_ending_an_agreement_drops_the_unpaid_payments_after_it_and_keeps_what_was_paid(signed_in, agreement):
    _pay(agreement, 2)
    before = agreement.version
    stale = {"version": str(before + 5), "reason": "Moved away", **formdata.date_parts("ended_on", D(2026, 9, 30))}
    response = _post(signed_in, f"/direct-payments/{agreement.pk}/end/", stale)
    assert any("Somebody else changed this agreement" in s for s in Page(response).error_summary)
    too_early = _post(signed_in, f"/direct-payments/{agreement.pk}/end/", {"reason": "Moved", **formdata.date_parts("ended_on", D(2026, 6, 15))})
    assert "last payment made" in Page(too_early).error_for("ended_on")

    done = _post(signed_in, f"/direct-payments/{agreement.pk}/end/", {"reason": "Moved away", **formdata.date_parts("ended_on", D(2026, 9, 30))})

    assert done.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.ended_on, agreement.version) == ("ended", D(2026, 9, 30), before + 1)
    assert [d.due_on for d in PaymentDue.objects.filter(agreement=agreement)] == [D(2026, 6, 1), D(2026, 7, 1), D(2026, 8, 1), D(2026, 9, 1)]
    assert Entry.objects.filter(kind="payment").count() == 2
    assert Event.objects.filter(kind=EventKind.DIRECT_PAYMENT_ENDED, person=agreement.carer).count() == 1


# --- Pages, the position, the council, the CSV, the access log ------------------------------------


def test_the_carers_pages_show_the_position_and_log_each_view(signed_in, agreement, carer):
    _pay(agreement, 1)
    for url in (f"/direct-payments/carer/{carer.pk}/", f"/direct-payments/{agreement.pk}/", f"/people/{carer.pk}/"):
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert "£100.00" in Page(response).text, url
    assert AccessEvent.objects.filter(person_ref=carer.pk, part=AccessPart.DIRECT_PAYMENTS).count() == 2
    timeline = Page(signed_in.get(f"/people/{carer.pk}/timeline/")).text
    assert "Direct payment made: £100.00" in timeline and "Direct payment agreed: £100.00, every month" in timeline


def test_a_partner_worker_under_consent_sees_no_direct_payments(client, make_user, make_consent, agreement, carer):
    make_consent(carer, "partner")
    partner = make_user(Role.PARTNER_WORKER, organisation="partner")
    client.force_login(partner)

    assert client.get(f"/direct-payments/{agreement.pk}/").status_code == 403
    assert "Direct payment" not in Page(client.get(f"/people/{carer.pk}/")).text


def test_another_councils_practitioner_cannot_manage_the_agreement(client, make_user, marches_council, agreement):
    other = make_user(Role.PRACTITIONER, organisation=marches_council)
    client.force_login(other)

    response = client.get(f"/direct-payments/{agreement.pk}/pay/")

    assert response.status_code in (302, 403, 404)
    assert "/why/" in response.get("Location", "/why/") or response.status_code in (403, 404)


def test_the_council_page_lists_each_carers_position_and_totals_and_the_home_page_counts_what_is_due(
    signed_in, agreement, carer, another_carer, practitioner, council
):
    second = another_carer()
    other = set_up_recurring(second, plan_with_direct_payment(second, actor=practitioner, council=council, budget=Decimal("600")),
                             actor=practitioner, council=council, amount=5000, starts_on=D(2026, 11, 1))
    _pay(agreement, 2)
    _pay(other, 1)

    page = Page(signed_in.get("/direct-payments/council/"))

    assert carer.full_name in page.text and second.full_name in page.text
    assert "£250.00" in page.text  # paid in total
    home = Page(signed_in.get("/")).text
    assert "Direct payments due in the next 7 days or overdue" in home
    # Overdue: June's agreement from July to November (5), the other's December (due today).
    assert len(list(services.dues_soon_or_overdue(practitioner))) == 5 + 1 + 0
    assert list(services.returns_overdue(practitioner)) == [agreement]


def test_the_csv_of_payments_due_is_for_the_finance_system_logged_and_safe(signed_in, agreement, carer, practitioner):
    Agreement.objects.filter(pk=agreement.pk).update(purpose="=HYPERLINK(\"http://evil\")")
    carer.nhs_number = "9990001234"
    carer.save()
    query = {**formdata.date_parts("start", D(2026, 12, 1)), **formdata.date_parts("end", D(2027, 1, 31))}

    response = signed_in.get("/direct-payments/council/due.csv", query)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Carer reference", "Name", "Payee", "Payee reference", "Amount (GBP)"]
    assert [r[5] for r in rows[1:]] == ["2026-12-01", "2027-01-01"]
    assert rows[1][0] == f"CH{carer.pk:07d}" and rows[1][4] == "100.00" and rows[1][6] == agreement.reference
    assert rows[1][7].startswith("'=")
    assert "9990001234" not in response.content.decode()
    logged = AccessEvent.objects.filter(person_ref=carer.pk, action=AccessAction.EXPORT, part=AccessPart.DIRECT_PAYMENTS)
    assert logged.count() == 1


def test_a_bad_date_range_for_the_csv_is_shown_on_the_page(signed_in, agreement):
    query = {**formdata.date_parts("start", D(2027, 1, 31)), **formdata.date_parts("end", D(2026, 12, 1))}

    response = signed_in.get("/direct-payments/council/due.csv", query)

    assert response.status_code == 200
    assert "same as or after the first date" in Page(response).error_for("end")


def test_the_front_door_sees_the_carers_direct_payments_but_not_the_councils_position(client, make_user, agreement, carer):
    client.force_login(make_user(Role.FRONT_DOOR))

    assert client.get(f"/direct-payments/{agreement.pk}/").status_code == 200
    assert client.get("/direct-payments/council/").status_code == 403
    assert client.get(f"/direct-payments/{agreement.pk}/pay/").status_code == 403


# --- Data-protection rights ---------------------------------------------------------------


def test_subject_access_holds_everything_and_erasure_blanks_the_words_but_keeps_the_money(agreement, carer):
    _pay(agreement, 1)
    held = services.for_subject_access(carer)
    assert list(held["agreements"]) == [agreement] and held["entries"].count() == 1

    services.erase_of(carer)

    agreement.refresh_from_db()
    assert (agreement.purpose, agreement.payee_name, agreement.amount_pence) == ("", "", 10000)
    assert services.position_of(agreement).paid == 10000


def test_the_timeline_and_the_agreement_page_read_the_same_number_of_queries_for_few_and_many_payments(
    client, practitioner, make_carer, council
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(practitioner)
    counts = {}
    for given, paid in (("Few", 1), ("Many", 8)):
        person = make_carer(given=given, family="Timelinetest")
        made = set_up_recurring(person, plan_with_direct_payment(person, actor=practitioner, council=council),
                                actor=practitioner, council=council, amount=5000, starts_on=D(2026, 1, 1))
        _pay(made, paid)
        pages = {"timeline": f"/people/{person.pk}/timeline/", "agreement": f"/direct-payments/{made.pk}/",
                 "carer": f"/direct-payments/carer/{person.pk}/"}
        for name, path in pages.items():
            client.get(path)  # the session's once-a-minute write, out of the way
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            counts.setdefault(name, []).append(len(queries))
    assert all(len(set(found)) == 1 for found in counts.values()), counts
