"""The Docker deployment (Dockerfile, .dockerignore, compose.yaml, deploy/) checked without Docker.

CI has no Docker daemon, so the image is never built here. What can be checked is: what the
files say (read with small parsers below, and PyYAML, which drf-spectacular already needs),
that every command and path they name exists in the product, that the example environment
loads in production settings, and that the gunicorn settings and health checks the image runs
really serve and judge /healthz.
"""

import importlib.util
import json
import os
import re
import runpy
import secrets
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import get_commands
from django.urls import resolve

from carershub.core import views as core_views
from tests.production.test_production_settings import production_environment

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = "/app"  # the runtime stage's WORKDIR


# --- Reading the files ---------------------------------------------------------------------------


def dockerfile_stages(text: str) -> list[dict]:
    """[{"from": "image AS name", "name": ..., "instructions": [(KEYWORD, arguments), ...]}, ...]."""
    instructions, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or (not stripped and not current):
            continue  # comments, also inside a continued instruction, and blank lines
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, arguments = current.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    stages = []
    for keyword, arguments in instructions:
        if keyword == "FROM":
            words = arguments.split()
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append({"from": words[0], "name": name, "instructions": []})
        elif stages:
            stages[-1]["instructions"].append((keyword, arguments))
    return stages


def arguments_of(stage: dict, keyword: str) -> list[str]:
    return [arguments for kw, arguments in stage["instructions"] if kw == keyword]


def index_of(stage: dict, predicate) -> int:
    return next(i for i, (kw, arguments) in enumerate(stage["instructions"]) if predicate(kw, arguments))


def copies(stage: dict) -> list[tuple[str | None, list[str], str]]:
    """Each COPY as (the stage it copies from or None for the build context, sources, destination)."""
    found = []
    for arguments in arguments_of(stage, "COPY"):
        words = shlex.split(arguments)
        flags = dict(word[2:].split("=", 1) for word in words if word.startswith("--") and "=" in word)
        paths = [word for word in words if not word.startswith("--")]
        found.append((flags.get("from"), paths[:-1], paths[-1]))
    return found


def apt_packages(stage: dict) -> set[str]:
    packages = set()
    for arguments in arguments_of(stage, "RUN"):
        for command in arguments.split("&&"):
            words = command.split()
            if "apt-get" in words and "install" in words:
                packages |= {w for w in words[words.index("install") + 1 :] if not w.startswith("-")}
    return packages


def dockerignore_excludes(relative: str, patterns: list[str]) -> bool:
    """Docker's rules: the last matching pattern decides, `!` re-includes, a matched folder takes its contents."""

    def regex(pattern: str) -> re.Pattern:
        out, i = "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                out, i = out + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                out, i = out + ".*", i + 2
            elif pattern[i] == "*":
                out, i = out + "[^/]*", i + 1
            elif pattern[i] == "?":
                out, i = out + "[^/]", i + 1
            elif pattern[i] == "[":
                end = pattern.index("]", i)
                out, i = out + pattern[i : end + 1], end + 1
            else:
                out, i = out + re.escape(pattern[i]), i + 1
        return re.compile(out)

    parts = relative.strip("/").split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        compiled = regex(pattern.lstrip("!").strip("/"))
        if any(compiled.fullmatch(prefix) for prefix in prefixes):
            excluded = not negated
    return excluded


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines, as Compose reads .env: comments skipped, double quotes removed."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        values[key.strip()] = value
    return values


def manage_py_commands(text: str) -> list[str]:
    return re.findall(r"manage\.py\s+([a-z_]+)", text)


def readme_compose_section() -> str:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("### With Docker Compose")
    return readme[start : readme.index("\n## ", start)]


@pytest.fixture(scope="module")
def stages():
    return dockerfile_stages((ROOT / "Dockerfile").read_text())


@pytest.fixture(scope="module")
def final(stages):
    return stages[-1]


