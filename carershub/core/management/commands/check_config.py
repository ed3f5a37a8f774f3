"""Is this installation ready to serve? One line a check, OK or PROBLEM with what to do.

    manage.py check_config    # exits 1 when anything is a PROBLEM

Run it after every deployment, before traffic reaches the new release. Output is for
operators, so it is not translated.
"""

import secrets
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

WELSH_PO = Path(settings.BASE_DIR) / "carershub" / "locale" / "cy" / "LC_MESSAGES" / "django.po"


class Problem(Exception):
    """A check failed; the message says what is wrong and what to do."""


def check_debug():
    if settings.DEBUG:
        raise Problem("DEBUG is on: unset CARERSHUB_DEBUG")
    if getattr(settings, "TESTING", False):
        raise Problem("test mode is on: unset CARERSHUB_TESTING")
    return "DEBUG and test mode are off"


def check_secret_key():
    # Django's own rule for a strong key (security.W009): 50 characters, 5 different ones.
    key = settings.SECRET_KEY or ""
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-"):
        raise Problem("SECRET_KEY is missing or short: set CARERSHUB_SECRET_KEY to 50 or more random characters")
    return f"SECRET_KEY is set ({len(key)} characters)"


def check_allowed_hosts():
    hosts = settings.ALLOWED_HOSTS
    if not hosts or "*" in hosts:
        raise Problem("ALLOWED_HOSTS is empty or '*': set CARERSHUB_ALLOWED_HOSTS to the service's host names")
    return "ALLOWED_HOSTS: " + ", ".join(hosts)


def check_encryption_keys():
    keys = getattr(settings, "CARERSHUB_ENCRYPTION_KEYS", None)
    if not keys:
        raise Problem("no encryption keys: set CARERSHUB_ENCRYPTION_KEYS (Fernet keys, newest first)")
    return f"{len(keys)} encryption key(s)"


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        raise Problem(f"cannot reach the {connection.vendor} database ({error}): check DATABASE_URL") from error
    return f"{connection.vendor} database reachable"


def check_migrations():
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        raise Problem("not checked, the database is unreachable") from None
    if unapplied:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in unapplied[:3])
        raise Problem(f"{len(unapplied)} migration(s) not applied ({names}): run manage.py migrate")
    return "every migration applied"


def check_cache():
    key, value = "carershub:check_config", secrets.token_hex(8)
    try:
        cache.set(key, value, 30)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - each cache backend raises its own connection errors
        raise Problem(f"cannot reach the cache ({error}): check REDIS_URL") from error
    if answered != value:
        raise Problem("the cache does not keep what is stored in it: check REDIS_URL")
    return "cache reachable"


def check_welsh_catalogue():
    compiled = WELSH_PO.with_suffix(".mo")
    if not compiled.exists():
        raise Problem(f"{compiled} is missing: run make install (msgfmt) so Welsh pages are in Welsh")
    if WELSH_PO.exists() and compiled.stat().st_mtime < WELSH_PO.stat().st_mtime:
        raise Problem(f"{compiled} is older than {WELSH_PO.name}: run make install (msgfmt) again")
    return "Welsh catalogue compiled"


def check_static_files():
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return "static files served without a manifest (nothing to check)"
    if not storage.manifest_storage.exists(storage.manifest_name):
        raise Problem(f"no {storage.manifest_name} in {settings.STATIC_ROOT}: run manage.py collectstatic")
    return f"static files collected in {settings.STATIC_ROOT}"


def check_document_store():
    """The documents storage (decision 27) is set up, outside anything served, and takes a file."""
    try:
        store = storages["documents"]
    except Exception as error:  # noqa: BLE001 - a missing alias, or boto3 missing for s3
        raise Problem(
            f"the document store cannot be set up ({error}): check CARERSHUB_DOCUMENT_STORAGE "
            "(and for s3, that django-storages[s3] is installed)"
        ) from error
    if isinstance(store, FileSystemStorage):
        root = Path(store.location).resolve()
        served = [Path(settings.STATIC_ROOT), Path(settings.BASE_DIR) / "build", Path(settings.BASE_DIR) / "carershub"]
        served += [Path(d[1] if isinstance(d, tuple) else d) for d in settings.STATICFILES_DIRS]
        for path in served:
            path = path.resolve()
            if root == path or path in root.parents:
                raise Problem(
                    f"documents would be kept in {root}, inside {path}: set CARERSHUB_DOCUMENT_ROOT outside it"
                )
        where = str(root)
    else:
        where = f"bucket {getattr(store, 'bucket_name', '?')}"
    try:
        probe = store.save(f"check-config-{secrets.token_hex(8)}.probe", ContentFile(b"check_config"))
        with store.open(probe, "rb") as stored:
            kept = stored.read() == b"check_config"
        store.delete(probe)
    except Exception as error:  # noqa: BLE001 - each storage backend raises its own errors
        raise Problem(
            f"cannot write to the document store in {where} ({error}): make CARERSHUB_DOCUMENT_ROOT writable by the "
            "service, or check the S3 bucket and its keys"
        ) from error
    if not kept:
        raise Problem(f"the document store in {where} did not give back what was written to it")
    return f"documents kept in {where}, writable"


