"""The ranking of providers for a request (providers/matching/ranking.py): pure, no database."""

from decimal import Decimal

from carershub.providers.matching import ranking
from carershub.providers.matching.ranking import Candidate, Need

AREA = "W06000001"
NEED = Need(area=AREA, postcode_district="SA61", services=("personal_care", "meals"),
            slots=("mon:morning", "tue:evening"), hours=Decimal("6"))


def candidate(pid, name, **overrides):
    values = {"areas": frozenset({AREA}), "services": frozenset({"personal_care", "meals"}),
              "slots": frozenset({"mon:morning", "tue:evening"})}
    return Candidate(provider_id=pid, name=name, **{**values, **overrides})


def codes(reasons):
    return [code for code, _params in reasons]


def names(rows):
    return [r.candidate.name for r in rows]


def test_a_provider_outside_the_area_is_left_out_with_why():
    result = ranking.rank(NEED, [candidate(1, "Here"), candidate(2, "Elsewhere", areas=frozenset({"W06000002"}))])

    assert names(result.suitable) == ["Here"]
    assert names(result.not_suitable) == ["Elsewhere"]
    assert codes(result.not_suitable[0].reasons) == [ranking.NOT_IN_AREA]


def test_more_of_the_help_asked_for_ranks_higher_and_says_what_is_missing():
    result = ranking.rank(NEED, [
        candidate(1, "Half", services=frozenset({"personal_care"})),
        candidate(2, "All"),
    ])

    assert names(result.suitable) == ["All", "Half"]
    assert (ranking.ALL_SERVICES, {"count": 2}) in result.suitable[0].reasons
    assert (ranking.SOME_SERVICES, {"have": 1, "asked": 2, "missing": ["meals"]}) in result.suitable[1].reasons
    assert result.suitable[0].score - result.suitable[1].score == ranking.SERVICES_POINTS / 2


def test_times_not_covered_are_named():
    result = ranking.rank(NEED, [candidate(1, "Mornings", slots=frozenset({"mon:morning"}))])

    assert (ranking.SOME_TIMES, {"have": 1, "asked": 2, "missing": ["tue:evening"]}) in result.suitable[0].reasons


def test_no_welsh_when_wanted_is_a_strong_penalty_not_a_filter():
    need = Need(area=AREA, services=("personal_care",), welsh=True)
    english = candidate(1, "English only", services=frozenset({"personal_care", "meals"}))
    welsh = candidate(2, "Cymraeg", services=frozenset({"personal_care"}), welsh=True,
                      slots=frozenset())  # fewer times, but Welsh

    result = ranking.rank(need, [english, welsh])

    assert names(result.suitable) == ["Cymraeg", "English only"]
    assert ranking.NO_WELSH in codes(result.suitable[1].reasons)
    assert ranking.SPEAKS_WELSH in codes(result.suitable[0].reasons)
    assert result.suitable[0].score - result.suitable[1].score == ranking.WELSH_POINTS + ranking.NO_WELSH_PENALTY


def test_welsh_not_wanted_changes_nothing():
    result = ranking.rank(NEED, [candidate(1, "A", welsh=True), candidate(2, "B")])

    assert result.suitable[0].score == result.suitable[1].score
    assert not {ranking.SPEAKS_WELSH, ranking.NO_WELSH} & set(codes(result.suitable[0].reasons))


def test_an_unregistered_micro_provider_at_four_people_is_left_out_and_one_with_three_is_warned():
    result = ranking.rank(NEED, [
        candidate(1, "Full", people_now=4, limit=4),
        candidate(2, "Nearly", people_now=3, limit=4),
        candidate(3, "Registered", people_now=9, limit=None),
    ])

    assert names(result.not_suitable) == ["Full"]
    assert result.not_suitable[0].reasons == [(ranking.AT_LIMIT, {"people": 4, "limit": 4})]
    by_name = {r.candidate.name: codes(r.reasons) for r in result.suitable}
    assert ranking.LAST_PLACE in by_name["Nearly"]
    assert ranking.NO_LIMIT in by_name["Registered"]


def test_a_provider_that_cannot_take_people_is_left_out_with_the_problems():
    result = ranking.rank(NEED, [candidate(1, "Lapsed", problems=("DBS check for Jo has expired.",))])

    assert result.suitable == []
    assert result.not_suitable[0].reasons == [(ranking.CANNOT_TAKE, {"problems": ["DBS check for Jo has expired."]})]


def test_equal_scores_go_in_name_order():
    result = ranking.rank(NEED, [candidate(1, "beta"), candidate(2, "Alpha"), candidate(3, "Gamma")])

    assert names(result.suitable) == ["Alpha", "beta", "Gamma"]
    assert len({r.score for r in result.suitable}) == 1


def test_the_postcode_district_hours_and_other_language_are_reasons():
    need = Need(area=AREA, postcode_district="sa61", services=("meals",), hours=Decimal("10"), other_language="Polish")
    result = ranking.rank(need, [
        candidate(1, "Covers", postcode_districts=ranking.districts("sa61, SA62"), hours_offered=12,
                  other_languages="Polish, Urdu"),
        candidate(2, "Elsewhere in the area", postcode_districts=ranking.districts("SA70"), hours_offered=5),
    ])

    first, second = result.suitable
    assert first.candidate.name == "Covers"
    assert (ranking.COVERS_DISTRICT, {"district": "SA61"}) in first.reasons
    assert (ranking.HOURS_ENOUGH, {"offered": 12}) in first.reasons
    assert (ranking.SPEAKS_LANGUAGE, {"language": "Polish"}) in first.reasons
    assert (ranking.OUTSIDE_DISTRICTS, {"district": "SA61"}) in second.reasons
    assert (ranking.HOURS_SHORT, {"offered": 5}) in second.reasons
    assert (ranking.LANGUAGE_NOT_LISTED, {"language": "Polish"}) in second.reasons


def test_without_a_postcode_district_the_area_is_the_reason():
    need = Need(area=AREA, services=("meals",))

    result = ranking.rank(need, [candidate(1, "Listed", postcode_districts=frozenset({"SA61"})), candidate(2, "All")])

    by_name = {r.candidate.name: codes(r.reasons) for r in result.suitable}
    assert ranking.SERVES_AREA in by_name["Listed"]
    assert ranking.WHOLE_AREA in by_name["All"]