@pytest.fixture(scope="module")
def ignored():
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def env_example():
    return read_env_file(ROOT / "deploy" / "env.example")


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"deploy_{name}", ROOT / "deploy" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


healthcheck = load_script("healthcheck")


# --- Dockerfile ----------------------------------------------------------------------------------


def test_the_image_is_a_slim_python_312_or_newer(final):
    match = re.fullmatch(r"python:3\.(\d+)(?:\.\d+)*-slim(?:-[a-z]+)?", final["from"])
    assert match, f"the final stage is FROM {final['from']}, not a slim Python image"
    assert int(match[1]) >= 12, "Carers Hub needs Python 3.12 or newer"


def test_the_image_runs_as_a_fixed_non_root_user_that_cannot_write_its_code(final):
    users = arguments_of(final, "USER")
    assert users, "no USER: the image would run as root"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0, f"USER {users[-1]} is not a fixed non-root uid"
    assert any(f"--uid {uid}" in run for run in arguments_of(final, "RUN")), f"uid {uid} is never created"
    # Everything copied in and built before USER belongs to root, so the service cannot change it.
    user_at = index_of(final, lambda kw, a: kw == "USER")
    assert user_at > max(i for i, (kw, _) in enumerate(final["instructions"]) if kw in {"COPY", "RUN"})
    assert all("--chown" not in arguments for arguments in arguments_of(final, "COPY"))
    assert user_at < index_of(final, lambda kw, a: kw == "CMD")


def test_static_files_are_collected_at_build_with_secrets_that_never_reach_the_image(stages, final):
    collect = [run for run in arguments_of(final, "RUN") if "manage.py collectstatic" in run]
    assert collect, "static files are not collected at build"
    for name in ("CARERSHUB_SECRET_KEY", "CARERSHUB_ENCRYPTION_KEYS"):
        # Made in the RUN by a command, not written in the Dockerfile...
        assert re.search(rf'{name}="\$\(python -c', collect[0]), f"{name} is not generated in the RUN"
        # ...and in no ENV or ARG of any stage, which would keep it in the image's configuration.
        for stage in stages:
            for keyword in ("ENV", "ARG"):
                assert not any(name in arguments for arguments in arguments_of(stage, keyword))
    assert "CARERSHUB_DEBUG" not in collect[0] and "CARERSHUB_TESTING" not in collect[0], (
        "DEBUG or test mode would collect without the manifest that production serves from"
    )


def brought_into_image(relative: str, final: dict, ignored: list[str]) -> bool:
    """Whether a path under /app exists in the runtime image: from the build context or another stage."""
    for source_stage, sources, destination in copies(final):
        if destination.rstrip("/") in {APP_DIR, "."} and sources == ["."]:
            if (ROOT / relative).exists() and not dockerignore_excludes(relative, ignored):
                return True
        elif source_stage and destination.startswith(APP_DIR + "/"):
            if f"{relative}/".startswith(destination[len(APP_DIR) + 1 :].rstrip("/") + "/"):
                return True
    return False


def test_everything_collectstatic_and_the_welsh_pages_read_is_in_the_image(final, ignored):
    collect_at = index_of(final, lambda kw, a: kw == "RUN" and "collectstatic" in a)
    copied_before = final.copy() | {"instructions": final["instructions"][:collect_at]}
    for entry in settings.STATICFILES_DIRS:
        folder = Path(entry[1] if isinstance(entry, tuple) else entry).relative_to(settings.BASE_DIR)
        assert brought_into_image(str(folder), copied_before, ignored), f"{folder} is missing when collecting"
    welsh = "carershub/locale/cy/LC_MESSAGES/django.mo"
    assert brought_into_image(welsh, final, ignored), "the compiled Welsh catalogue is not in the image"
    assert brought_into_image("carershub/locale/cy/LC_MESSAGES/django.po", final, ignored)


