"""GOV.UK's table written in Python (core/table.py) renders what GOV.UK's macro renders.

Compared as the summary list is (test_summary_list.py): runs of whitespace become one space, and
whitespace next to a table's own tags goes, as a browser lays a table out. Everything else
(elements, attributes, classes, text, escaping) must be equal.
"""

from datetime import date

import pytest
from markupsafe import Markup

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.core import table
from tests.core.govuk_components import Component, main_of, maybe
from tests.core.test_summary_list import CLASSES, HTML, TEXTS
from tests.reporting.test_figures import LAST_YEAR, at, last_year_q1

TABLE = Component("govukTable", table.MACRO, "table|caption|thead|tbody|tr|th|td")


def _cell(rng):
    cell = {}
    maybe(rng, "text", TEXTS, cell, 0.8)
    maybe(rng, "html", HTML, cell, 0.3)
    maybe(rng, "format", ["numeric", "", None, 'x"y'], cell, 0.4)
    maybe(rng, "classes", CLASSES, cell, 0.3)
    maybe(rng, "colspan", [None, 0, 2, "3", '"'], cell, 0.15)
    maybe(rng, "rowspan", [None, 0, 2], cell, 0.15)
    return cell


def _params(rng):
    params = {"rows": []}
    for _ in range(rng.randrange(0, 5)):
        params["rows"].append(rng.choice([None, []]) if rng.random() < 0.05 else
                              [_cell(rng) for _ in range(rng.randrange(1, 5))])
    maybe(rng, "head", [[_cell(rng) for _ in range(rng.randrange(0, 4))]], params, 0.7)
    maybe(rng, "caption", TEXTS, params, 0.7)
    maybe(rng, "captionClasses", CLASSES, params, 0.5)
    maybe(rng, "firstCellIsHeader", [True, False, None, 1], params, 0.6)
    maybe(rng, "classes", CLASSES, params, 0.2)
    return params


@pytest.mark.parametrize("seed", range(8))
def test_every_combination_of_parameters_renders_as_the_macro_does(env, seed):
    TABLE.assert_as_the_macro(env, _params, seed)


def test_a_table_in_full(env):
    params = {
        "caption": "Waits & reviews", "captionClasses": "govuk-table__caption--m", "firstCellIsHeader": True,
        "head": [{"text": "From – to"}, {"text": "Median days", "format": "numeric"}],
        "rows": [[{"text": "Contact <to> assessment"}, {"text": "12", "format": "numeric"}],
                 [{"html": Markup("<b>Total</b>"), "format": "numeric"}, {"text": 7, "colspan": 2}]],
    }
    ours, macro = TABLE.both(env, params)

    assert TABLE.normalised(ours) == TABLE.normalised(macro)
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Waits &amp; reviews</caption>' in ours
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Median days</th>' in ours
    # The row's header cell takes no format; the others do.
    assert '<th scope="row" class="govuk-table__header"><b>Total</b></th>' in ours
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">12</td>' in ours
    assert '<td class="govuk-table__cell" colspan="2">7</td>' in ours
    assert "Contact &lt;to&gt; assessment" in ours


@pytest.mark.parametrize(
    "params",
    [
        {"rows": [[{"text": "A"}]], "attributes": {"data-module": "x"}},
        {"rows": [[{"text": "A", "attributes": {"data-sort": "1"}}]]},
        {"head": [{"text": "A", "attributes": {"aria-sort": "ascending"}}], "rows": []},
        {"rows": [[{"text": "A"}]], "somethingNew": 1},
        {"rows": [[{"text": "A", "somethingNew": 1}]]},
        {"rows": [[{"text": "A"}], "not a row"]},
    ],
)
def test_parameters_it_does_not_write_go_to_the_macro_unchanged(env, params):
    ours, macro = TABLE.both(env, params)

    assert ours == macro


def test_rows_that_are_not_a_list_are_the_macros_error_as_before(env):
    with pytest.raises(TypeError):
        TABLE.ours(env, {"caption": "Waits", "rows": None})


@pytest.mark.django_db
def test_the_figures_page_renders_as_with_the_macro(client_for, region, env, monkeypatch):
    client = client_for(Role.TEAM_MANAGER)
    area = region["areas"]["afon"]
    for day in range(1, 8):
        when = at(date(LAST_YEAR, 2, day))
        Event.objects.create(kind=EventKind.ASSESSMENT_STARTED, occurred_at=when, area=area,
                             data={"assessment_type": "carer", "carer_type": "adult_carer"})
        Event.objects.create(kind=EventKind.ASSESSMENT_DECIDED, occurred_at=when, area=area,
                             data={"eligible": day % 2 == 0})
        Event.objects.create(kind=EventKind.ASSESSMENT_COMPLETED, occurred_at=when, area=area,
                             data={"assessment_type": "carer", "carer_type": "adult_carer", "days_from_contact": day})

    def page():
        response = client.get("/figures/", last_year_q1())
        assert response.status_code == 200
        return main_of(response)

    ours = TABLE.page_both_ways(env, monkeypatch, page)

    assert ours.count('<table class="govuk-table"') >= 5
    assert "Eligibility decisions" in ours and "How long carers waited" in ours


@pytest.mark.parametrize(("value", "shown"), [
    (12_345, "12,345"), (0, "0"), (7, "7"), (-1_000, "-1,000"), (True, "1"), (2.5, "2.5"),
    ("fewer than 5", "fewer than 5"), ("not shown", "not shown"), ("", ""), (None, "None"),
    ("<b>", "&lt;b&gt;"),
])
def test_a_published_count_is_written_as_the_figures_pages_wrote_it_with_their_macro(env, value, shown):
    macro = env.from_string(
        '{% macro num(value) %}{% if value is number %}{{ "{:,}".format(value) }}{% else %}{{ value }}{% endif %}'
        "{% endmacro %}{{ num(value) }}"
    )
    ours = env.from_string("{{ shown_count(value) }}")

    assert ours.render(value=value) == macro.render(value=value) == shown
