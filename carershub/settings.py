"""Django settings for Carers Hub.

Everything that differs between a laptop and production comes from the environment.
SQLite is the embedded default; set DATABASE_URL for PostgreSQL.
"""

import base64
import binascii
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CARERSHUB_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("CARERSHUB_DEBUG", False)
TESTING = env_bool("CARERSHUB_TESTING", False)


def _secret_key() -> str:
    key = os.environ.get("CARERSHUB_SECRET_KEY")
    if key:
        return key
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set CARERSHUB_SECRET_KEY in the environment.")
    # A laptop keeps one random key in var/ so sessions survive a restart.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _encryption_keys() -> list[str]:
    """Fernet keys for secrets kept in the database (authenticator keys), newest first.

    The first key encrypts; every key decrypts, so a new key goes first and an old one stays
    listed until nothing is encrypted with it any more.
    """
    keys = env_list("CARERSHUB_ENCRYPTION_KEYS")
    if not keys:
        if not (DEBUG or TESTING):
            raise ImproperlyConfigured("Set CARERSHUB_ENCRYPTION_KEYS in the environment.")
        # A laptop keeps one random key in var/, beside the database it unlocks.
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path = VAR_DIR / "dev-encryption-key"
        if not path.exists():
            draft = VAR_DIR / f"dev-encryption-key.{os.getpid()}"
            draft.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
            try:
                # Linked whole or not at all: another process starting now never reads half a key,
                # and a key already there is never replaced (that would lock the demo out of its data).
                os.link(draft, path)
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        keys = [path.read_text().strip()]
    for key in keys:
        try:
            valid = len(base64.urlsafe_b64decode(key.encode())) == 32
        except (binascii.Error, ValueError):
            valid = False
        if not valid:
            raise ImproperlyConfigured("CARERSHUB_ENCRYPTION_KEYS holds a value that is not a Fernet key.")
    return keys


CARERSHUB_ENCRYPTION_KEYS = _encryption_keys()
ALLOWED_HOSTS = env_list("CARERSHUB_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CARERSHUB_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "carershub.core",
    "carershub.partnership",
    "carershub.accounts",
    "carershub.people",
    "carershub.contacts",
    "carershub.activity",
    "carershub.audit",
    "carershub.directory",
    "carershub.assessments",
    "carershub.documents",
    "carershub.referrals",
    "carershub.grants",
    "carershub.support",
    # Support delivered, beside the plan (decision 30): nested apps of the support package.
    "carershub.support.breaks",
    "carershub.support.payments",
    "carershub.support.emergency",
    "carershub.support.groups",
    "carershub.selfassessment",
    "carershub.identification",
    "carershub.casework",
    "carershub.signposting",
    # Care at home through Section 16 providers and micro-enterprises (issue 13, decision 39): the
    # register with its checklist, arrangements under the four-person rule, matching, the provider mix.
    "carershub.providers",
    "carershub.providers.arrangements",
    "carershub.providers.matching",
    "carershub.providers.mix",
    "carershub.reporting",
    # Commissioning intelligence (issue 12, decision 43): nested apps of reporting.
    "carershub.reporting.coverage",
    "carershub.reporting.money",
    "carershub.reporting.monitoring",
    "carershub.reporting.survey",
    "carershub.reporting.statutory",
    "carershub.reporting.appraisal",
    "carershub.reporting.actionplans",
    "carershub.privacy",
    "carershub.imports",
    "carershub.demo",
    "carershub.api",
]

MIDDLEWARE = [
    # An id for each request, on its response and its log lines (core/requestid.py).
    "carershub.core.requestid.RequestIdMiddleware",
    # GET /healthz for load balancers, whatever host they ask by (core/middleware.py).
    "carershub.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "carershub.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed-in user itself, not a lazy stand-in, for the rest of the request (accounts/middleware.py).
    "carershub.accounts.middleware.ResolvedUserMiddleware",
    # A signed-in member of staff's pages are in their own language (accounts/language.py).
    "carershub.accounts.language.StaffLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # "Where you are signed in" and the idle expiry, written once a minute (accounts/middleware.py).
    "carershub.accounts.middleware.SessionActivityMiddleware",
    "carershub.accounts.middleware.StaffAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A person reached outside the user's relationships: ask why before opening (people/relationships.py).
    "carershub.people.middleware.ReasonNeededMiddleware",
]