def test_the_stylesheet_is_built_from_the_lock_file_where_the_image_copies_it_from(stages, final):
    styles = next(stage for stage in stages if stage["name"] == "styles")
    assert any("npm ci" in run for run in arguments_of(styles, "RUN")), "npm install without the lock file"
    package = json.loads((ROOT / "package.json").read_text())
    output = package["scripts"]["build"].split()[-1]  # sass ... SOURCE OUTPUT
    built = f"{arguments_of(styles, 'WORKDIR')[-1].rstrip('/')}/{output}"
    assert any(
        source_stage == "styles" and any(built.startswith(source.rstrip("/") + "/") for source in sources)
        for source_stage, sources, _ in copies(final)
    ), f"{built} is not copied into the image"


def test_the_welsh_catalogue_is_compiled_by_gettext_in_a_build_stage_only(stages, final):
    builders = [stage for stage in stages[:-1] if any("msgfmt" in run for run in arguments_of(stage, "RUN"))]
    assert builders and "gettext" in apt_packages(builders[0])
    assert "gettext" not in apt_packages(final)
    assert not any("npm" in run or "msgfmt" in run for run in arguments_of(final, "RUN"))


def test_pip_installs_the_runtime_requirements_only(stages):
    installs = [run for stage in stages for run in arguments_of(stage, "RUN") if "pip install" in run]
    assert installs and all("requirements.txt" in run for run in installs)
    assert not any("requirements-dev" in run for run in installs)


