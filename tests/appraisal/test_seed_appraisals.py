"""The seed reports' appraisals, held and compared: Cwm Taf's 13 options by 19 criteria (RAG) and
Staffordshire's options A, B and C against its five outcomes (scored). Totals worked out by hand below."""

from decimal import Decimal as D

from carershub.reporting.appraisal import services
from carershub.reporting.appraisal.models import Criterion
from tests.appraisal import build
from tests.pages import Page


def _by_code(compared):
    return {option.name.split(" ", 1)[0]: compared.results[option.pk] for option in compared.options}


def test_cwm_taf_holds_13_options_against_19_criteria(commissioner):
    appraisal = build.cwm_taf(commissioner)

    compared = services.compare(appraisal)

    assert len(compared.options) == 13 and len(compared.criteria) == 19
    assert len(compared.cells) == 13 * 19
    assert all(result.complete for result in compared.results.values())
    assert {c.group for c in compared.criteria} == {build.C1, build.C2, build.C3, build.C4, build.C5}


def test_cwm_taf_totals_and_ranks_by_domain(commissioner):
    """Green 2, amber 1, red 0, every weight 1; possible 38. By hand from the matrix:
    1.1 16 green 2 amber 1 red = 34; 1.2 6/12/1 = 24; 1.3 11/7/1 = 29; 1.4 0/18/1 = 18; 1.5 12/3/4 = 27;
    1.6 1/14/4 = 16; 1.7 3/0/16 = 6; 2.1 16/2/1 = 34; 2.2 12/6/1 = 30; 3.1 2/17/0 = 21; 3.2 7/11/1 = 25;
    3.3 2/17/0 = 21; 3.4 6/10/3 = 22."""
    compared = services.compare(build.cwm_taf(commissioner))
    results = _by_code(compared)

    totals = {code: r.total for code, r in results.items()}
    assert totals == {"1.1": 34, "1.2": 24, "1.3": 29, "1.4": 18, "1.5": 27, "1.6": 16, "1.7": 6,
                      "2.1": 34, "2.2": 30, "3.1": 21, "3.2": 25, "3.3": 21, "3.4": 22}
    assert results["1.5"].rag_counts == {"G": 12, "A": 3, "R": 4}
    assert results["3.4"].rag_counts == {"G": 6, "A": 10, "R": 3}
    assert all(r.possible == 38 for r in results.values())
    ranks = {code: r.rank for code, r in results.items()}
    assert [ranks[c] for c in ("1.1", "1.3", "1.5", "1.2", "1.4", "1.6", "1.7")] == [1, 2, 3, 4, 5, 6, 7]
    assert (ranks["2.1"], ranks["2.2"]) == (1, 2)
    # In-house first and the SPV second, as the report's composite recommends; 3.1 and 3.3 tie.
    assert [ranks[c] for c in ("3.2", "3.4", "3.1", "3.3")] == [1, 2, 3, 3]
    assert results["3.1"].tied and results["3.3"].tied


def test_weighting_co_production_puts_the_spv_first(commissioner):
    """Co-production weight 5 (4 more): 3.4 (green) 22 + 8 = 30; 3.2 (amber) 25 + 4 = 29; 3.1, 3.3 21 + 4 = 25."""
    appraisal = build.cwm_taf(commissioner)
    criterion = appraisal.criteria.get(name=build.CO_PRODUCTION)
    services.change_criterion(criterion, expected_version=appraisal.version, name=criterion.name, weight=D(5),
                              group=criterion.group, description="")

    results = _by_code(services.compare(appraisal))

    assert [results[c].total for c in ("3.4", "3.2", "3.1", "3.3")] == [30, 29, 25, 25]
    assert (results["3.4"].rank, results["3.2"].rank) == (1, 2)
    assert results["3.4"].possible == 46  # (18 + 5) × 2


def test_staffordshire_options_against_its_outcomes(commissioner):
    """Scores 0-5 (the tests' own); statutory duties weight 2: A 5×2+4+4+3+4 = 25; B 3×2+4+3+4+2 = 19;
    C 2×2+3+3+4+2 = 16; possible 6 × 5 = 30."""
    appraisal = build.staffordshire(commissioner, weights={"Enable delivery of statutory duties": 2})

    compared = services.compare(appraisal)

    ranked = [(option.name[:8], result.total, result.rank) for option, result in compared.ranking]
    assert ranked == [("Option A", 25, 1), ("Option B", 19, 2), ("Option C", 16, 3)]
    assert compared.ranking[0][1].possible == 30
    assert compared.ranking[0][1].share == D("83.3")
    assert [c.name for c in compared.criteria] == build.STAFFORDSHIRE_OUTCOMES


def test_the_page_shows_the_ranking_and_the_matrix(commissioner, commissioner_client):
    appraisal = build.cwm_taf(commissioner)

    page = Page(commissioner_client.get(f"/figures/options-appraisals/{appraisal.pk}/"))

    rows = page.table_rows()
    ranking_rows = [r for r in rows if r and r[0] == build.D3]
    assert [r[1] for r in ranking_rows] == ["1", "2", "3 (equal)", "3 (equal)"]
    assert ranking_rows[0][2].startswith("3.2 Deliver the chosen package in-house.")
    assert ranking_rows[0][3] == "25 of 38"
    matrix = next(r for r in rows if r and r[0] == build.CO_PRODUCTION)
    assert matrix[1:] == ["1"] + ["Red"] * 9 + ["Amber"] * 3 + ["Green"]
    assert page.html.count("app-table-container") >= 2  # the ranking and the matrix scroll in their own boxes


def test_section_16_preset_loads_the_four_principles(commissioner):
    appraisal = services.create_appraisal(actor=commissioner, title="Short breaks", section16=True)

    assert list(Criterion.objects.filter(appraisal=appraisal).values_list("name", "weight")) == [
        ("Co-production", 1), ("Social value", 1), ("Community benefit", 1), ("Voice and control", 1)]
