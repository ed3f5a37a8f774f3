"""The pure rules of referrals: the lawful decision, the moves between statuses, working days."""

import datetime

import pytest

from carershub.referrals import bankholidays, flow, lawful, workdays
from tests.conftest import imported_packages

DAY = datetime.date(2026, 3, 10)
PARTNER, OTHER = 7, 8
PURPOSE = "support_and_referral"


def consent(pk=1, org=PARTNER, purpose=PURPOSE, given=DAY - datetime.timedelta(days=5), expires=None, withdrawn=None):
    return lawful.ConsentFact(pk, org, purpose, given, expires, withdrawn)


@pytest.mark.parametrize("module", [lawful, flow, workdays, bankholidays])
def test_the_rules_have_no_django_import(module):
    assert "django" not in imported_packages(module)


def test_an_active_consent_to_the_organisation_for_the_purpose_allows_it_and_is_named():
    decision = lawful.decide([consent(1, given=DAY - datetime.timedelta(days=30)), consent(2)], organisation_id=PARTNER,
                             purpose=PURPOSE, day=DAY)
    assert decision == lawful.Decision(True, lawful.CONSENT, 2)


@pytest.mark.parametrize(
    ("consents", "problem"),
    [
        ([], "no_consent"),
        ([consent(org=OTHER)], "no_consent"),
        ([consent(purpose="assessment")], "no_consent"),
        ([consent(withdrawn=DAY)], "consent_withdrawn"),
        ([consent(expires=DAY - datetime.timedelta(days=1))], "consent_expired"),
        ([consent(given=DAY + datetime.timedelta(days=1))], "consent_not_started"),
    ],
)
def test_without_a_covering_consent_it_is_refused_on_the_organisation_with_the_reason(consents, problem):
    decision = lawful.decide(consents, organisation_id=PARTNER, purpose=PURPOSE, day=DAY)
    assert decision == lawful.Decision(False, problem=problem, field="to_organisation")


def test_a_consent_ending_today_still_covers_today():
    assert lawful.decide([consent(expires=DAY)], organisation_id=PARTNER, purpose=PURPOSE, day=DAY).allowed


@pytest.mark.parametrize(
    ("exception", "allowed", "field"),
    [
        (lawful.Exception_(lawful.SAFEGUARDING, "At risk at home"), True, None),
        (lawful.Exception_(lawful.VITAL_INTERESTS, "Collapsed"), True, None),
        (lawful.Exception_(lawful.SAFEGUARDING, "   "), False, "exception_reason"),
        (lawful.Exception_(lawful.LEGAL_DUTY, "Asked by the council"), False, "legal_duty"),
        (lawful.Exception_(lawful.LEGAL_DUTY, "Asked by the council", "Care Act 2014 s6"), True, None),
        (lawful.Exception_("made_up", "x"), False, "lawful_basis"),
    ],
)
def test_an_exception_needs_its_reason_and_a_legal_duty_its_name(exception, allowed, field):
    decision = lawful.decide([], organisation_id=PARTNER, purpose=PURPOSE, day=DAY, exception=exception)
    assert (decision.allowed, decision.field) == (allowed, field)
    assert decision.consent_id is None


def test_every_problem_has_a_message_with_the_placeholders_it_needs():
    for code in ("no_consent", "consent_withdrawn", "consent_expired", "consent_not_started"):
        assert lawful.PROBLEMS[code] % {"name": "A", "organisation": "B", "purpose": "C"}


def test_the_moves_follow_the_arrows_and_only_the_right_side_makes_them():
    assert flow.allowed(flow.SENT, flow.RECEIVED, flow.RECEIVER)
    assert flow.allowed(flow.RECEIVED, flow.ACCEPTED, flow.RECEIVER)
    assert flow.allowed(flow.ACCEPTED, flow.COMPLETED, flow.RECEIVER)
    assert flow.allowed(flow.RECEIVED, flow.WITHDRAWN, flow.SENDER)
    assert not flow.allowed(flow.ACCEPTED, flow.WITHDRAWN, flow.SENDER)  # too late once accepted
    assert not flow.allowed(flow.SENT, flow.ACCEPTED, flow.SENDER)  # a sender cannot accept its own
    assert not flow.allowed(flow.SENT, flow.COMPLETED, flow.RECEIVER)  # completed only after accepted
    assert not flow.allowed(flow.DECLINED, flow.ACCEPTED, flow.RECEIVER)
    for finished in flow.FINISHED:
        assert flow.next_moves(finished, flow.RECEIVER) == flow.next_moves(finished, flow.SENDER) == []


def test_working_days_skip_weekends_and_england_and_wales_bank_holidays():
    wales = bankholidays.around("wales", datetime.date(2026, 12, 23))
    # Wednesday 23 December 2026: Christmas Day (Fri) and the substitute Boxing Day (Mon 28th) are not counted.
    assert workdays.add_working_days(datetime.date(2026, 12, 23), 1, wales) == datetime.date(2026, 12, 24)
    assert workdays.add_working_days(datetime.date(2026, 12, 23), 2, wales) == datetime.date(2026, 12, 29)
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April are bank holidays in England and Wales.
    england = bankholidays.around("england", datetime.date(2026, 4, 2))
    assert workdays.add_working_days(datetime.date(2026, 4, 2), 1, england) == datetime.date(2026, 4, 7)
    # Sent on a Saturday: the first working day is Monday.
    assert workdays.add_working_days(datetime.date(2026, 3, 14), 1, frozenset()) == datetime.date(2026, 3, 16)
    assert workdays.working_days_between(datetime.date(2026, 3, 13), datetime.date(2026, 3, 16), frozenset()) == 1


def test_an_unknown_nation_counts_englands_bank_holidays():
    assert bankholidays.bank_holidays(None, 2026) == bankholidays.bank_holidays("england", 2026)
    assert datetime.date(2026, 8, 31) in bankholidays.bank_holidays("wales", 2026)  # summer bank holiday