def test_weasyprint_libraries_and_the_pdf_fonts_are_installed(final):
    packages = apt_packages(final)
    # WeasyPrint's installation guide, Debian 11 and later, installing from wheels.
    assert {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"} <= packages
    # The font each PDF template asks for first must be there, or WeasyPrint substitutes another.
    font_packages = {"DejaVu Sans": "fonts-dejavu-core", "DejaVu Sans Mono": "fonts-dejavu-core", "DejaVu Serif": "fonts-dejavu-core"}
    templates = list((ROOT / "carershub" / "templates").rglob("*pdf*.jinja"))
    assert templates, "no PDF templates found"
    for template in templates:
        for family in re.findall(r'font-family:\s*"([^"]+)"', template.read_text()):
            assert font_packages.get(family) in packages, f"{template.name} asks for {family}, not installed"


def test_the_health_check_asks_healthz_on_the_port_gunicorn_listens_on(final):
    checks = arguments_of(final, "HEALTHCHECK")
    assert checks and "CMD" in checks[-1], "no HEALTHCHECK"
    command = json.loads(checks[-1].split("CMD", 1)[1])
    assert command[:3] == ["python", "deploy/healthcheck.py", "web"]
    healthcheck.build_parser().parse_args(command[2:])
    url = urlparse(healthcheck.DEFAULT_URL)
    assert resolve(url.path).func is core_views.healthz
    gunicorn = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert gunicorn["bind"] == [f"0.0.0.0:{url.port}"]
    assert arguments_of(final, "EXPOSE") == [str(url.port)]


def test_the_default_command_is_gunicorn_with_its_settings_file(final, ignored):
    command = json.loads(arguments_of(final, "CMD")[-1])
    assert command[0] == "gunicorn"
    config = command[command.index("--config") + 1]
    assert brought_into_image(config, final, ignored)


def test_gunicorn_settings_are_real_take_sizes_from_the_environment_and_log_no_query_strings(monkeypatch):
    from gunicorn.config import Config

    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_THREADS", "2")
    values = {k: v for k, v in runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py")).items() if k[0] != "_"}
    values.pop("os")
    known = Config().settings
    assert not set(values) - set(known), f"not gunicorn settings: {set(values) - set(known)}"
    assert (values["workers"], values["threads"]) == (5, 2)
    assert values["accesslog"] == "-" and values["control_socket_disable"] is True
    # The request line, the query string and the referrer would put searches (names, NHS numbers) in logs.
    for atom in ("%(r)s", "%(q)s", "%(f)s", "{query_string}"):
        assert atom not in values["access_log_format"]


def test_dockerignore_keeps_out_local_environments_builds_data_and_secrets(ignored):
    for path in [
        ".venv/bin/python",
        "node_modules/govuk-frontend/package.json",
        "var/carershub.sqlite3",
        "var/dev-secret-key",
        ".git/HEAD",
        "build/static/carershub/application.css",
        "build/collected-static/staticfiles.json",
        ".env",
        "deploy/.env",
        ".env.production",
        "carershub/locale/cy/LC_MESSAGES/django.mo",
        "carershub/__pycache__/settings.cpython-312.pyc",
        "old.sqlite3",
        ".pytest_cache/README.md",
        ".hypothesis/examples/x",
        "tests/conftest.py",
    ]:
        assert dockerignore_excludes(path, ignored), f"{path} would be copied into the image"


def test_the_build_context_keeps_what_the_dockerfile_and_the_service_need(stages, ignored):
    needed = [
        "manage.py",
        "carershub/settings.py",
        "carershub/templates/layouts/base.jinja",
        "carershub/locale/cy/LC_MESSAGES/django.po",
        "deploy/healthcheck.py",
        "deploy/gunicorn.conf.py",
    ]
    for stage in stages:
        for source_stage, sources, _ in copies(stage):
            if source_stage is None:
                needed += [source for source in sources if source != "."]
    for path in needed:
        assert (ROOT / path).exists(), f"{path} does not exist"
        assert not dockerignore_excludes(path, ignored), f"{path} is kept out of the build context"


def test_the_dockerignore_reader_itself_can_tell_the_difference():
    patterns = ["build", "**/*.mo", "**/.env", "!keep/.env"]
    assert dockerignore_excludes("build/x.css", patterns)
    assert not dockerignore_excludes("carershub/build.py", patterns)
    assert dockerignore_excludes("a/b/c.mo", patterns) and not dockerignore_excludes("a/b/c.po", patterns)
    assert dockerignore_excludes("x/.env", patterns) and not dockerignore_excludes("keep/.env", patterns)


# --- compose.yaml --------------------------------------------------------------------------------


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_compose_has_no_version_and_the_services_of_a_deployment(compose):
    assert "version" not in compose, "the Compose Specification has no version key"
    assert {"db", "redis", "migrate", "web", "worker"} <= set(compose["services"])


def test_db_redis_web_and_worker_have_health_checks(compose):
    services = compose["services"]
    tests = {}
    for name in ("db", "redis", "web", "worker"):
        check = services[name].get("healthcheck", {})
        assert check.get("test") and not check.get("disable"), f"{name} has no health check"
        tests[name] = " ".join(check["test"]) if isinstance(check["test"], list) else check["test"]
    assert "pg_isready" in tests["db"]
    assert "redis-cli ping" in tests["redis"]
    for name in ("web", "worker"):
        arguments = shlex.split(tests[name])
        script = arguments.index("deploy/healthcheck.py")
        options = healthcheck.build_parser().parse_args(arguments[script + 1 :])
        assert options.check == name


def test_named_volumes_are_declared_and_used_and_hold_the_database(compose):
    declared = set(compose.get("volumes") or {})
    used, mounts = set(), {}
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source, target = volume.split(":")[:2]
            if not source.startswith((".", "/", "~")):
                used.add(source)
                mounts[(name, target)] = source
    assert declared and declared == used, f"declared {declared}, used {used}"
    assert ("db", "/var/lib/postgresql/data") in mounts, "the database is not on a named volume"


def test_web_and_worker_start_only_after_migrate_succeeded(compose):
    services = compose["services"]
    for name in ("web", "worker"):
        depends = services[name].get("depends_on", {})
        assert isinstance(depends, dict), f"{name}'s depends_on has no conditions"
        assert depends.get("migrate", {}).get("condition") == "service_completed_successfully", name
    migrate = services["migrate"]
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert migrate.get("restart") == "no", "a one-off job must not restart"
    # check_config only runs once migrate succeeded, and the service fails if either does.
    assert re.search(r"manage\.py migrate\b.*&&.*manage\.py check_config\b", command_text(migrate))


def test_every_manage_py_command_the_deployment_runs_exists(compose, final):
    available = get_commands()
    texts = [command_text(service) for service in compose["services"].values()]
    texts += arguments_of(final, "RUN")
    texts.append(readme_compose_section())
    used = [name for text in texts for name in manage_py_commands(text)]
    assert {"migrate", "check_config", "db_worker", "retention_review", "collectstatic", "createsuperuser"} <= set(
        used
    )
    assert not [name for name in used if name not in available], "unknown manage.py commands"


def test_the_readme_runs_services_that_exist(compose):
    section = readme_compose_section()
    services = set(re.findall(r"docker compose (?:run --rm|exec)(?: -T)? ([a-z][a-z-]*)", section))
    for names in re.findall(r"docker compose logs -f ([a-z ]+)", section):
        services |= set(names.split())
    assert {"web", "retention", "db", "worker"} <= services
    assert services <= set(compose["services"]), services - set(compose["services"])


def test_the_app_services_share_one_image_and_the_databases_are_pinned(compose):
    services = compose["services"]
    images = {services[name]["image"] for name in ("migrate", "web", "worker")}
    assert len(images) == 1
    for name in ("db", "redis"):
        assert re.fullmatch(r"[a-z]+:\d+\.\d+(\.\d+)?(-[a-z]+)?", services[name]["image"]), (
            f"{name} image {services[name]['image']} is not pinned to a minor version"
        )


def test_everything_compose_reads_from_env_is_in_the_example(env_example):
    text = (ROOT / "compose.yaml").read_text()
    interpolated = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", text))
    assert "POSTGRES_PASSWORD" in interpolated
    assert interpolated <= set(env_example), interpolated - set(env_example)


# --- deploy/env.example --------------------------------------------------------------------------


def settings_read_variables() -> set[str]:
    return set(re.findall(r'"(CARERSHUB_[A-Z0-9_]+)"', (ROOT / "carershub" / "settings.py").read_text()))


def readme_documented_variables() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## Configuring production")
    section = readme[start : readme.index("\n## ", start + 1)]
    return set(re.findall(r"`(CARERSHUB_[A-Z0-9_]+)`", section))


def test_every_documented_setting_is_in_the_env_example(env_example):
    documented = settings_read_variables() & readme_documented_variables()
    assert {"CARERSHUB_SECRET_KEY", "CARERSHUB_ENCRYPTION_KEYS", "CARERSHUB_ALLOWED_HOSTS"} <= documented
    missing = documented - set(env_example)
    assert not missing, f"documented in README but not in deploy/env.example: {sorted(missing)}"


def test_the_env_example_holds_no_secret_and_never_turns_on_debug(env_example):
    for secret in ("CARERSHUB_SECRET_KEY", "CARERSHUB_ENCRYPTION_KEYS", "POSTGRES_PASSWORD"):
        assert env_example[secret] == "", f"{secret} must be left empty in the committed example"
    assert "CARERSHUB_DEBUG" not in env_example and "CARERSHUB_TESTING" not in env_example


def test_the_env_example_filled_in_passes_djangos_deploy_checks(env_example, tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("CARERSHUB_", "DATABASE_URL", "DJANGO_"))}
    environment |= env_example | {
        "CARERSHUB_SECRET_KEY": secrets.token_urlsafe(50),
        "CARERSHUB_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "CARERSHUB_VAR_DIR": str(tmp_path / "var"),
        "CARERSHUB_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "carershub.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- deploy/healthcheck.py -----------------------------------------------------------------------


class _Answer(BaseHTTPRequestHandler):
    """/healthz answers ``status`` and ``body``; the home page ``home`` (302 to sign in, by default)."""

    status, body, seen, home = 200, b'{"status": "ok", "database": {"status": "ok"}}', [], 302

    def do_GET(self):
        type(self).seen.append(dict(self.headers) | {"path": self.path})
        status = self.home if self.path == "/" else self.status
        self.send_response(status)
        if status == 302 and self.path == "/":
            self.send_header("Location", "/accounts/login/?next=/")
        elif status in (301, 302):
            self.send_header("Location", f"https://carers.example.org{self.path}")
        self.end_headers()
        self.wfile.write(b"" if self.path == "/" else self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def answering():
    """answering(status, body) -> the URL of a server that answers every GET so."""
    servers = []

    def start(status, body=_Answer.body, home=302):
        handler = type("Handler", (_Answer,), {"status": status, "body": body, "seen": [], "home": home})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/healthz", handler.seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_the_web_check_asks_as_the_proxy_would_and_needs_ok(answering, monkeypatch):
    monkeypatch.setenv("CARERSHUB_ALLOWED_HOSTS", ".carers.example.org, other.example.org")
    url, seen = answering(200)
    assert "answered 200" in healthcheck.check_web(url)
    assert [asked["path"] for asked in seen] == ["/healthz", "/"]
    assert all(asked["Host"] == "carers.example.org" and asked["X-Forwarded-Proto"] == "https" for asked in seen)

    url, _ = answering(503, b'{"status": "error", "database": {"status": "unavailable"}}')
    with pytest.raises(healthcheck.Problem, match="answered 503"):
        healthcheck.check_web(url)
    url, _ = answering(200, b"<html>a page</html>")
    with pytest.raises(healthcheck.Problem, match="without the health JSON"):
        healthcheck.check_web(url)
    url, seen = answering(301)
    with pytest.raises(healthcheck.Problem, match="CARERSHUB_BEHIND_PROXY"):
        healthcheck.check_web(url)
    assert len(seen) == 1, "the redirect was followed"
    url, _ = answering(400, b"Bad Request")
    with pytest.raises(healthcheck.Problem, match="CARERSHUB_ALLOWED_HOSTS"):
        healthcheck.check_web(url)
    # /healthz answers any host over plain HTTP, so the configuration shows on the page behind it.
    url, _ = answering(200, home=400)
    with pytest.raises(healthcheck.Problem, match="CARERSHUB_ALLOWED_HOSTS"):
        healthcheck.check_web(url)
    url, seen = answering(200, home=301)
    with pytest.raises(healthcheck.Problem, match="CARERSHUB_BEHIND_PROXY"):
        healthcheck.check_web(url)
    assert len(seen) == 2, "the redirect was followed"
    url, _ = answering(200, home=500)
    with pytest.raises(healthcheck.Problem, match="answered 500 instead of sending a visitor to sign in"):
        healthcheck.check_web(url)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_image_command_serves_healthz_and_the_health_check_judges_it(tmp_path):
    """gunicorn with deploy/gunicorn.conf.py and production settings: OK; then a lost database, and
    a proxy the settings do not believe: PROBLEM."""
    # With SSL redirect on behind a proxy (production_environment). gunicorn believes nobody's
    # X-Forwarded-Proto, not even the health check's from 127.0.0.1: Django must, or it redirects.
    healthy = production_environment(tmp_path / "healthy")
    broken = production_environment(tmp_path / "broken") | {"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    unbelieved = production_environment(tmp_path / "unbelieved") | {"CARERSHUB_BEHIND_PROXY": "0"}
    servers = []
    try:
        for environment in (healthy, broken, unbelieved):
            port = free_port()
            log = open(tmp_path / f"gunicorn-{port}.log", "w")
            command = [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"]
            command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
            process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
            servers.append((process, port, environment, log))

        def check(port, environment):
            return subprocess.run(
                [sys.executable, "deploy/healthcheck.py", "web", "--url", f"http://127.0.0.1:{port}/healthz"],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=60,
            )

        results = []
        for process, port, environment, log in servers:
            deadline = time.monotonic() + 60
            result = check(port, environment)
            while "did not answer" in result.stdout and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.5)
                result = check(port, environment)
            results.append(result)
        # A search's query string (names) must never reach a log line.
        healthy_port = servers[0][1]
        with urllib.request.urlopen(f"http://127.0.0.1:{healthy_port}/healthz?q=Mared+Testquery", timeout=30) as asked:
            assert asked.status == 200
        healthy_log = tmp_path / f"gunicorn-{healthy_port}.log"
        deadline = time.monotonic() + 30  # the access line is written just after the answer
        while healthy_log.read_text().count('"path": "/healthz", "status": 200') < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        log_text = "".join((tmp_path / f"gunicorn-{port}.log").read_text() for _, port, _, _ in servers)
        assert "Testquery" not in log_text
        (healthy_result, broken_result, unbelieved_result) = results
        assert healthy_result.returncode == 0, healthy_result.stdout + log_text
        assert healthy_result.stdout.startswith("OK web:")
        assert broken_result.returncode == 1, broken_result.stdout + log_text
        assert "answered 503" in broken_result.stdout
        assert unbelieved_result.returncode == 1, unbelieved_result.stdout + log_text
        assert "set CARERSHUB_BEHIND_PROXY=1" in unbelieved_result.stdout
        # Every line gunicorn and the app wrote is one JSON object (production's log format). The
        # access log has each request's path, status and id, never a query string.
        lines = [json.loads(line) for line in log_text.splitlines() if line.strip()]
        served = [line for line in lines if line["logger"] == "gunicorn.access" and line["path"] == "/healthz"]
        assert served and {line["status"] for line in served} == {200, 503}, log_text
        assert all(re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) for line in served)
        assert all(line["method"] == "GET" and isinstance(line["duration_ms"], int) for line in served)
        assert len(served) >= 3 and not any("?" in line["message"] or "query" in line for line in served)
        # gunicorn's own messages follow CARERSHUB_LOG_LEVEL (WARNING here), as the app's do.
        assert healthy["CARERSHUB_LOG_LEVEL"] == "WARNING"
        assert not any(line["logger"] == "gunicorn.error" and line["level"] == "INFO" for line in lines)
    finally:
        for process, _, _, log in servers:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


@pytest.mark.django_db
def test_the_worker_check_finds_the_database_and_tasks_left_waiting():
    from django.tasks import TaskResultStatus
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    def queued(minutes_ago, status=TaskResultStatus.READY, run_after=None):
        task = DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="carershub.privacy.tasks.daily_retention_review",
            backend_name="default",
            run_after=run_after or get_date_max(),
            status=status,
        )
        DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(minutes=minutes_ago))
        return task

    now = timezone.now()
    queued(5)  # waiting, but not for long
    queued(120, status=TaskResultStatus.SUCCESSFUL)  # long done
    queued(120, run_after=now + timedelta(hours=1))  # queued long ago for later
    queued(120, run_after=now - timedelta(minutes=10))  # queued long ago, due 10 minutes ago
    assert "reachable" in healthcheck.check_worker(max_wait_minutes=30)

    late = queued(45)
    with pytest.raises(healthcheck.Problem, match="1 task"):
        healthcheck.check_worker(max_wait_minutes=30)
    DBTaskResult.objects.filter(pk=late.pk).update(status=TaskResultStatus.RUNNING)
    assert "reachable" in healthcheck.check_worker(max_wait_minutes=30)

    queued(120, run_after=now - timedelta(minutes=45))  # due 45 minutes ago
    with pytest.raises(healthcheck.Problem, match="1 task"):
        healthcheck.check_worker(max_wait_minutes=30)
