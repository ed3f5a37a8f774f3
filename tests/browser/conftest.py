"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright, against pytest-django's live server.

Every page a browser test visits goes through ``check(page, ...)``: one h1, a meaningful <title>
("Error: " first when the page shows errors), then axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA
rules (``assert_accessible``). Never run ``playwright install``: the tests use the system Chromium.

Set CARERSHUB_SCREENSHOTS=/some/dir to save a full-page screenshot of every page checked.
"""

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that is fine. The test code and the live server never share a
# connection, so it is.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.signals import request_finished  # noqa: E402
from django.db import connections  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.conftest import TEST_PASSWORD, TOTP_SECRET, totp_code  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(os.environ.get("CARERSHUB_SCREENSHOTS", "")) if os.environ.get("CARERSHUB_SCREENSHOTS") else None


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium); the browser tests need it"
        if os.environ.get("CI"):
            pytest.fail(message)  # on CI a missing browser must not quietly pass the accessibility checks
        pytest.skip(message)
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run npm ci")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Inside this block, so for every test after the first browser test, code runs in another
        # context (contextvars) than outside it, and Django keeps its connections per context: the
        # tests used other connection objects than the one pytest-django closes before dropping
        # the test database once this block has ended. Left open, that connection made every
        # PostgreSQL run end with "test_test_gwN is being accessed by other users". Closed here,
        # in the context that opened it. (In-memory SQLite's connection is never closed.)
        connections.close_all()


def _close_live_server_connections(sender, **kwargs):
    if sender is not None and issubclass(sender, WSGIHandler):  # the live server's, not the test client's
        connections.close_all()


@pytest.fixture(scope="session", autouse=True)
def live_server_closes_its_connections():
    """The live server's request threads close their database connections after each request.

    Django's threaded test server closes a thread's connections only when the browser closes the
    socket, and Chromium keeps sockets open between pages; with CONN_MAX_AGE set, about half the
    browser tests ended with a request thread still holding one, idle, beside the test's own.
    (The run's closing warning that the test database "is being accessed by other users" had
    another cause as well: see ``chromium``.) In-memory SQLite, which the live server shares, is
    never closed.
    """
    request_finished.connect(_close_live_server_connections, dispatch_uid="browser-live-server-close")
    yield
    request_finished.disconnect(dispatch_uid="browser-live-server-close")


def _new_context(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(chromium, live_server, transactional_db):
    """A fresh browser window (its own cookies) that knows the live server's address.

    Fails the test if the page had a JavaScript error, the Content-Security-Policy blocked
    something, or a /static/ file was missing.
    """
    context = _new_context(chromium, live_server)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: problems.append(message.text)
        if message.type == "error" and "Content Security Policy" in message.text
        else None,
    )
    page.on(
        "response",
        lambda response: problems.append(f"{response.status} {response.url}")
        if response.url.startswith(f"{live_server.url}/static/") and response.status >= 400
        else None,
    )
    yield page
    context.close()
    assert not problems, "JavaScript errors, CSP violations or missing static files:\n" + "\n".join(problems)


@pytest.fixture
def new_page(chromium, live_server, transactional_db):
    """new_page() -> another independent browser window, for a second user."""
    contexts = []

    def _new():
        contexts.append(_new_context(chromium, live_server))
        return contexts[-1].new_page()

    yield _new
    for context in contexts:
        context.close()


def _describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"    {violation.get('helpUrl', '')}")
        for node in violation["nodes"][:10]:
            target = " ".join(t if isinstance(t, str) else json.dumps(t) for t in node["target"])
            # What to fix: the first "any" check (any one would do) and every "all"/"none" check that failed.
            checks = node.get("any", [])[:1] + node.get("all", []) + node.get("none", [])
            lines.append(f"    at {target}: {'; '.join(c['message'] for c in checks)}")
            lines.append(f"       {node['html'][:200]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ...and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def assert_accessible(page):
    """Run axe-core (WCAG 2.0, 2.1, 2.2 A and AA rules) on the page as it is now; fail listing what is wrong."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, which the page's Content-Security-Policy does not govern;
        # a <script> tag (add_script_tag) would be refused as an inline script without the nonce.
        page.evaluate(AXE_JS.read_text())
    violations = page.evaluate(
        """async (tags) => {
            const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
            return (await axe.run(document, options)).violations;
        }""",
        AXE_TAGS,
    )
    if SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = page.url.split("://", 1)[-1].split("/", 1)[-1].replace("/", "_").replace("?", "_") or "root"
        number = len(list(SCREENSHOTS.iterdir()))
        page.screenshot(path=str(SCREENSHOTS / f"{number:03d}-{name[:80]}.png"), full_page=True)
    if violations:
        where = f"{page.url} ({page.title()!r})"
        raise AssertionError(f"axe-core found accessibility problems on {where}:\n{_describe(violations)}")


def assert_page_structure(page, title_contains: str | None = None, *, error: bool = False):
    """Exactly one h1, a <title> naming the page and the service ("Error: " first when there are errors)."""
    # A click may have started a navigation that is still arriving: wait for the page, then retry briefly.
    page.wait_for_load_state("load")
    expect(page.locator("h1"), f"{page.url} should have exactly one h1").to_have_count(1)
    title = page.title()
    assert title.endswith(" – Carers Hub"), f"{page.url} has the title {title!r}"
    assert title.startswith("Error: ") == error, f"{page.url} has the title {title!r}"
    if title_contains:
        assert title_contains in title, f"{page.url} has the title {title!r}, not about {title_contains!r}"
    assert page.locator("html").get_attribute("lang") in ("en-GB", "cy")


def check(page, title_contains: str | None = None, *, error: bool = False):
    """Every page a test visits goes through this: structure, then axe-core."""
    assert_page_structure(page, title_contains, error=error)
    assert_accessible(page)


def assert_error_summary(page, hrefs: list[str] | None = None):
    """The GOV.UK error summary is shown and focused, and each of its links takes focus to a real field."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator(".govuk-error-summary__list a")
    found = [links.nth(i).get_attribute("href") for i in range(links.count())]
    if hrefs is not None:
        assert found == hrefs, f"error summary links {found}, expected {hrefs}"
    for i, href in enumerate(found):
        assert href.startswith("#"), href
        target = page.locator(href)
        assert target.count() == 1, f"the error summary links to {href}, but the page has no such element"
        links.nth(i).click()
        expect(target).to_be_focused()
        # The field shows the same message next to it.
        message = links.nth(i).inner_text().strip()
        # The innermost group holding the field: a revealed question sits inside its checkbox's group.
        group = page.locator(".govuk-form-group--error").filter(has=target).last
        expect(group.locator(".govuk-error-message").first).to_contain_text(message)
    return found


# The authenticator code each user last signed in with. allauth refuses a code already used by the
# same user within its period (replay protection), so a second sign-in waits for a fresh code.
_LAST_CODE: dict[int, str] = {}


def fresh_totp_code(user, secret: str = TOTP_SECRET) -> str:
    """The user's current authenticator code, waiting for the next one if this one was already used."""
    import time

    code = totp_code(secret)
    while code == _LAST_CODE.get(user.pk):
        time.sleep(1)
        code = totp_code(secret)
    _LAST_CODE[user.pk] = code
    return code


def sign_in(page, user, *, secret: str = TOTP_SECRET):
    """Sign in through the real pages: username and password, then the authenticator code."""
    page.goto("/accounts/login/")
    check(page, "Sign in")
    page.get_by_label("Username or email address").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    check(page, "Enter your security code")
    page.get_by_label("Enter your security code").fill(fresh_totp_code(user, secret))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    check(page)

