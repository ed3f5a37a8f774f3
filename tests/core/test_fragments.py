"""The frame of every page (skip link, header, phase banner, footer), written once per language and menu.

core/fragments.py remembers each variant's HTML in the process, so these tests check that what
one user was shown never reaches another: the menu follows each user's roles, the language
follows each user's, and the language switch comes back to each request's own page.
"""

from urllib.parse import quote

import pytest
from django.test import Client, override_settings
from jinja2 import DictLoader, Environment

from carershub.accounts.models import Role
from carershub.core import fragments
from tests.pages import Page
from tests.welsh import compile_welsh_catalogue, cy


@pytest.fixture(autouse=True, scope="module")
def _welsh_catalogue():
    compile_welsh_catalogue()


@pytest.fixture(autouse=True)
def _nothing_remembered():
    fragments.forget()
    yield
    fragments.forget()


def signed_in(make_user, *roles, language="en-gb"):
    user = make_user(*roles)
    user.preferred_language = language
    user.save()
    client = Client()
    client.force_login(user)
    return client


def menu(page: Page) -> list[tuple[str, bool]]:
    """The header menu's entries, each with whether it is marked as the open one."""
    items = page.find_all("li", "govuk-service-navigation__item")
    return [(item.text(), "govuk-service-navigation__item--active" in item.classes) for item in items]


def whole(page: Page) -> str:
    """The text of the whole page, its frame included (``Page.text`` is the main content's)."""
    return page.root.text()


def switch_href(page: Page) -> str:
    nav = next(n for n in page.root.iter() if n.tag == "nav" and n.attrs.get("aria-label") in ("Language", cy("Language")))
    return next(n for n in nav.iter() if n.tag == "a").attrs["href"]


def test_each_user_sees_the_menu_their_roles_give_whoever_was_served_before(make_user, region):
    practitioner = signed_in(make_user, Role.PRACTITIONER)
    commissioner = signed_in(make_user, Role.COMMISSIONER)
    manager = signed_in(make_user, Role.TEAM_MANAGER)

    for _round in range(2):  # the second round is served from what the first remembered
        assert menu(Page(practitioner.get("/people/"))) == [
            ("Find a person", True), ("Contacts", False), ("Assessments", False),
            ("Your account", False), ("Sign out", False),
        ]
        assert menu(Page(commissioner.get("/figures/"))) == [
            ("Figures", True), ("Your account", False), ("Sign out", False),
        ]
        assert menu(Page(manager.get("/contacts/"))) == [
            ("Find a person", False), ("Contacts", True), ("Assessments", False), ("Figures", False),
            ("Your account", False), ("Sign out", False),
        ]
        assert menu(Page(manager.get("/"))) == [
            ("Find a person", False), ("Contacts", False), ("Assessments", False), ("Figures", False),
            ("Your account", False), ("Sign out", False),
        ]


def test_each_user_gets_the_frame_in_their_own_language(make_user, region):
    english = signed_in(make_user, Role.PRACTITIONER)
    welsh = signed_in(make_user, Role.PRACTITIONER, language="cy")

    for _round in range(2):
        page = Page(english.get("/people/"))
        assert menu(page)[0] == ("Find a person", True)
        assert "Skip to main content" in whole(page)
        assert "This is a new service." in whole(page)
        assert "Privacy notice" in whole(page)

        page = Page(welsh.get("/people/"))
        assert menu(page)[0] == (cy("Find a person"), True)
        assert cy("Skip to main content") in whole(page)
        assert cy("This is a new service. Tell your service manager what could be better.") in whole(page)
        assert cy("Privacy notice") in whole(page)
        assert "Skip to main content" not in whole(page)


