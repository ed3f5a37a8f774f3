"""The Jinja environment's own filters: the same output as Jinja's, the same escaping."""

import pytest
from django.template import engines
from jinja2.filters import do_indent
from markupsafe import Markup

from carershub.jinja2 import indent

NESTED = Markup('<dl class="govuk-summary-list">\n  <div>\n\n    <dt>Name</dt>\n    <dd>Ann &amp; Bryn</dd>\n  </div>\n</dl>')


@pytest.mark.parametrize("width", [0, 2, 4, "\t", "<!-- -->"])
@pytest.mark.parametrize("first", [False, True])
@pytest.mark.parametrize("blank", [False, True])
@pytest.mark.parametrize("text", [NESTED, Markup(""), Markup("one line"), Markup("ends\n"), Markup("a\r\nb\n\nc")])
def test_indenting_markup_gives_jinjas_text_and_stays_safe(text, width, first, blank):
    ours = indent(text, width, first, blank)

    assert isinstance(ours, Markup)
    assert str(ours) == str(do_indent(text, width, first, blank))


def test_indenting_plain_text_is_left_to_jinja():
    text = "<b>not safe</b>\nsecond"

    assert indent(text, 2) == do_indent(text, 2)
    assert not isinstance(indent(text, 2), Markup), "plain text stays plain, so autoescape still escapes it"


def _summary_list(env):
    template = env.from_string(
        '{% from "govuk_frontend_jinja/components/summary-list/macro.html" import govukSummaryList %}'
        "{{ govukSummaryList({'rows': rows}) }}"
    )
    rows = [
        {"key": {"text": "Name"}, "value": {"text": "Ann <script>alert(1)</script> Jones"}},
        {"key": {"text": "Address"}, "value": {"html": Markup("3 Chapel Row<br>\nAfon")}},
        {"key": {"text": "Cares for"}, "value": {"html": Markup("<ul>\n<li>Mair</li>\n<li>Bryn</li>\n</ul>")},
         "actions": {"items": [{"href": "/people/1/", "text": "Change", "visuallyHiddenText": "who they care for"}]}},
    ]
    return template.render(rows=rows)


def _fresh(env, indent_filter):
    """The product's environment with no template cache, so each macro is compiled with this filter
    (compiled templates look their filters up once, when they are loaded)."""
    fresh = env.overlay(cache_size=0)
    fresh.filters = {**env.filters, "indent": indent_filter}
    return fresh


def test_gov_uk_components_render_exactly_as_with_jinjas_filter():
    env = engines["jinja2"].env
    assert env.filters["indent"] is indent

    ours = _summary_list(_fresh(env, indent))
    jinjas = _summary_list(_fresh(env, do_indent))

    assert ours == jinjas
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ours and "<script>" not in ours
    assert "<li>Mair</li>" in ours
