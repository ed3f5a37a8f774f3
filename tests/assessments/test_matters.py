"""The matters the Acts require an assessment to cover (eligibility/matters.py) and the well-being
checks: no database, no Django."""

import pytest

from carershub.assessments import wellbeing
from carershub.assessments.eligibility import matters
from carershub.assessments.eligibility.matters import (
    BY_CODE,
    MATTERS,
    Matter,
    answered,
    matters_for,
    missing,
    wellbeing_contradiction,
)
from carershub.assessments.frameworks import FRAMEWORKS_BY_NATION, Framework


def codes(items):
    return [m.code for m in items]


def everything_recorded(nation, framework):
    """``recorded`` with every matter of the framework answered."""
    recorded = {}
    for matter in matters_for(nation, framework):
        if matter.kind == "choice":
            value = matter.choices[0][0]
        elif matter.kind == "yes_no":
            value = False  # "no" is an answer
        else:
            value = "Recorded with the carer"
        if matter.field == "wellbeing":
            value = {"health": {"impact": "some", "notes": ""}}
        recorded[matter.key] = value if matter.field else {"answer": value, "does_not_apply": False}
    return recorded


class TestEveryFramework:
    @pytest.mark.parametrize(
        ("nation", "framework"),
        [(nation, framework) for nation, frameworks in FRAMEWORKS_BY_NATION.items() for framework in frameworks],
    )
    def test_each_nation_and_framework_has_its_matters(self, nation, framework):
        items = matters_for(nation, framework)

        assert items, (nation, framework)
        assert len(set(codes(items))) == len(items)
        for matter in items:
            assert matter.citation and matter.label
            assert matter.field is None or matter.field in matters.FIELDS
        assert missing(nation, framework, everything_recorded(nation, framework)) == []
        assert missing(nation, framework, {}) == list(items)

    def test_the_frameworks_are_those_the_nations_law_has(self):
        assert set(MATTERS) == {(n, f) for n, fs in FRAMEWORKS_BY_NATION.items() for f in fs}

    def test_a_framework_value_or_string_both_work(self):
        assert matters_for("england", "young_carer") == matters_for("england", Framework.YOUNG_CARER)


class TestEnglandAdultCarer:
    def test_care_act_section_10_matters_in_statutory_order(self):
        items = matters_for("england", Framework.ADULT_CARER)
        cited = {m.code: m.citation for m in items}

        assert cited["able_to_care"].endswith("s. 10(5)(a)")
        assert cited["willing_to_care"].endswith("s. 10(5)(b)")
        assert cited["wellbeing"].startswith("Care Act 2014, s. 10(5)(c)")
        assert cited["outcomes_wanted"].endswith("s. 10(5)(d)")
        assert cited["support_could_contribute"].endswith("s. 10(5)(e)")
        assert cited["work_education_leisure"].endswith("s. 10(6)")
        assert cited["participants"].endswith("s. 10(7)")
        assert cited["other_things_could_help"].endswith("s. 10(8)")
        assert cited["cared_for_ordinarily_resident"].endswith("s. 13(4)(b)")
        order = codes(items)
        assert order.index("able_to_care") < order.index("outcomes_wanted") < order.index("work_education_leisure")
        assert order.index("participants") < order.index("other_things_could_help")

    def test_matters_without_a_field_live_in_the_matters_json(self):
        by_code = {m.code: m for m in matters_for("england", "adult_carer")}

        assert by_code["caring_role"].field == "caring_role"
        assert by_code["support_could_contribute"].field is None
        assert by_code["support_could_contribute"].key == "support_could_contribute"
        assert by_code["cared_for_ordinarily_resident"].kind == "yes_no"
        assert by_code["able_to_care"].kind == "choice"
        assert [c for c, _ in by_code["able_to_care"].choices] == ["yes", "partly", "no"]

    def test_missing_lists_what_is_blank_in_order(self):
        recorded = everything_recorded("england", "adult_carer")
        recorded["outcomes_wanted"] = "   "
        recorded["cared_for_ordinarily_resident"] = {"answer": None, "does_not_apply": False}
        recorded["wellbeing"] = {}

        assert codes(missing("england", "adult_carer", recorded)) == [
            "wellbeing",
            "outcomes_wanted",
            "cared_for_ordinarily_resident",
        ]

    def test_a_yes_no_no_is_an_answer(self):
        matter = BY_CODE["cared_for_ordinarily_resident"]
        assert answered(matter, {"answer": False})
        assert not answered(matter, {"answer": None})

    def test_a_choice_must_be_one_of_its_choices(self):
        matter = BY_CODE["able_to_care"]
        assert answered(matter, "partly")
        assert not answered(matter, "maybe")
        assert not answered(matter, "")


class TestDoesNotApply:
    def test_counts_only_where_allowed(self):
        recorded = everything_recorded("england", "parent_carer")
        recorded["other_children_welfare"] = {"answer": "", "does_not_apply": True}
        assert "other_children_welfare" not in codes(missing("england", "parent_carer", recorded))

        recorded["disabled_child_welfare"] = {"answer": "", "does_not_apply": True}
        assert codes(missing("england", "parent_carer", recorded)) == ["disabled_child_welfare"]

    def test_a_field_cannot_be_marked_does_not_apply(self):
        with pytest.raises(ValueError):
            Matter("x", "c", "label", field="caring_role", does_not_apply_allowed=True)

    def test_kinds_and_fields_are_checked(self):
        with pytest.raises(ValueError):
            Matter("x", "c", "label", kind="number")
        with pytest.raises(ValueError):
            Matter("x", "c", "label", kind="choice")
        with pytest.raises(ValueError):
            Matter("x", "c", "label", field="not_a_field")


