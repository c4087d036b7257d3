"""valo settings, read from environment variables with safe defaults.

Development (the default) needs nothing: SQLite under var/, DEBUG on, a throw-away secret key.
Production (VALO_ENV=production) refuses to start without VALO_SECRET_KEY and VALO_ALLOWED_HOSTS and turns
on every protection that `valo check --deploy` looks for. Variables are listed in docs/configuration.md.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VALO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env(name: str, default: str = "") -> str:
    """A setting from the environment; `NAME_FILE` (a path to a secret file) wins over `NAME`."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "")
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VALO_ENV = env("VALO_ENV", "development")
if VALO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("VALO_ENV must be 'development' or 'production'.")
PRODUCTION = VALO_ENV == "production"

DEBUG = env_bool("VALO_DEBUG", not PRODUCTION)

SECRET_KEY = env("VALO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "VALO_SECRET_KEY (or VALO_SECRET_KEY_FILE) is required in production."
        )
    SECRET_KEY = "development-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = env_list(
    "VALO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("VALO_ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("VALO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "valo.core",
    "valo.directory",
    "valo.accounts",
    "valo.correspondence",
    "valo.documents",
    "valo.inventions",
    "valo.officedata",
    "valo.patents",
    "valo.rankings",
    "valo.agreements",
    "valo.ventures",
    "valo.finance",
    "valo.reports",
    # After valo's apps, so that valo.accounts' templates stand in for django-allauth's.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "valo.core.middleware.ChangeContextMiddleware",
    # Last, as django-axes asks: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "valo.urls"
WSGI_APPLICATION = "valo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "valo.core.context_processors.menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("VALO_DATABASE_URL", f"sqlite:///{VAR_DIR / 'valo.sqlite3'}"),
        conn_max_age=int(env("VALO_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite fit for a small office: readers never wait for the writer (WAL), a writer waits for
    # another rather than failing with "database is locked" (busy timeout), and a transaction takes
    # its write lock when it starts (IMMEDIATE), so that it cannot fail half-way on the upgrade;
    # a page cache of VALO_SQLITE_CACHE_MB (SQLite's default, 2 MB, makes a large import's every
    # insert read its index pages back from the file: 10 000 rows cost 7× 2 000, not 5×).
    # Production with concurrent users wants PostgreSQL (`valo check --deploy` says so).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": int(env("VALO_SQLITE_BUSY_SECONDS", "20")),
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA cache_size=-{int(env('VALO_SQLITE_CACHE_MB', '64')) * 1024};"
            ),
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parallel workers per query (PostgreSQL's default 2): valo's queries are a page's short ones,
    # for which starting workers costs more than they save — a picker's index lookup at 100 000
    # people took 14 ms with them and 5 ms without (bench/search.py). Raise it for a reporting
    # replica.
    workers = int(env("VALO_PG_PARALLEL_WORKERS", "0"))
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c max_parallel_workers_per_gather={workers}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: argon2 first (new and re-hashed passwords), the others only to read old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Login throttling: django-axes locks a user name + address after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]


# Single sign-on (docs/sso.md): the institution's identity providers, each mapped to a school.
# VALO_SSO_OIDC is a JSON list of {"id", "name", "server_url", "client_id", "secret", "school"};
# `school` names the unit (short name, ROR id or SIREN) whose people the provider signs in.
# django-allauth carries the protocols; valo.accounts.adapter links each login to its person.
def _json_setting(name: str) -> list:
    try:
        value = json.loads(env(name, "[]"))
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{name} is not JSON: {error}") from error
    if not isinstance(value, list):
        raise ImproperlyConfigured(f"{name} is a JSON list of identity providers")
    return value


VALO_SSO_OIDC = _json_setting("VALO_SSO_OIDC")
# VALO_SSO_SAML is a JSON list of {"id", "name", "school", "idp": {"entity_id", "sso_url",
# "slo_url", "x509cert"} or {"entity_id", "metadata_url"}}: SAML 2.0 identity providers (a
# federation's Shibboleth), valo being the service provider /sso/saml/<id>/metadata/.
VALO_SSO_SAML = _json_setting("VALO_SSO_SAML")
# The attributes of eduPerson and inetOrgPerson valo reads, by their URI names; the subject is the
# persistent NameID (what single logout names).
SAML_ATTRIBUTES = {
    "email": ["urn:oid:0.9.2342.19200300.100.1.3", "mail"],
    "first_name": ["urn:oid:2.5.4.42", "givenName"],
    "last_name": ["urn:oid:2.5.4.4", "sn"],
}


def saml_app(provider: dict) -> dict:
    """A SAML provider as django-allauth takes it."""
    return {
        "provider_id": provider["id"],
        "client_id": provider["id"],
        "name": provider["name"],
        "settings": {
            "school": provider["school"],
            "attribute_mapping": SAML_ATTRIBUTES,
            "idp": provider["idp"],
            # valo's entity id: its metadata address, unless the federation registered another.
            "sp": {"entity_id": provider["sp_entity_id"]} if provider.get("sp_entity_id") else {},
            "advanced": {
                "want_assertion_signed": True,
                "name_id_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                "allow_single_label_domains": provider.get("allow_single_label_domains", False),
                **provider.get("advanced", {}),
            },
        },
    }


SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": provider["id"],
                "name": provider["name"],
                "client_id": provider["client_id"],
                "secret": provider["secret"],
                "settings": {"server_url": provider["server_url"], "school": provider["school"]},
            }
            for provider in VALO_SSO_OIDC
        ],
    },
    "saml": {"APPS": [saml_app(provider) for provider in VALO_SSO_SAML]},
}
# What the logout adds for a sign-in through SAML: the single logout request to the provider.
VALO_SSO_LOGOUT = "valo.accounts.adapter.logout_url"
SOCIALACCOUNT_ADAPTER = "valo.accounts.adapter.SocialAccountAdapter"
ACCOUNT_ADAPTER = "valo.accounts.adapter.AccountAdapter"
# A provider's button signs in at once; an account is made only for a person of the directory.
SOCIALACCOUNT_LOGIN_ON_GET = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
AXES_FAILURE_LIMIT = int(env("VALO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("VALO_LOGIN_COOLOFF_HOURS", "1"))
# An account is locked after the limit of failures from one address, or from many addresses
# together (a password spray from a botnet): either combination counts.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_IPWARE_PROXY_COUNT = int(env("VALO_PROXY_COUNT", "0")) or None

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "valo" / "locale"]
TIME_ZONE = env("VALO_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Front-end packages are served straight from node_modules (installed by npm from the registry).
STATICFILES_DIRS = [
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# What `valo backup` saves besides the database: these directories of VAR_DIR (attachments, the
# analytic store and the office files fetched).
VALO_BACKUP_DIRS = ["media", "officedata", "changelog-archive"]
# The change log keeps at least this many days in the database (`valo changelog_archive`).
VALO_CHANGELOG_MIN_RETENTION_DAYS = int(env("VALO_CHANGELOG_MIN_RETENTION_DAYS", "365"))
# Attachments of declarations: largest size and the file types accepted.
# Bounded inputs (valo.core.bounds): years of four digits in this range, windows of days at most this.
VALO_YEAR_MIN = int(env("VALO_YEAR_MIN", "1900"))
VALO_YEAR_MAX = int(env("VALO_YEAR_MAX", "2199"))
VALO_MAX_WINDOW_DAYS = int(env("VALO_MAX_WINDOW_DAYS", str(366 * 30)))
# Spreadsheet imports (directory, onboarding): a file of more records is refused, not read.
VALO_IMPORT_MAX_ROWS = int(env("VALO_IMPORT_MAX_ROWS", "20000"))
# …and a file larger than this is refused unread (a CSV is read whole into memory).
VALO_IMPORT_MAX_BYTES = int(env("VALO_IMPORT_MAX_MB", "50")) * 1024 * 1024
VALO_ATTACHMENT_MAX_BYTES = int(env("VALO_ATTACHMENT_MAX_MB", "20")) * 1024 * 1024
# Office files: the largest one an import reads, and the most documents it takes from one file (a
# year of INPI publications is about 15 000; a larger file is refused whole, nothing written).
VALO_OFFICEDATA_MAX_BYTES = int(env("VALO_OFFICEDATA_MAX_MB", "2048")) * 1024 * 1024
VALO_OFFICEDATA_MAX_DOCUMENTS = int(env("VALO_OFFICEDATA_MAX_DOCUMENTS", "500000"))
# A source read in chunks (a PATSTAT edition: no cap above applies) is written as batches of this
# many documents each, one in memory at a time.
VALO_OFFICEDATA_CHUNK_DOCUMENTS = int(env("VALO_OFFICEDATA_CHUNK_DOCUMENTS", "250000"))
# An import that leaves more batches than this (one per file imported since the last compaction)
# compacts the store (0: only `valo officedata compact` does).
VALO_OFFICEDATA_COMPACT_AFTER = int(env("VALO_OFFICEDATA_COMPACT_AFTER", "64"))
# Files an import of several reads at once, one process each (written one at a time, in order).
VALO_OFFICEDATA_IMPORT_WORKERS = int(
    env("VALO_OFFICEDATA_IMPORT_WORKERS", str(os.cpu_count() or 1))
)
# DuckDB's bounds for one query over the analytic store: its memory (beyond, it spills to disk under
# var/) and its threads (0: one per core).
VALO_ANALYTIC_MEMORY = env("VALO_ANALYTIC_MEMORY", "1GB")
VALO_ANALYTIC_THREADS = int(env("VALO_ANALYTIC_THREADS", "0"))
# The engine that runs the rankings' SQL over the analytic store: duckdb (embedded) or spark (PySpark,
# an optional extra; VALO_SPARK_MASTER is local[*] or a cluster's URL).
VALO_RANKING_ENGINE = env("VALO_RANKING_ENGINE", "duckdb")
VALO_SPARK_MASTER = env("VALO_SPARK_MASTER", "local[*]")
VALO_SPARK_PARTITIONS = int(env("VALO_SPARK_PARTITIONS", "8"))
# A function (dotted path) given each uploaded document before it is kept, raising ValidationError to
# refuse it (an antivirus hook: clamd, an ICAP service …); empty for none.
VALO_DOCUMENT_SCANNER = env("VALO_DOCUMENT_SCANNER", "")
VALO_ATTACHMENT_TYPES = env_list(
    "VALO_ATTACHMENT_TYPES", "pdf,docx,doc,odt,xlsx,ods,pptx,odp,txt,md,png,jpg,jpeg,svg,zip"
)
# Whether the institution pays INPI's reduced fees (non-profit research body, CPI L612-20: whether an
# EPSCP or grand établissement qualifies is unconfirmed, so it is a setting; french-rules.md §8.1).
VALO_REDUCED_FEES = env_bool("VALO_REDUCED_FEES", False)
# Prime d'intéressement (CPI R611-14-1 II): "base" — 25 % above a base of P; "bonus" — 25 % once the
# bonus reaches P (a base of 2P). The text is ambiguous; the legal department chooses.
VALO_PRIME_CEILING_READING = env("VALO_PRIME_CEILING_READING", "base")
# "Charges comprises": the employer's contribution rate included in the computed amount (payroll export).
VALO_PRIME_EMPLOYER_RATE = env("VALO_PRIME_EMPLOYER_RATE", "0")
# Uploads go to MEDIA_ROOT and are served by valo's own views (permission-checked), never directly.
FILE_UPLOAD_PERMISSIONS = 0o640

EMAIL_BACKEND = env("VALO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("VALO_DEFAULT_FROM_EMAIL", "valo@localhost")
EMAIL_HOST = env("VALO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("VALO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("VALO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("VALO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("VALO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(env("VALO_EMAIL_TIMEOUT", "30"))
# The address of the product as its users reach it: the links in e-mails start with it.
VALO_SITE_URL = env("VALO_SITE_URL", "http://127.0.0.1:8000")
# Each e-mail is tried this many times in all, the n-th retry after RETRY_SECONDS × 2^(n-1).
VALO_MAIL_ATTEMPTS = int(env("VALO_MAIL_ATTEMPTS", "5"))
VALO_MAIL_RETRY_SECONDS = float(env("VALO_MAIL_RETRY_SECONDS", "60"))

# The job queue (django-tasks): e-mails and long imports run in `valo db_worker`, from the database.
# VALO_TASKS_BACKEND=immediate runs each job at once in the process that queued it (no worker).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[env("VALO_TASKS_BACKEND", "database")]}}

# Security headers. Content-Security-Policy comes from django-csp: only our own origin, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("VALO_SSL_REDIRECT", True)
    # The load balancer asks for the health over plain http inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = int(env("VALO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # valo runs behind a reverse proxy that terminates TLS and sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The default cache is per process (rankings, computed again by each worker at worst). "shared" is
# the database's, seen by every worker: the API's request counts, so that a limit holds however many
# gunicorn workers serve (its table is created by every `valo migrate`, see valo.core.signals).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "valo_shared_cache",
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["valo.core.api_permissions.ValoPermission"],
    "DEFAULT_FILTER_BACKENDS": ["valo.core.api_filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "valo.core.api_errors.exception_handler",
    # Rate limiting per account (and per address without one): 429 with Retry-After beyond it. The
    # counts live in the default cache, so per process unless a shared cache is configured.
    "DEFAULT_THROTTLE_CLASSES": [
        "valo.core.throttles.UserRateThrottle",
        "valo.core.throttles.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("VALO_API_RATE_USER", "1200/minute"),
        "anon": env("VALO_API_RATE_ANON", "120/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "valo API",
    "DESCRIPTION": "The technology-transfer office's records: the same data, filters and permissions as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets used by several fields get one name each in the schema.
    "ENUM_NAME_OVERRIDES": {
        "InventionStateEnum": "valo.inventions.choices.InventionState",
        "PersonStatusEnum": "valo.directory.choices.PersonStatus",
        "AssessmentStatusEnum": "valo.inventions.choices.AssessmentStatus",
        "DeadlineStateEnum": "valo.patents.choices.DeadlineState",
        "OfficeEnum": "valo.patents.choices.Office",
    },
}

# EPO Open Patent Services (valo.officedata.ops_client): consumer key and secret.
VALO_OPS_KEY = env("VALO_OPS_KEY")
VALO_OPS_SECRET = env("VALO_OPS_SECRET")
VALO_OPS_URL = env("VALO_OPS_URL", "https://ops.epo.org/3.2")

# Who may see what: built from the user's memberships by the directory app (core imports no domain app).
VALO_ACCESS_PROVIDER = "valo.directory.access.build_access"
# The accounts that may be named responsible for a deadline or a task: the office's staff.
VALO_STAFF_USERS = "valo.directory.access.staff_users"


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env("VALO_LOG_LEVEL", "INFO" if PRODUCTION else "WARNING"),
    },
    "loggers": {
        # One JSON line per request (valo.core.middleware): id, method, path, status, time, user.
        "valo.request": {
            "level": env("VALO_REQUEST_LOG_LEVEL", "INFO" if PRODUCTION else "WARNING"),
        },
    },
}
