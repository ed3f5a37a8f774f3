"""The Jinja environment's own filters, attribute reads and gettext: Jinja's output, Jinja's escaping."""

from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation
from django.utils.translation import gettext, ngettext
from jinja2 import Environment, UndefinedError
from jinja2.filters import do_indent
from markupsafe import Markup

from carershub.jinja2 import CarersHubEnvironment, _template_gettext, indent

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


# Reading dicts' keys first (CarersHubEnvironment.getattr) and gettext without copying the
# context (_template_gettext): each is checked against Jinja's own environment, which does neither.


def _jinjas_own(env):
    """A plain Jinja environment with the product's loader, filters and globals, and Jinja's own
    ``getattr`` and new-style gettext."""
    plain = Environment(loader=env.loader, autoescape=True, extensions=["jinja2.ext.i18n", "jinja2.ext.do"])
    plain.filters.update(env.filters)
    plain.globals.update({k: v for k, v in env.globals.items() if k not in {"_", "gettext", "ngettext"}})
    plain.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
    return plain


def test_the_product_reads_dicts_as_jinja_does_in_every_case():
    env = engines["jinja2"].env
    assert isinstance(env, CarersHubEnvironment)
    source = (
        "{{ d.name }}|{{ d.missing is defined }}|{{ d.items is callable }}|{{ d['items'] }}|"
        "{{ d.get('name') }}|{{ o.name }}|{{ sub.name }}|{{ sub.extra }}|{{ n.real }}|{{ d.name.upper() }}"
    )

    class Sub(dict):
        extra = "attribute"

    values = {
        "d": {"name": "Ann <b>", "items": ["kept"]},
        "o": SimpleNamespace(name="Bryn"),
        "sub": Sub(name="Cai", extra="key"),
        "n": 3,
    }
    ours = env.from_string(source).render(**values)

    assert ours == _jinjas_own(env).from_string(source).render(**values)
    assert ours.startswith("Ann &lt;b&gt;|False|True|[&#39;kept&#39;]|Ann &lt;b&gt;|Bryn|Cai|attribute|3|")


def test_a_missing_key_is_jinjas_undefined():
    env = engines["jinja2"].env
    with pytest.raises(UndefinedError):
        env.from_string("{{ d.missing.deeper }}").render(d={})


def test_gov_uk_components_render_exactly_as_in_jinjas_own_environment():
    env = engines["jinja2"].env
    assert _summary_list(env) == _summary_list(_jinjas_own(env))


GETTEXT_CASES = [
    '{{ _("Find a carer") }}',
    '{{ _("Cares for %(name)s", name=name) }}',
    '{{ _("100%% of %(name)s", name=name) }}',
    '{{ _("No percent signs %%") }}',
    '{% autoescape false %}{{ _("Reset your %(service)s password", service=name) }}{% endautoescape %}',
    '{% for n in [1, 2] %}{% set x = n %}{{ ngettext("%(num)d carer", "%(num)d carers", x) }};{% endfor %}',
    '{{ ngettext("%(num)d carer for %(name)s", "%(num)d carers for %(name)s", 3, name=name) }}',
    "{% trans %}Hello {{ name }}{% endtrans %}",
    "{% trans count=2 %}One {{ name }}{% pluralize %}{{ count }} of {{ name }}{% endtrans %}",
    "{% for n in [1] %}{% set who = name %}{{ _('Cares for %(name)s', name=who) }}{% endfor %}",
]


@pytest.mark.parametrize("source", GETTEXT_CASES)
@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_templates_translate_as_with_jinjas_gettext(source, language):
    env = engines["jinja2"].env
    values = {"name": "Ann <b>& Bryn</b>"}
    with translation.override(language):
        ours = env.from_string(source).render(**values)
        jinjas = _jinjas_own(env).from_string(source).render(**values)

    assert ours == jinjas
    assert "<b>" not in ours or "autoescape false" in source


def test_a_welsh_page_is_translated_by_the_products_gettext():
    env = engines["jinja2"].env
    assert env.globals["_"] is _template_gettext and env.globals["gettext"] is _template_gettext
    with translation.override("cy"):
        welsh = env.from_string('{{ _("Find a carer or cared-for person") }}').render()
    assert welsh and welsh != "Find a carer or cared-for person"


# --- imports (CarersHubTemplate._get_default_module) -------------------------------------------

IMPORTING = {
    "macros.jinja": "{% macro greet(who) %}{{ greeting }}, {{ who }}{% if extra is defined %} {{ extra }}{% endif %}"
                    "{% endmacro %}",
    "page.jinja": '{% from "macros.jinja" import greet %}{{ greet(name) }}',
}


def _envs():
    from jinja2 import DictLoader

    ours, jinjas = CarersHubEnvironment(loader=DictLoader(IMPORTING)), Environment(loader=DictLoader(IMPORTING))
    for env in (ours, jinjas):
        env.globals["greeting"] = "Shwmae"
    return ours, jinjas


def test_an_imported_macro_sees_the_globals_as_in_jinjas_own_environment():
    ours, jinjas = _envs()
    for env in (ours, jinjas):
        assert env.get_template("page.jinja").render(name="Ann") == "Shwmae, Ann"
        # A template given a global of its own passes it on to what it imports, as Jinja does.
        page = env.from_string('{% from "macros.jinja" import greet %}{{ greet(name) }}', globals={"extra": "!"})
        assert page.render(name="Bryn") == "Shwmae, Bryn !"
        # And the macros template, imported again without it, does not keep it.
        assert env.get_template("page.jinja").render(name="Ceri") == "Shwmae, Ceri"


def test_an_import_with_nothing_to_add_reuses_the_module_jinja_keeps():
    ours, _jinjas = _envs()
    page = ours.get_template("page.jinja")
    macros = ours.get_template("macros.jinja")
    page.render(name="Ann")
    kept = macros._module
    assert kept is not None

    page.render(name="Bryn")

    assert macros._module is kept
    assert macros.module is kept