class TestEnglandChildrenAct:
    def test_young_carer_appropriateness_and_services_for_the_cared_for(self):
        cited = {m.code: m.citation for m in matters_for("england", "young_carer")}

        assert cited["appropriate_to_care"] == "Children Act 1989, s. 17ZA(7)"
        assert "17ZB" in cited["needs_met_by_services_for_cared_for"]
        assert "young_carer_wishes" in cited
        assert "work_education_leisure" in cited
        # Subsections not checked against the text say so.
        assert "not checked" in cited["needs_met_by_services_for_cared_for"]

    def test_parent_carer_wellbeing_and_the_childrens_welfare(self):
        items = codes(matters_for("england", "parent_carer"))

        assert {"wellbeing", "disabled_child_welfare", "other_children_welfare", "appropriate_to_care"} <= set(items)
        assert all("17ZD" in m.citation or "17ZE" in m.citation for m in matters_for("england", "parent_carer"))


class TestTransitions:
    def test_young_carer_transition_asks_s63_first(self):
        items = matters_for("england", "young_carer_transition")

        assert codes(items)[:3] == ["likely_needs_after_18", "significant_benefit", "needs_after_18"]
        assert all(m.citation.startswith("Care Act 2014, s. 6") for m in items)
        assert {m.code: m.citation for m in items}["support_could_contribute"].endswith("s. 64(1)(e)")

    def test_childs_carer_transition_is_s60_and_s61(self):
        cited = {m.code: m.citation for m in matters_for("england", "childs_carer_transition")}

        assert "s. 60(1)" in cited["likely_needs_when_child_18"]
        assert cited["other_things_could_help"].endswith("s. 61(4)")
        assert cited["work_education_leisure"].endswith("s. 61(2)")


class TestWales:
    def test_section_24_matters(self):
        cited = {m.code: m.citation for m in matters_for("wales", "adult_carer")}

        assert cited["able_to_care"].endswith("s. 24(4)(a)")
        assert cited["willing_to_care"].endswith("s. 24(4)(b)")
        assert cited["outcomes_wanted"].endswith("s. 24(4)(c)")
        assert cited["support_could_contribute"].endswith("s. 24(4)(e)")
        assert cited["cared_for_in_area"].endswith("s. 24(2)")

    def test_a_young_carer_adds_the_outcomes_of_those_with_parental_responsibility(self):
        young = {m.code: m for m in matters_for("wales", "young_carer")}
        adult = {m.code for m in matters_for("wales", "adult_carer")}

        assert young["parental_outcomes"].citation.endswith("s. 24(4)(d)(ii)")
        assert young["outcomes_wanted"].citation.endswith("s. 24(4)(d)(i)")
        assert "parental_outcomes" not in adult

    def test_a_parent_carer_is_assessed_as_any_carer(self):
        assert matters_for("wales", "parent_carer") == matters_for("wales", "adult_carer")

    def test_there_are_no_transition_matters_in_wales(self):
        with pytest.raises(KeyError):
            matters_for("wales", "young_carer_transition")


class TestWellbeingContradiction:
    def test_significant_impact_with_no_area_affected_contradicts(self):
        assert wellbeing_contradiction(True, {"health": "none", "control": "none"}) is True
        assert wellbeing_contradiction(True, {}) is True

    @pytest.mark.parametrize("level", ["some", "significant"])
    def test_any_recorded_impact_supports_it(self, level):
        assert wellbeing_contradiction(True, {"health": "none", "control": level}) is False

    @pytest.mark.parametrize("answer", [False, None])
    def test_only_a_yes_can_contradict(self, answer):
        assert wellbeing_contradiction(answer, {"health": "none"}) is False

    def test_reads_the_stored_form_too(self):
        stored = {"health": {"impact": "none", "notes": ""}, "dignity": {"impact": "significant", "notes": "x"}}
        assert wellbeing_contradiction(True, stored) is False
        stored["dignity"]["impact"] = "none"
        assert wellbeing_contradiction(True, stored) is True

    def test_the_levels_that_count_are_the_recorded_impact_levels(self):
        assert matters.IMPACTED < set(wellbeing.IMPACT_LEVELS)


class TestAgeFitWellbeingAreas:
    def test_a_welsh_child_carer_is_not_asked_the_adult_only_areas(self):
        child = wellbeing.areas_for("wales", carer_is_adult=False)
        adult = wellbeing.areas_for("wales", carer_is_adult=True)

        assert set(adult) - set(child) == {"control", "work"}
        assert list(child) == [code for code in wellbeing.WALES_AREAS if code not in ("control", "work")]
        assert adult == wellbeing.WALES_AREAS

    def test_england_has_one_list_for_every_age(self):
        assert wellbeing.areas_for("england", carer_is_adult=False) == wellbeing.ENGLAND_AREAS
        assert wellbeing.areas_for("england", carer_is_adult=True) == wellbeing.ENGLAND_AREAS

    def test_callers_get_a_copy(self):
        areas = wellbeing.areas_for("wales", carer_is_adult=True)
        areas.pop("work")
        assert "work" in wellbeing.WALES_AREAS

    def test_exported_by_the_rules_package(self):
        from carershub.assessments import eligibility

        assert eligibility.areas_for is wellbeing.areas_for