def test_the_language_switch_comes_back_to_each_requests_own_page(make_user, region):
    client = signed_in(make_user, Role.PRACTITIONER)
    # The second has characters the link must encode and the page must escape, and the marker
    # that stands for the path while the header is written, which must come through as typed.
    for path in ("/people/?q=Ann+Jones", '/people/?q=a&b="<i>"&page=2', "/people/?q=CarersHubFillSwitch_nextHere"):
        response = client.get(path)
        expected = "/accounts/language/cy/?next=" + quote(response.wsgi_request.get_full_path(), safe="/")
        assert switch_href(Page(response)) == expected
    raw = client.get('/people/?q="<i>"').content.decode()
    assert "<i>" not in raw, "the path is escaped where it is written"


def test_a_changed_setting_is_written_into_the_frame(make_user, region):
    client = signed_in(make_user, Role.PRACTITIONER)
    assert "Test Carers Service is run by" not in whole(Page(client.get("/")))
    with override_settings(CARERSHUB_SERVICE_NAME="Test Carers Service"):
        assert "Test Carers Service is run by" in whole(Page(client.get("/")))
    assert "Test Carers Service is run by" not in whole(Page(client.get("/")))


def test_a_variant_is_rendered_once_and_filled_on_every_use():
    env = Environment(autoescape=True)
    env.globals["once"] = fragments.once
    rendered = []
    env.globals["count"] = lambda: rendered.append(1) or ""
    env.loader = DictLoader({
        "part.jinja": "{{ count() }}<p>{{ label }}</p><a href='/x?next={{ next }}'>go</a>",
        "page.jinja": "{{ once('part.jinja', label=label, fill={'next': next}) }}",
    })
    page = env.get_template("page.jinja")

    assert page.render(label="One", next="%2Fa") == "<p>One</p><a href='/x?next=%2Fa'>go</a>"
    assert page.render(label="One", next="b&c") == "<p>One</p><a href='/x?next=b&amp;c'>go</a>"
    assert len(rendered) == 1, "the second use was filled in, not rendered"
    assert page.render(label="<Two>", next="") == "<p>&lt;Two&gt;</p><a href='/x?next='>go</a>"
    assert len(rendered) == 2, "another key is another variant"


def test_each_fill_is_written_as_it_is_even_when_it_holds_another_fills_marker():
    env = Environment(autoescape=True)
    env.globals["once"] = fragments.once
    env.loader = DictLoader({
        "part.jinja": "[{{ a }}|{{ b }}]",
        "page.jinja": "{{ once('part.jinja', fill={'a': a, 'b': b}) }}",
    })
    marker_of_b = "CarersHubFillBHere"
    assert env.get_template("page.jinja").render(a=marker_of_b, b="<b>") == f"[{marker_of_b}|&lt;b&gt;]"


# What each frame template is given when base.jinja asks for it (layouts/base.jinja).
FRAME_KEYS = {
    "components/frame_header.jinja": {"menu", "open", "htmlLang", "service_name", "region_name", "switch_next"},
    "components/frame_skip_link.jinja": set(),
    "components/frame_phase_banner.jinja": set(),
    "components/frame_footer.jinja": {"service_name", "region_name"},
}
# Globals whose answer depends on the moment or the request: a frame must never call them.
PER_REQUEST_GLOBALS = {"now", "csrf_input_for", "get_messages", "banners_for"}


@pytest.mark.parametrize("name", sorted(FRAME_KEYS))
def test_a_frame_template_reads_only_its_key_and_the_processes_globals(name):
    from django.template import engines
    from jinja2 import Environment, meta

    product = engines["jinja2"].env
    # Parsed without the product's globals, so every name the template reads is listed (the i18n
    # extension's own ``_`` and ``gettext`` are not: they come from the catalogues).
    bare = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"])
    allowed = FRAME_KEYS[name] | (set(product.globals) - PER_REQUEST_GLOBALS)
    sources = [name]
    if name == "components/frame_header.jinja":
        sources.append("components/service_header.jinja")  # included: it sees what the header set
        allowed |= {"home_url"}
    for source in sources:
        text = product.loader.get_source(product, source)[0]
        read = meta.find_undeclared_variables(bare.parse(text))
        assert read <= allowed, f"{source} reads {sorted(read - allowed)}, which the kept HTML would not follow"
