"""GOV.UK's text input, date input, radios and select written in Python (core/inputs.py) render what
GOV.UK's macros render, compared as the summary list and the table are (tests/core/govuk_components.py)."""

import pytest
from markupsafe import Markup

from carershub.accounts.models import Role
from carershub.core import inputs
from tests.core.govuk_components import Component, main_of, maybe
from tests.core.test_summary_list import CLASSES, HTML, TEXTS
from tests.reporting.test_figures import last_year_q1

BLOCKS = "div|label|input|p|fieldset|legend|h1"
INPUT = Component("govukInput", inputs.INPUT_MACRO, BLOCKS)
DATE = Component("govukDateInput", inputs.DATE_MACRO, BLOCKS)
RADIOS = Component("govukRadios", inputs.RADIOS_MACRO, BLOCKS)
SELECT = Component("govukSelect", inputs.SELECT_MACRO, BLOCKS + "|select|option")

IDS = [None, "", "id_surname", 'x"y&z']
VALUES = [None, "", "Ann & Bob", 0, 7, True, False, Markup("<b>kept</b>")]


def _part(rng, keys=("text", "html", "classes")):
    part = {}
    maybe(rng, "text", TEXTS, part, 0.8)
    maybe(rng, "html", HTML, part, 0.3)
    maybe(rng, "classes", CLASSES, part, 0.3)
    if "isPageHeading" in keys:
        maybe(rng, "isPageHeading", [True, False, None], part, 0.3)
    if "visuallyHiddenText" in keys:
        maybe(rng, "visuallyHiddenText", ["Gwall", "", None], part, 0.5)
    return part


def _input_params(rng):
    params = {"label": _part(rng, ("isPageHeading",))}  # the macro fails without one
    maybe(rng, "id", IDS, params, 0.6)
    maybe(rng, "name", ["surname", None, "a&b"], params, 0.9)
    maybe(rng, "type", [None, "", "text", "email", "tel"], params, 0.4)
    maybe(rng, "value", VALUES, params, 0.6)
    maybe(rng, "classes", CLASSES, params, 0.3)
    maybe(rng, "describedBy", [None, "", "other-hint"], params, 0.2)
    maybe(rng, "hint", [_part(rng), None, {}], params, 0.4)
    maybe(rng, "errorMessage", [_part(rng, ("visuallyHiddenText",)), None], params, 0.3)
    maybe(rng, "spellcheck", [True, False, None, 1, 0, "yes"], params, 0.3)
    maybe(rng, "disabled", [True, False, None, "disabled"], params, 0.2)
    maybe(rng, "autocomplete", [None, "off", "family-name"], params, 0.3)
    maybe(rng, "autocapitalize", [None, "none"], params, 0.1)
    maybe(rng, "pattern", [None, "[0-9]*"], params, 0.2)
    maybe(rng, "inputmode", [None, "numeric"], params, 0.2)
    maybe(rng, "formGroup", [None, {}, {"classes": "app-x"}], params, 0.2)
    maybe(rng, "attributes", [None, {}, {"maxlength": 35}, {"data-x": True, "aria-label": 'a"b', "n": None}],
          params, 0.5)
    return params


def _date_params(rng):
    params = {}
    maybe(rng, "id", IDS, params, 0.8)
    maybe(rng, "namePrefix", [None, "", "dob"], params, 0.3)
    maybe(rng, "name", ["dob"], params, 0.3)  # read by neither
    maybe(rng, "idPrefix", ["id_dob"], params, 0.3)
    if rng.random() < 0.7:
        items = []
        for name in rng.choice([("day", "month", "year"), ("month", "year"), ()]):
            item = {"name": name}
            maybe(rng, "label", [None, "", "Dydd", "A & B"], item, 0.5)
            maybe(rng, "id", [None, "", f"id_when_{name}"], item, 0.5)
            maybe(rng, "value", VALUES, item, 0.5)
            maybe(rng, "classes", [None, "", "govuk-input--width-2", "govuk-input--width-4 govuk-input--error"],
                  item, 0.7)
            maybe(rng, "inputmode", [None, "numeric", "text"], item, 0.3)
            maybe(rng, "autocomplete", [None, "bday-day"], item, 0.3)
            maybe(rng, "pattern", [None, "[0-9]*"], item, 0.2)
            items.append(item)
        params["items"] = items
    maybe(rng, "hint", [_part(rng), None], params, 0.5)
    maybe(rng, "errorMessage", [_part(rng, ("visuallyHiddenText",)), None], params, 0.3)
    maybe(rng, "formGroup", [None, {"classes": "app-x"}], params, 0.2)
    maybe(rng, "classes", CLASSES, params, 0.2)
    if rng.random() < 0.7:
        fieldset = {"legend": _part(rng, ("isPageHeading",))}
        maybe(rng, "describedBy", [None, "", "before"], fieldset, 0.3)
        maybe(rng, "classes", CLASSES, fieldset, 0.3)
        params["fieldset"] = fieldset
    return params