def check_virus_scanner():
    """The scan command (CARERSHUB_VIRUS_SCAN_COMMAND) runs and finds a clean file clean (documents/scanning.py)."""
    command = settings.CARERSHUB_VIRUS_SCAN_COMMAND
    if not command.strip():
        return "no virus scanner: documents are kept and shown 'Not scanned' (set CARERSHUB_VIRUS_SCAN_COMMAND)"
    try:
        words = shlex.split(command)
    except ValueError as error:
        raise Problem(f"CARERSHUB_VIRUS_SCAN_COMMAND cannot be read ({error})") from error
    if not words or shutil.which(words[0]) is None:
        program = words[0] if words else ""
        raise Problem(
            f"the virus scanner {program!r} is not installed: install it or unset CARERSHUB_VIRUS_SCAN_COMMAND"
        )
    with tempfile.NamedTemporaryFile(prefix="carershub-check-") as clean:
        clean.write(b"Carers Hub check_config: a clean file\n")
        clean.flush()
        # As documents/scanning.py runs it: {path} replaced, or the path added at the end; no shell.
        if any("{path}" in w for w in words):
            run = [w.replace("{path}", clean.name) for w in words]
        else:
            run = [*words, clean.name]
        try:
            answer = subprocess.run(
                run, capture_output=True, timeout=settings.CARERSHUB_VIRUS_SCAN_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise Problem(f"the virus scanner did not run ({error})") from error
    if answer.returncode != 0:
        raise Problem(
            f"the virus scanner answered {answer.returncode} for a clean file (0 expected): is its daemon running? "
            "Every upload would be kept as 'Scan failed'"
        )
    return f"virus scanner {words[0]} answers"


def check_deploy():
    found = [m for m in checks.run_checks(include_deployment_checks=True) if not m.is_silenced()]
    errors = [m for m in found if m.is_serious()]
    warnings = [m for m in found if not m.is_serious()]
    summary = f"{len(errors)} error(s), {len(warnings)} warning(s)"
    if warnings:
        summary += " (" + ", ".join(m.id or "unnamed" for m in warnings) + ")"
    if errors:
        raise Problem(
            f"{summary}; errors: {', '.join(m.id or 'unnamed' for m in errors)}: run manage.py check --deploy"
        )
    return summary + ("; see manage.py check --deploy" if warnings else "")


CHECKS = [
    ("debug", check_debug),
    ("secret key", check_secret_key),
    ("allowed hosts", check_allowed_hosts),
    ("encryption keys", check_encryption_keys),
    ("database", check_database),
    ("migrations", check_migrations),
    ("cache", check_cache),
    ("Welsh catalogue", check_welsh_catalogue),
    ("static files", check_static_files),
    ("document store", check_document_store),
    ("virus scanner", check_virus_scanner),
    ("Django deploy checks", check_deploy),
]


class Command(BaseCommand):
    help = "Check the configuration, database, cache and built files a deployment needs."
    # The command reports configuration problems itself, one line each, instead of stopping at the first.
    requires_system_checks = []

    def handle(self, *args, **options):
        problems = 0
        for name, check in CHECKS:
            try:
                detail = check()
            except Problem as problem:
                problems += 1
                self.stdout.write(self.style.ERROR(f"PROBLEM {name}: {problem}"))
            else:
                self.stdout.write(self.style.SUCCESS(f"OK {name}: {detail}"))
        if problems:
            raise CommandError(f"{problems} problem(s) found", returncode=1)
        self.stdout.write("Ready to serve.")
