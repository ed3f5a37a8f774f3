"""The returns from real records: which records become which rows, and the counts (reporting/statutory/services.py)."""

import datetime

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.reporting import measures
from carershub.reporting.statutory import cld, salt, services
from tests.statutory.build import english_world, welsh_world


def this_year():
    return services.Period(*measures.financial_year_bounds(timezone.localdate()))


def test_english_records_become_cld_rows(make_user, marches_carer, marches_council, region):
    made = english_world(make_user=make_user, marches_carer=marches_carer, marches_council=marches_council,
                         region=region)
    result = services.client_level_data(this_year())
    refs = {row["Event_Reference"]: row for row in result.rows}
    assert refs[f"contact-{made['contact'].pk}"]["Event_Type"] == "Request"
    assessment = refs[f"assessment-{made['plan'].assessment_id}"]
    assert (assessment["Event_Type"], assessment["Event_Outcome"]) == ("Assessment", cld.TO_PLANNING)
    assert refs[f"review-{made['review'].pk}"]["Event_Outcome"] == cld.CONTINUATION
    payment = refs[f"direct_payment-{made['agreement'].pk}"]
    assert (payment["Service_Type"], payment["Delivery_Mechanism"]) == (cld.DIRECT_TO_CARER, cld.DIRECT_PAYMENT)
    sitting = refs[f"break-{made['booking'].pk}"]
    assert (sitting["Service_Type"], sitting["Delivery_Mechanism"]) == (cld.INVOLVING_CARED_FOR, cld.COMMISSIONED)
    assert {row["LA_Code"] for row in result.rows} == {"E06999801"}
    assert {row["NHS_Number"] for row in result.rows} == {"9434765919"}
    # LTS003: the one carer, under the direct payment (the highest category they had).
    table = services.lts003(result, this_year())
    assert table.carers == 1 and table.row_total(salt.DIRECT_PAYMENT_ONLY) == 1


def test_area_filter_and_welsh_records(make_user, marches_carer, marches_council, make_carer, region):
    english_world(make_user=make_user, marches_carer=marches_carer, marches_council=marches_council, region=region)
    welsh_world(make_user=make_user, make_carer=make_carer, region=region)
    everything = services.client_level_data(this_year())
    assert everything.welsh >= 1  # the Welsh assessment is counted there, not here
    assert all(row["LA_Code"] == "E06999801" for row in everything.rows)
    assert services.client_level_data(this_year(), area_code="W06999801").rows == []


def test_a_record_without_an_area_is_a_problem(make_user, marches_carer, marches_council, region):
    made = english_world(make_user=make_user, marches_carer=marches_carer, marches_council=marches_council,
                         region=region)
    made["carer"].__class__.objects.filter(pk=made["carer"].pk).update(area=None)
    result = services.client_level_data(this_year())
    contact_problems = [p for p in result.problems if p.source == cld.CONTACT]
    assert [(p.record_id, p.field, p.code) for p in contact_problems] == [(made["contact"].pk, "LA_Code", "no_area")]


def test_outside_the_period_nothing(make_user, marches_carer, marches_council, region):
    english_world(make_user=make_user, marches_carer=marches_carer, marches_council=marches_council, region=region)
    long_ago = services.Period(datetime.date(2001, 4, 1), datetime.date(2002, 3, 31))
    assert services.client_level_data(long_ago).rows == []


def test_welsh_measures_from_assessments(make_user, make_carer, region):
    welsh_world(make_user=make_user, make_carer=make_carer, region=region)
    welsh_world(make_user=make_user, make_carer=make_carer, region=region, young=True)
    (afon,) = services.welsh_measures(this_year())
    assert afon.la_code == "W06999801"
    assert (afon.counts["adult"], afon.counts["adult_plan"], afon.counts["young"], afon.counts["young_plan"]) == (1, 1, 1, 1)
    assert afon.counts["declined"] is None


def test_one_councils_records_are_chosen_in_the_database_by_the_same_rule_as_in_python(
        make_user, marches_carer, marches_council, make_carer, region):
    english_world(make_user=make_user, marches_carer=marches_carer, marches_council=marches_council, region=region)
    welsh_world(make_user=make_user, make_carer=make_carer, region=region)
    # A carer living in Wales assessed by the English council: the assessing council's record.
    from tests import builders

    crossing = builders.completed_assessment(make_carer(), actor=make_user(Role.PRACTITIONER, organisation=marches_council),
                                             organisation=marches_council)
    everything = services.source_records(this_year())

    for code in ("E06999801", "W06999801"):
        chosen = services.source_records(this_year(), area_code=code)
        expected = [r for r in everything if r["la_code"] == code]
        assert sorted((r["source"], r["id"]) for r in chosen) == sorted((r["source"], r["id"]) for r in expected)
    marches = {(r["source"], r["id"]) for r in services.source_records(this_year(), area_code="E06999801")}
    assert (cld.ASSESSED, crossing.pk) in marches
    assert {r["source"] for r in everything} >= {cld.CONTACT, cld.ASSESSED, cld.REVIEWED, cld.DIRECT_PAYMENT_SOURCE,
                                                 cld.BREAK}