def _fieldset(rng, params):
    if rng.random() < 0.7:
        fieldset = {"legend": _part(rng, ("isPageHeading",))}
        maybe(rng, "describedBy", [None, "", "before"], fieldset, 0.3)
        maybe(rng, "classes", CLASSES, fieldset, 0.3)
        params["fieldset"] = fieldset


CHOICES = [None, "", "yes", "no", 7, "A & B"]


def _radios_params(rng):
    params = {"items": []}
    maybe(rng, "idPrefix", IDS, params, 0.7)
    maybe(rng, "name", ["answer", None, "a&b"], params, 0.9)
    maybe(rng, "value", CHOICES, params, 0.4)
    for _ in range(rng.randrange(0, 5)):
        if rng.random() < 0.08:
            params["items"].append(rng.choice([None, {}, {"divider": "or"}, {"divider": "a < b"}]))
            continue
        item = {}
        maybe(rng, "value", CHOICES, item, 0.9)
        maybe(rng, "text", TEXTS, item, 0.8)
        maybe(rng, "html", HTML, item, 0.2)
        maybe(rng, "id", [None, "", "own-id", 5], item, 0.2)
        maybe(rng, "checked", [True, False, None, "", 1], item, 0.4)
        maybe(rng, "selected", [True, False], item, 0.2)  # read by neither
        maybe(rng, "disabled", [True, False, None], item, 0.2)
        maybe(rng, "hint", [_part(rng), {}, None, {"classes": "x"}], item, 0.3)
        maybe(rng, "conditional", [{"html": "<p>more</p>"}, {"html": ""}, {}, None], item, 0.3)
        maybe(rng, "label", [{"classes": "govuk-label--s"}, {}, None], item, 0.2)
        params["items"].append(item)
    maybe(rng, "hint", [_part(rng), None], params, 0.4)
    maybe(rng, "errorMessage", [_part(rng, ("visuallyHiddenText",)), None], params, 0.3)
    maybe(rng, "formGroup", [None, {"classes": "app-x"}], params, 0.2)
    maybe(rng, "classes", CLASSES + ["govuk-radios--inline"], params, 0.3)
    _fieldset(rng, params)
    return params


def _select_params(rng):
    params = {"label": _part(rng, ("isPageHeading",))}
    maybe(rng, "id", IDS, params, 0.7)
    maybe(rng, "name", ["area", None, "a&b"], params, 0.9)
    maybe(rng, "value", CHOICES + [True], params, 0.4)
    maybe(rng, "describedBy", [None, "", "other-hint"], params, 0.2)
    maybe(rng, "disabled", [True, False, None], params, 0.1)
    if rng.random() < 0.9:
        params["items"] = []
        for _ in range(rng.randrange(0, 6)):
            if rng.random() < 0.05:
                params["items"].append(rng.choice([None, {}]))
                continue
            item = {}
            maybe(rng, "value", CHOICES + [True, False], item, 0.8)
            maybe(rng, "text", TEXTS, item, 0.9)
            maybe(rng, "selected", [True, False, None, 1], item, 0.3)
            maybe(rng, "checked", [True, False], item, 0.2)  # read by neither
            maybe(rng, "disabled", [True, False, None], item, 0.2)
            params["items"].append(item)
    maybe(rng, "hint", [_part(rng), None], params, 0.4)
    maybe(rng, "errorMessage", [_part(rng, ("visuallyHiddenText",)), None], params, 0.3)
    maybe(rng, "formGroup", [None, {"classes": "app-x"}], params, 0.2)
    maybe(rng, "classes", CLASSES, params, 0.3)
    return params


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    ("component", "make_params"),
    [(INPUT, _input_params), (DATE, _date_params), (RADIOS, _radios_params), (SELECT, _select_params)],
    ids=["text input", "date input", "radios", "select"],
)
def test_every_combination_of_parameters_renders_as_the_macro_does(env, component, make_params, seed):
    component.assert_as_the_macro(env, make_params, seed)


