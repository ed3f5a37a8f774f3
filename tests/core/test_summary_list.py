"""GOV.UK's summary list written in Python (core/summary_list.py) renders what GOV.UK's macro renders.

Compared after one normalisation: runs of whitespace become one space, and whitespace next to a
block element's tag (dl, dt, dd, div, h1-h6, ul, li) goes, as a browser lays them out. Everything
else (elements, attributes, classes, text, escaping, the spaces inside a link) must be equal.
"""

import pytest
from markupsafe import Markup

from carershub.accounts.models import Role
from carershub.core import summary_list
from carershub.people.models import CaringRelationship, Person
from tests.builders import casework, completed_assessment
from tests.core.govuk_components import Component, main_of, maybe

SUMMARY_LIST = Component("govukSummaryList", summary_list.MACRO, "dl|dt|dd|div|h[1-6]|ul|li")


TEXTS = ["Name", "Ann & <Bob>", Markup("<b>safe</b>"), "", None, 7, "Llŷr ap Gwilym"]
HTML = ["<p>one</p>\n<p>two</p>", "  <strong>padded</strong>  ", "", "a < b", None]
CLASSES = [None, "", "govuk-!-width-one-third", 'x" onmouseover="y']


def _cell(rng):
    cell = {}
    maybe(rng, "text", TEXTS, cell, 0.8)
    maybe(rng, "html", HTML, cell, 0.3)
    maybe(rng, "classes", CLASSES, cell, 0.3)
    return cell


def _action(rng):
    action = {}
    maybe(rng, "href", ["/people/4/edit/", "/a?x=1&y=2", None], action, 0.9)
    maybe(rng, "text", TEXTS, action, 0.8)
    maybe(rng, "html", HTML, action, 0.2)
    maybe(rng, "visuallyHiddenText", TEXTS, action, 0.6)
    maybe(rng, "classes", CLASSES, action, 0.3)
    return action


def _actions(rng):
    actions = {"items": [_action(rng) for _ in range(rng.choice([0, 1, 1, 2, 3]))]}
    maybe(rng, "classes", CLASSES, actions, 0.2)
    return rng.choice([actions, actions, None, {}])


def _row(rng):
    if rng.random() < 0.05:
        return rng.choice([None, {}])
    row = {"key": _cell(rng), "value": _cell(rng)}
    maybe(rng, "actions", [_actions(rng)], row, 0.5)
    maybe(rng, "classes", CLASSES, row, 0.2)
    return row


def _params(rng):
    params = {"rows": [_row(rng) for _ in range(rng.randrange(0, 6))]}
    maybe(rng, "classes", CLASSES, params, 0.2)
    if rng.random() < 0.6:
        card = {}
        if rng.random() < 0.9:
            title = {}
            maybe(rng, "text", TEXTS, title, 0.8)
            maybe(rng, "html", HTML, title, 0.3)
            maybe(rng, "headingLevel", [None, 2, 3, 4], title, 0.3)
            maybe(rng, "classes", CLASSES, title, 0.2)
            card["title"] = title
        maybe(rng, "actions", [_actions(rng)], card, 0.5)
        maybe(rng, "classes", CLASSES, card, 0.2)
        params["card"] = card
    return params


@pytest.mark.parametrize("seed", range(8))
def test_every_combination_of_parameters_renders_as_the_macro_does(env, seed):
    SUMMARY_LIST.assert_as_the_macro(env, _params, seed)


def test_a_card_with_a_row_of_actions_in_full(env):
    params = {
        "card": {"title": {"text": "Carer details"}, "actions": {"items": [{"href": "/e", "text": "Change"}]}},
        "rows": [
            {"key": {"text": "Hours"}, "value": {"text": "35 & more"},
             "actions": {"items": [{"href": "/h", "text": "Change", "visuallyHiddenText": "hours"}]}},
            {"key": {"text": "Since"}, "value": {"html": "<p>2019</p>"}},
        ],
    }
    ours, macro = SUMMARY_LIST.both(env, params)

    assert SUMMARY_LIST.normalised(ours) == SUMMARY_LIST.normalised(macro)
    assert (
        '<a class="govuk-link" href="/h">Change<span class="govuk-visually-hidden"> hours (Carer details)</span></a>'
        in ours
    )
    assert '<div class="govuk-summary-list__row govuk-summary-list__row--no-actions">' in ours
    assert "35 &amp; more" in ours


@pytest.mark.parametrize(
    "params",
    [
        {"rows": [{"key": {"text": "A"}, "value": {"text": "B"}}], "attributes": {"data-module": "x"}},
        {"rows": [{"key": {"text": "A"}, "value": {"text": "B"}, "actions": {"items": [
            {"href": "/a", "text": "A", "attributes": {"data-track": "1"}}]}}]},
        {"card": {"title": {"text": "T"}, "attributes": {"id": "c"}}, "rows": []},
        {"rows": [{"key": {"text": "A"}, "value": {"text": "B"}, "somethingNew": 1}]},
    ],
)
def test_parameters_it_does_not_write_go_to_the_macro_unchanged(env, params):
    ours, macro = SUMMARY_LIST.both(env, params)

    assert ours == macro


def test_a_row_without_a_key_or_a_value_is_the_macros_error_as_before(env):
    from jinja2.exceptions import UndefinedError

    for row in ({"key": {"text": "A"}}, {"value": {"text": "B"}}):
        with pytest.raises(UndefinedError):
            SUMMARY_LIST.ours(env, {"rows": [row]})


@pytest.mark.django_db
def test_a_carers_page_renders_as_with_the_macro(client_for, make_carer, region, env, monkeypatch):
    client = client_for(Role.PRACTITIONER)
    carer = make_carer()
    mother = Person.objects.create(given_name="Mair", family_name="Testcaredfor", area=carer.area)
    CaringRelationship.objects.create(carer=carer, cared_for=mother, relationship="parent")
    completed_assessment(carer, actor=client.user, organisation=region["orgs"]["council"])
    casework(carer, actor=client.user)
    path = f"/people/{carer.pk}/"

    def page():
        response = client.get(path)
        assert response.status_code == 200
        return main_of(response)

    ours = SUMMARY_LIST.page_both_ways(env, monkeypatch, page)

    assert ours.count('class="govuk-summary-card"') >= 4