if not (DEBUG or TESTING):
    # In production WhiteNoise serves the collected static files; runserver and tests serve their own.
    _after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
    MIDDLEWARE.insert(_after_security, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "carershub.urls"
WSGI_APPLICATION = "carershub.wsgi.application"

TEMPLATES = [
    {
        # Our pages, and our versions of the sign-in pages, are Jinja2 with GOV.UK macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "carershub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "carershub.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "carershub.core.context_processors.service",
                "carershub.core.context_processors.csp_nonce",
            ],
        },
    },
    {
        # Kept for the API's browsable pages and library e-mails.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Our copy of the API docs page (drf-spectacular's, with the CSP nonce) comes before the library's.
        "DIRS": [BASE_DIR / "carershub" / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'carershub.sqlite3'}",
        conn_max_age=int(os.environ.get("CARERSHUB_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Django's engine, switching the file to write-ahead logging (WAL) on connecting, which lets
    # readers carry on while one request writes, even when a server's first requests race to do it.
    DATABASES["default"]["ENGINE"] = "carershub.core.sqlite"
    # Tests in memory, as Django does for its own engine: pytest-django knows that engine only by
    # name, and would otherwise make a file per test worker beside the real database.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA synchronous=NORMAL;",
        # Every transaction takes the write lock when it begins, so a read-then-write (a duplicate
        # check, then the insert) never has to be abandoned half way with "database is locked"...
        "transaction_mode": "IMMEDIATE",
        # ...and a request that finds another one writing waits its turn (up to 20 seconds, the
        # busy timeout, in seconds) instead of failing. benchmarks/sqlite_concurrency.py: 20 users.
        "timeout": 20,
    }
else:
    options = DATABASES["default"].setdefault("OPTIONS", {})
    if os.environ.get("CARERSHUB_POSTGRES_JIT", "off") != "on":
        # PostgreSQL compiles a query to machine code when its estimated cost is high (jit_above_cost).
        # A queue count that tests each row against the relationship reasons is estimated high and runs
        # in a few hundred milliseconds, but its compiling took two seconds (benchmarks/README.md). The
        # product's queries are short ones, so JIT is off for its connections (DEVELOPERS.md decision 55).
        # Behind PgBouncer, which does not pass startup options, set it on the role instead:
        # ALTER ROLE carershub SET jit = off.
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    _prepare = os.environ.get("CARERSHUB_POSTGRES_PREPARE", "5").strip().lower()
    if _prepare != "off":
        # Parameters travel apart from the statement's text, so a statement a connection has run
        # this many times is prepared on it, and PostgreSQL may then keep its plan instead of
        # planning it on every request: planning was most of a person page's SQL time (DEVELOPERS.md
        # decision 77). "off" is Django's own way (parameters written into the text, nothing
        # prepared), for a pooler in transaction mode that cannot keep prepared statements
        # (PgBouncer before 1.21, or with max_prepared_statements = 0).
        try:
            options["prepare_threshold"] = int(_prepare)
        except ValueError:
            raise ImproperlyConfigured(
                f"CARERSHUB_POSTGRES_PREPARE must be a whole number of runs or 'off', not {_prepare!r}"
            ) from None
        if options["prepare_threshold"] < 0:
            raise ImproperlyConfigured("CARERSHUB_POSTGRES_PREPARE cannot be negative")
        options["server_side_binding"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # allauth's sign-in, loading the user with organisation, roles and MFA in one query (accounts/backends.py).
    "carershub.accounts.backends.StaffBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Staff accounts are made by administrators; nobody signs themselves up.
ACCOUNT_ADAPTER = "carershub.accounts.adapter.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {
    # Wrong passwords slow further attempts (accounts/throttling.py, through the adapter) and never
    # lock an account; allauth's "login_failed" now guards only the authenticator code step.
    "login_failed": "10/m/ip,5/15m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Authenticator keys and recovery-code seeds are encrypted in the database with CARERSHUB_ENCRYPTION_KEYS.
MFA_ADAPTER = "carershub.accounts.mfa_adapter.EncryptingMFAAdapter"
MFA_TOTP_ISSUER = os.environ.get("CARERSHUB_SERVICE_NAME", "Carers Hub")
MFA_RATE_LIMITS = {"authenticate": "5/15m/user", "reauthenticate": "10/m/user"}
USERSESSIONS_TRACK_ACTIVITY = True

# How long the home page's queue counts are kept (core/workqueues.py); 0 counts on every load.
# Tests count afresh, except those that test the keeping itself.
CARERSHUB_QUEUE_COUNT_SECONDS = int(os.environ.get("CARERSHUB_QUEUE_COUNT_SECONDS", 0 if TESTING else 60))
# Older counts that were slow to count, up to this age, are still shown while the background worker
# counts them again, so a user of the service never waits for them; past it they are counted while
# the page waits (so with no worker running they are never older than this). Decision 63.
CARERSHUB_QUEUE_COUNT_STALE_SECONDS = int(os.environ.get("CARERSHUB_QUEUE_COUNT_STALE_SECONDS", 10 * 60))

# Sessions in the database, read with one plain statement (accounts/sessions.py, decision 67).
SESSION_ENGINE = "carershub.accounts.sessions"
# Staff sessions end after 30 idle minutes and never last beyond one working day.
SESSION_COOKIE_AGE = int(os.environ.get("CARERSHUB_SESSION_IDLE_SECONDS", 30 * 60))
# Not every request: SessionActivityMiddleware refreshes the expiry once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CARERSHUB_SESSION_MAX_AGE = timedelta(hours=10)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env_bool("CARERSHUB_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("CARERSHUB_BEHIND_PROXY") else None
# How many proxies in front of the service append to X-Forwarded-For (core/clientip.py): the access
# log and the sign-in rate limits then see each client's address, not the proxy's.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("CARERSHUB_TRUSTED_PROXY_COUNT", "0"))
except ValueError:
    raise ImproperlyConfigured("CARERSHUB_TRUSTED_PROXY_COUNT must be a whole number.") from None
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("CARERSHUB_TRUSTED_PROXY_COUNT must be 0 or more.")
# allauth reads addresses through our account adapter's get_client_ip (accounts/adapter.py), so its
# own ALLAUTH_TRUSTED_PROXY_COUNT is left unset: with it, a shorter X-Forwarded-For than the count
# would raise ImproperlyConfigured (a 500) wherever allauth read the header itself.
SECURE_HSTS_SECONDS = int(os.environ.get("CARERSHUB_HSTS_SECONDS", "0"))
# Only where every subdomain of the service's domain is HTTPS too, and the domain may be preloaded.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CARERSHUB_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("CARERSHUB_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts and styles only from our own /static/, plus the inline ones a page marks with its
# per-response nonce (the layout's "js-enabled" line, the admin's and the API docs' own).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LANGUAGE_CODE = "en-gb"
# Each language is named in itself, whatever language the page is in (the switch in the header,
# the staff language choice), so these names are not translated. Welsh dates and month names
# ("1 Rhagfyr 2026") come from Django's own cy formats and catalogue.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "carershub" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("CARERSHUB_STATIC_ROOT", BASE_DIR / "build" / "collected-static"))
STATICFILES_DIRS = [
    BASE_DIR / "build" / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Documents on people's records (documents app, decision 27): kept outside the web root, in a
# folder no web server serves (nothing serves MEDIA_URL) or in an S3-compatible bucket, and read
# only through the audited download view. Tests use a temporary folder (tests/conftest.py).
CARERSHUB_DOCUMENT_STORAGE = (os.environ.get("CARERSHUB_DOCUMENT_STORAGE") or "local").strip().lower()
CARERSHUB_DOCUMENT_ROOT = Path(os.environ.get("CARERSHUB_DOCUMENT_ROOT") or VAR_DIR / "documents")
CARERSHUB_DOCUMENT_MAX_BYTES = int(os.environ.get("CARERSHUB_DOCUMENT_MAX_BYTES") or 20 * 1024 * 1024)
# e.g. "clamdscan --no-summary --fdpass {path}"; empty: documents are kept and shown "Not scanned".
CARERSHUB_VIRUS_SCAN_COMMAND = os.environ.get("CARERSHUB_VIRUS_SCAN_COMMAND", "")
CARERSHUB_VIRUS_SCAN_TIMEOUT = int(os.environ.get("CARERSHUB_VIRUS_SCAN_TIMEOUT") or 120)


def document_storage(kind: str, *, root: Path, s3: dict) -> dict:
    """STORAGES["documents"]: a private local folder, or an S3 bucket with server-side encryption."""
    if kind == "local":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
        }
    if kind != "s3":
        raise ImproperlyConfigured("CARERSHUB_DOCUMENT_STORAGE must be local or s3.")
    if not s3.get("bucket_name"):
        raise ImproperlyConfigured("Set CARERSHUB_DOCUMENT_S3_BUCKET for CARERSHUB_DOCUMENT_STORAGE=s3.")
    encryption = {"ServerSideEncryption": s3.get("encryption") or "AES256"}
    if s3.get("kms_key_id"):
        encryption["SSEKMSKeyId"] = s3["kms_key_id"]
    options = {
        "bucket_name": s3["bucket_name"],
        "location": "documents",
        "file_overwrite": False,
        # No ACL header: the bucket's own policy (block all public access) decides; buckets with
        # ACLs disabled refuse one. Nothing links to the bucket: files are read by the server.
        "default_acl": None,
        "querystring_auth": True,
        "object_parameters": encryption,
    }
    for setting, option in (("endpoint_url", "endpoint_url"), ("region_name", "region_name"),
                            ("access_key", "access_key"), ("secret_key", "secret_key")):
        if s3.get(setting):  # unset: boto3's own chain (an instance role, AWS_* variables)
            options[option] = s3[setting]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES["documents"] = document_storage(
    CARERSHUB_DOCUMENT_STORAGE,
    root=CARERSHUB_DOCUMENT_ROOT,
    s3={
        "bucket_name": os.environ.get("CARERSHUB_DOCUMENT_S3_BUCKET", ""),
        "endpoint_url": os.environ.get("CARERSHUB_DOCUMENT_S3_ENDPOINT_URL", ""),
        "region_name": os.environ.get("CARERSHUB_DOCUMENT_S3_REGION", ""),
        "access_key": os.environ.get("CARERSHUB_DOCUMENT_S3_ACCESS_KEY_ID", ""),
        "secret_key": os.environ.get("CARERSHUB_DOCUMENT_S3_SECRET_ACCESS_KEY", ""),
        "encryption": os.environ.get("CARERSHUB_DOCUMENT_S3_ENCRYPTION", "AES256"),
        "kms_key_id": os.environ.get("CARERSHUB_DOCUMENT_S3_KMS_KEY_ID", ""),
    },
)
# Every upload is counted as it arrives: a file over CARERSHUB_DOCUMENT_MAX_BYTES is dropped, not
# kept in memory or on disk, and the form says it is too big (documents/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "carershub.documents.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REST_FRAMEWORK = {
    # Keys are stored only as hashes (carershub/api/models.py); DRF's authtoken kept them in clear.
    "DEFAULT_AUTHENTICATION_CLASSES": ["carershub.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON in and out, errors included: no browsable-API HTML pages.
    "DEFAULT_PARSER_CLASSES": ["carershub.api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "carershub.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "carershub.api.schema.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"user": "600/minute"},
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Carers Hub API",
    "DESCRIPTION": "JSON API of the Carers Hub integrated carers support service.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The API docs load Swagger UI and ReDoc from our own /static/, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_mail_backend = os.environ.get(
    "CARERSHUB_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend" if DEBUG or TESTING else _SMTP
)
MAILERS = {
    "default": {
        "BACKEND": _mail_backend,
        "OPTIONS": (
            {
                "host": os.environ.get("CARERSHUB_EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("CARERSHUB_EMAIL_PORT", "587")),
                "username": os.environ.get("CARERSHUB_EMAIL_USER", ""),
                "password": os.environ.get("CARERSHUB_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("CARERSHUB_EMAIL_TLS", True),
            }
            if _mail_backend == _SMTP
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("CARERSHUB_FROM_EMAIL", "Carers Hub <no-reply@carershub.invalid>")

# The region this installation serves: shown in the header and on letters.
CARERSHUB_SERVICE_NAME = os.environ.get("CARERSHUB_SERVICE_NAME", "Carers Hub")
CARERSHUB_REGION_NAME = os.environ.get("CARERSHUB_REGION_NAME", "Afon and Marches carers partnership")

# Background tasks (Django's tasks framework). Production and the demo keep them in the database
# (django-tasks-db), run by `manage.py db_worker`; tests run each task as it is enqueued.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend" if TESTING else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The privacy notice (UK GDPR Arts 13 and 14): who the data controller is and how to reach them.
# Every default is a demo value; set each one in production.
CARERSHUB_CONTROLLER_NAME = os.environ.get("CARERSHUB_CONTROLLER_NAME", "Afon and Marches carers partnership (demo)")
CARERSHUB_CONTROLLER_ADDRESS = os.environ.get(
    "CARERSHUB_CONTROLLER_ADDRESS", "Demo House, 1 Example Street, Afon Valley, AF1 1AA"
)
CARERSHUB_DPO_CONTACT = os.environ.get("CARERSHUB_DPO_CONTACT", "dpo@carershub.invalid, 01632 960 000 (demo)")
CARERSHUB_ICO_REGISTRATION = os.environ.get("CARERSHUB_ICO_REGISTRATION", "ZA000000 (demo)")

# How long records are kept before a team manager must review them (UK GDPR Art 5(1)(e)).
# The daily task lists what is past its period; nothing is erased without a manager's decision.
#
# England: Records Management Code of Practice for health and social care (NHS England
# Transformation Directorate, first published 4 August 2021, updated 7 August 2023), which
# applies to adult social care functions of local authorities; Appendix II is its retention
# schedule. Wales: Records Management Code of Practice for Health and Social Care 2022 (Welsh
# Government, WG44221, February 2022), based on the English code. Both codes were found with the
# search tool; neither schedule's rows could be read in full there, so:
# - adult_record: 8 years after the last activity. Council schedules that cite the code give
#   "8 years after end of care or client last seen" for adult social care case records; the row
#   of Appendix II itself was not checked.
# - childrens_record: until the 25th birthday, or the 26th if 17 at the last activity. This is
#   the codes' rule for records about children and young people as quoted from the NHS code
#   (2006, Annex D1); its wording in the 2023 and Welsh 2022 schedules was not checked.
#   Children's social care records that are not health or carers' records follow the council's
#   own schedule: set longer periods here if that applies.
# - unlinked_contact: 2 years after the contact, as council schedules give for initial contacts
#   that led to no case (for example Blackpool's adult services schedule); a local decision,
#   not a figure from either code.
# - unused_self_assessment: 2 years after it was sent, treated like an initial contact; a local
#   decision.
CARERSHUB_RETENTION = {
    "adult_record": {"years": 8},
    "childrens_record": {"until_age": 25, "until_age_if_17": 26},
    "unlinked_contact": {"years": 2},
    "unused_self_assessment": {"years": 2},
}
# A record a manager decides to keep comes back to the review list this many years later.
CARERSHUB_RETENTION_KEEP_YEARS = 1

# json (the default in production): one JSON object a line with the request id, for a log
# collector (core/logformat.py). text (the default with DEBUG or in tests): for reading by eye.
LOG_FORMAT = os.environ.get("CARERSHUB_LOG_FORMAT", "text" if DEBUG or TESTING else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("CARERSHUB_LOG_FORMAT must be json or text.")
# Django's dictConfig, then, in JSON, Python's warnings through logging too (core/logformat.py).
LOGGING_CONFIG = "carershub.core.logformat.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "carershub.core.logformat.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("CARERSHUB_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