def test_a_date_in_full(env):
    params = {
        "id": "id_dob", "fieldset": {"legend": {"text": "Date of birth", "classes": "govuk-fieldset__legend--s"}},
        "hint": {"text": "For example, 27 3 2007"}, "errorMessage": {"text": "Enter a real date"},
        "items": [{"id": "id_dob_day", "name": "dob_day", "label": "Day", "value": "31",
                   "classes": "govuk-input--width-2 govuk-input--error", "autocomplete": "bday-day"}],
    }
    ours, macro = DATE.both(env, params)

    assert DATE.normalised(ours) == DATE.normalised(macro)
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_dob-hint id_dob-error">' in ours
    assert ('<input class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error" id="id_dob_day"'
            ' name="dob_day" type="text" value="31" autocomplete="bday-day" inputmode="numeric">') in ours
    assert '<span class="govuk-visually-hidden">Error:</span> Enter a real date' in ours


@pytest.mark.parametrize(
    ("component", "params"),
    [
        (INPUT, {"label": {"text": "A"}, "name": "a", "prefix": {"text": "£"}}),
        (INPUT, {"label": {"text": "A"}, "name": "a", "attributes": {"data-x": {"value": True, "optional": True}}}),
        (INPUT, {"label": {"text": "A"}, "name": "a", "attributes": 'data-x="1"'}),
        (INPUT, {"label": {"text": "A", "attributes": {"id": "l"}}, "name": "a"}),
        (INPUT, {"label": {"text": "A"}, "name": "a", "formGroup": {"afterInput": {"text": "after"}}}),
        (DATE, {"items": [{"name": "day", "attributes": {"data-x": "1"}}]}),
        (DATE, {"fieldset": {"legend": {}, "attributes": {"id": "f"}}}),
        (DATE, {"fieldset": {"legend": {}}}),
        (DATE, {"somethingNew": 1}),
        (RADIOS, {"name": "a", "items": [{"value": "1", "text": "One", "attributes": {"data-x": "1"}}]}),
        (RADIOS, {"name": "a", "items": [{"value": "1", "text": "One", "label": {"attributes": {"id": "x"}}}]}),
        (SELECT, {"label": {"text": "A"}, "name": "a", "items": [{"value": "1", "text": "One", "attributes": {"x": "1"}}]}),
        (SELECT, {"label": {"text": "A"}, "name": "a", "formGroup": {"beforeInput": {"text": "£"}}}),
    ],
)
def test_parameters_they_do_not_write_go_to_the_macro_unchanged(env, component, params):
    ours, macro = component.both(env, params)

    assert ours == macro


@pytest.mark.parametrize(("component", "params"), [
    (INPUT, {"name": "no-label"}),  # the macro reads the label's text from nothing
    (DATE, {"items": None}),  # and the length of nothing
    (SELECT, {"name": "no-label"}),
    (RADIOS, {"name": "a", "items": None}),
    (RADIOS, {"name": "a"}),  # it reads the dict's own items method
])
def test_what_the_macros_refuse_they_still_refuse(env, component, params):
    with pytest.raises(Exception) as ours:
        component.ours(env, params)
    with pytest.raises(Exception) as macro:
        component.macro(env)(params)
    assert type(ours.value) is type(macro.value)


@pytest.mark.django_db
def test_the_figures_form_renders_as_with_the_macros(client_for, env, monkeypatch):
    client = client_for(Role.TEAM_MANAGER)

    def page():
        return main_of(client.get("/figures/", {**last_year_q1(), "date_to_day": "40"}))

    ours = DATE.page_both_ways(env, monkeypatch, page)
    assert 'class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error"' in ours
    assert RADIOS.page_both_ways(env, monkeypatch, page).count('type="radio"') == 7
    assert "<option" in SELECT.page_both_ways(env, monkeypatch, page)


@pytest.mark.django_db
def test_a_form_of_text_inputs_renders_as_with_the_macro(client_for, env, monkeypatch):
    client = client_for(Role.PRACTITIONER)

    def page():
        return main_of(client.post("/people/new/", {"given_name": "", "family_name": "Test & Co"}))

    ours = INPUT.page_both_ways(env, monkeypatch, page)
    assert ours.count('<input class="govuk-input') >= 2
