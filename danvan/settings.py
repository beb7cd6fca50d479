"""Settings of Dân Vận, read from the environment in one place.

Every value comes from an environment variable (or a `.env` file beside the project) through
django-environ. The demo defaults let `make run` work on a fresh machine; production
(`DANVAN_ENV=production`) has no default for secrets and refuses to start without them.
A value that cannot be understood stops the start with a Vietnamese message naming the variable.
"""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _fail(variable: str, problem: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Cấu hình sai ở biến môi trường {variable}: {problem}")


def _bool(variable: str, default: bool) -> bool:
    raw = env.str(variable, default="")
    if raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on", "co", "có"}:
        return True
    if lowered in {"0", "false", "no", "off", "khong", "không"}:
        return False
    raise _fail(variable, f"«{raw}» không phải giá trị đúng/sai (dùng true hoặc false).")


def _int(variable: str, default: int, minimum: int = 0, maximum: int = 2**31) -> int:
    raw = env.str(variable, default="")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _fail(variable, f"«{raw}» không phải số nguyên.") from None
    if not minimum <= value <= maximum:
        raise _fail(variable, f"{value} nằm ngoài khoảng {minimum}–{maximum}.")
    return value


DANVAN_ENV = env.str("DANVAN_ENV", default="demo").strip().lower()
if DANVAN_ENV not in {"demo", "production", "test"}:
    raise _fail("DANVAN_ENV", f"«{DANVAN_ENV}» không hợp lệ; chọn demo, production hoặc test.")
PRODUCTION = DANVAN_ENV == "production"

VAR_DIR = Path(env.str("DANVAN_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# --- Secrets -------------------------------------------------------------------------------


def _demo_secret_key() -> str:
    """A random key kept under var/ so sessions survive restarts of the demo."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise _fail("SECRET_KEY", "bắt buộc khi chạy production (DANVAN_ENV=production).")
    SECRET_KEY = _demo_secret_key()
elif PRODUCTION and len(SECRET_KEY) < 50:
    raise _fail("SECRET_KEY", "quá ngắn; cần ít nhất 50 ký tự ngẫu nhiên.")

DEBUG = _bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise _fail("DEBUG", "không được bật khi chạy production.")

_default_hosts = "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver"
ALLOWED_HOSTS = [
    h.strip() for h in env.str("ALLOWED_HOSTS", _default_hosts).split(",") if h.strip()
]
if PRODUCTION and not ALLOWED_HOSTS:
    raise _fail("ALLOWED_HOSTS", "bắt buộc khi chạy production (ví dụ: danvan.caobang.gov.vn).")
for _host in ALLOWED_HOSTS:
    if "/" in _host or " " in _host:
        raise _fail("ALLOWED_HOSTS", f"«{_host}» không phải tên máy chủ (không ghi http:// hay /).")

CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in env.str("CSRF_TRUSTED_ORIGINS", default="").split(",") if o.strip()
]

# --- Database --------------------------------------------------------------------------------

_SQLITE_DEFAULT = f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}"
DATABASE_URL = env.str("DATABASE_URL", default=_SQLITE_DEFAULT)
_db_scheme = urlsplit(DATABASE_URL).scheme
if _db_scheme not in {"sqlite", "postgres", "postgresql", "pgsql", "psql"}:
    raise _fail(
        "DATABASE_URL",
        f"«{_db_scheme or DATABASE_URL}» không được hỗ trợ; dùng sqlite:///đường/dẫn "
        "hoặc postgres://người_dùng@máy:5432/tên_csdl.",
    )
try:
    _db: dict[str, Any] = environ.Env.db_url_config(DATABASE_URL)
except Exception as exc:  # django-environ raises several types for malformed URLs
    raise _fail("DATABASE_URL", f"không đọc được địa chỉ ({exc}).") from None

if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task consumer read while the other writes; the
    # busy timeout makes a writer wait for the lock instead of failing at once.
    _db["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
else:
    _db.setdefault("CONN_MAX_AGE", _int("DB_CONN_MAX_AGE", 60))
    _db["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer fails the request within seconds (a Vietnamese 503,
    # core.views.server_error) instead of holding a worker until the operating system gives up.
    _db.setdefault("OPTIONS", {})["connect_timeout"] = _int("DB_CONNECT_TIMEOUT", 3, 1, 60)
    # Parameters bound by the server, and statements a connection runs often prepared once
    # (psycopg prepares after 5 runs): less quoting in Python and less parsing and planning in
    # PostgreSQL. Turn it off behind a pooler in transaction mode that cannot keep prepared
    # statements (PgBouncer before 1.21).
    if _bool("DB_SERVER_SIDE_BINDING", default=True):
        _db.setdefault("OPTIONS", {})["server_side_binding"] = True
    _db.setdefault("TEST", {})
_db["ATOMIC_REQUESTS"] = False
DATABASES = {"default": _db}

# A streaming replica (hot standby) of DATABASE_URL serves the reads of safe requests (GET,
# HEAD) of clients that have not written in the last REPLICA_PIN_SECONDS; see core.replicas.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
REPLICA_PIN_SECONDS = _int("REPLICA_PIN_SECONDS", 5, 0, 3600)
if DATABASE_REPLICA_URL:
    if _db["ENGINE"] == "django.db.backends.sqlite3":
        raise _fail("DATABASE_REPLICA_URL", "chỉ dùng được khi DATABASE_URL là PostgreSQL.")
    if urlsplit(DATABASE_REPLICA_URL).scheme not in {"postgres", "postgresql", "pgsql", "psql"}:
        raise _fail(
            "DATABASE_REPLICA_URL",
            f"«{DATABASE_REPLICA_URL}» không phải địa chỉ PostgreSQL (postgres://máy:5432/tên).",
        )
    try:
        _replica: dict[str, Any] = environ.Env.db_url_config(DATABASE_REPLICA_URL)
    except Exception as exc:
        raise _fail("DATABASE_REPLICA_URL", f"không đọc được địa chỉ ({exc}).") from None
    for _key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "ATOMIC_REQUESTS"):
        _replica.setdefault(_key, _db[_key])
    _replica["OPTIONS"] = {**_db["OPTIONS"], **_replica.get("OPTIONS", {})}
    # Tests run against the primary alone: the replica alias is the same test database.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["danvan.core.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) serve index-only scans on PostgreSQL; SQLite builds the same index
# without the extra columns, which is what we want there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Redis, cache, task queue -----------------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and urlsplit(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
    raise _fail("REDIS_URL", f"«{REDIS_URL}» không phải địa chỉ Redis (redis://máy:6379/0).")

if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    HUEY: dict[str, Any] = {
        "huey_class": "huey.RedisHuey",
        "name": "danvan",
        "url": REDIS_URL,
        "immediate": False,
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "danvan_cache",
        }
        if PRODUCTION
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "danvan",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }
HUEY["consumer"] = {"workers": _int("HUEY_WORKERS", 2, 1, 64), "worker_type": "thread"}
if DANVAN_ENV == "test":
    HUEY["immediate"] = True
    HUEY["immediate_use_memory"] = True

# --- E-mail -------------------------------------------------------------------------------------

EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
try:
    globals().update(environ.Env.email_url_config(EMAIL_URL))
except Exception:
    raise _fail(
        "EMAIL_URL", f"«{EMAIL_URL}» không đọc được (ví dụ: smtp+tls://user:pass@máy:587)."
    ) from None
# How long a consumer holds a notification's e-mail while sending it; a claim older than this
# (the consumer was killed) is retried by notifications.tasks.send_pending_emails.
NOTIFICATIONS_EMAIL_LEASE_SECONDS = _int("NOTIFICATIONS_EMAIL_LEASE_SECONDS", 120, 1, 86400)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Dân Vận <danvan@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in e-mails point here (the address officials open the platform at).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- Applications -------------------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "csp",
    "django_htmx",
    # django-ninja as an app: /api/v1/docs renders its own template with the Swagger UI files
    # the package ships (ninja/static/ninja), served from here — not from a CDN, which the CSP
    # would block and a government intranet may not reach.
    "ninja",
    "huey.contrib.djhuey",
    "danvan.core",
    "danvan.orgs",
    "danvan.accounts",
    "danvan.deadlines",
    "danvan.petitions",
    "danvan.documents",
    "danvan.plans",
    "danvan.reporting",
    "danvan.notifications",
    "danvan.dialogues",
    "danvan.participation",
    "danvan.hotspots",
    "danvan.surveys",
    "danvan.evaluation",
    "danvan.outputs",
    "danvan.exemplars",
    "danvan.training",
    "danvan.inspections",
    "danvan.ops",
]

MIDDLEWARE = [
    "danvan.core.middleware.RequestIdMiddleware",
    "danvan.core.middleware.StampSnapshotMiddleware",
    "danvan.core.replicas.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "danvan.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "danvan.core.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "danvan.core.context_processors.navigation",
                "danvan.notifications.context_processors.unread_notifications",
            ],
        },
    }
]

# --- Accounts and security ---------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "danvan.accounts.backends.RolePermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_ENABLED = _bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = _int("AXES_FAILURE_LIMIT", 5, 1, 100)
AXES_COOLOFF_TIME = _int("AXES_COOLOFF_MINUTES", 15, 1, 24 * 60) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Axes locks one username from one address; guessing across many usernames from one address is
# limited separately (accounts.views.LoginView), with a larger allowance because a whole office
# often signs in from behind one address.
LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = _int("LOGIN_FAILURES_PER_ADDRESS_PER_HOUR", 30, 5, 10000)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_CLIENT_IP_CALLABLE = "danvan.core.clientip.client_address"


def _networks(
    variable: str, default: str = ""
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    raw = env.str(variable, default=default)
    networks = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise _fail(variable, f"«{item}» không phải địa chỉ IP hay dải mạng (CIDR).") from None
    return networks


# The reverse proxies whose X-Forwarded-For / X-Forwarded-Port are believed (addresses or CIDR
# ranges, comma-separated; gunicorn reads the same variable for X-Forwarded-Proto). From anyone
# else those headers are the client's own words and are ignored, so nobody can write another
# address into the audit trail or dodge the per-address limits.
TRUSTED_PROXIES = _networks("FORWARDED_ALLOW_IPS")

OTP_TOTP_ISSUER = env.str("OTP_ISSUER", default="Dân Vận")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = _int("SESSION_HOURS", 10, 1, 24 * 30) * 3600
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
# A refused form gets a Vietnamese page in the site's layout, not Django's bare English one.
CSRF_FAILURE_VIEW = "danvan.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    # Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _bool("SECURE_HSTS_PRELOAD", default=True)

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

# --- Audit log (django-auditlog) ----------------------------------------------------------------

AUDITLOG_CID_HEADER = "x-request-id"
AUDITLOG_CID_GETTER = "danvan.core.middleware.current_request_id"
AUDITLOG_INCLUDE_ALL_MODELS = False

# --- Internationalisation ----------------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "danvan_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

# --- Static and uploaded files -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Where uploaded files live: ``local`` (MEDIA_ROOT, the default) or ``s3`` (any S3-compatible
# object store through django-storages: AWS, MinIO, Ceph, a provider's object storage), so
# several app servers share one set of files. Code reads and writes files only through the
# storage (``FieldFile.open``, ``default_storage.save``), never a filesystem path;
# ``core/tests/test_storage.py`` runs uploads and downloads against an in-memory storage
# (``memory``, test runs only) to prove it. Downloads still leave through
# ``core.uploads.serve_file`` (attachment, nosniff): files are never linked from the bucket.
STORAGE_BACKEND = (env.str("STORAGE_BACKEND", default="") or "local").strip().lower()
if STORAGE_BACKEND not in {"local", "s3", "memory"} or (
    STORAGE_BACKEND == "memory" and DANVAN_ENV != "test"
):
    raise _fail("STORAGE_BACKEND", f"«{STORAGE_BACKEND}» không hợp lệ; chọn local hoặc s3.")
_default_storage: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if STORAGE_BACKEND == "memory":
    _default_storage = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
elif STORAGE_BACKEND == "s3":
    S3_BUCKET = env.str("S3_BUCKET", default="")
    if not S3_BUCKET:
        raise _fail("S3_BUCKET", "bắt buộc khi STORAGE_BACKEND=s3 (tên bucket chứa tệp tải lên).")
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # Empty: AWS itself; otherwise the object store's address (https://s3.example.vn).
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            # Empty keys: boto3's own chain (instance role, AWS_* variables, ~/.aws).
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            # Objects under this prefix, so one bucket can hold several provinces.
            "location": env.str("S3_PREFIX", default="media").strip("/"),
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="") or None,
            # Same as the local storage: a second file of one name gets a new name instead of
            # replacing the first; objects stay private (served only through the platform).
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Module knobs ------------------------------------------------------------------------------
# Every setting a module reads is declared here, from the environment, and listed in the README;
# modules read ``settings.NAME`` and never carry a default of their own
# (``core/tests/test_settings_knobs.py`` fails on ``getattr(settings, NAME, default)``).

_MB = 1024 * 1024
# Upload limits per purpose (``core.uploads``).
DOCUMENTS_MAX_UPLOAD_BYTES = _int("DOCUMENTS_MAX_UPLOAD_BYTES", 20 * _MB, 1)
PLANS_MAX_ATTACHMENT_BYTES = _int("PLANS_MAX_ATTACHMENT_BYTES", DOCUMENTS_MAX_UPLOAD_BYTES, 1)
PETITIONS_MAX_ATTACHMENT_BYTES = _int("PETITIONS_MAX_ATTACHMENT_BYTES", 5 * _MB, 1)
DIALOGUES_MAX_MINUTES_BYTES = _int("DIALOGUES_MAX_MINUTES_BYTES", 20 * _MB, 1)
# Grassroots democracy (participation): evidence of a disclosure; citizens' comments on drafts.
PARTICIPATION_MAX_EVIDENCE_BYTES = _int("PARTICIPATION_MAX_EVIDENCE_BYTES", 20 * _MB, 1)
PARTICIPATION_COMMENTS_PER_HOUR = _int("PARTICIPATION_COMMENTS_PER_HOUR", 10, 1, 10_000)
# One-time codes of the portal (core.verification): codes one phone or address may receive in
# an hour (four times as many from one client address; the old name is still read), minutes a
# code stays valid, and the class that sends SMS (the default writes them to the log).
VERIFICATION_CODES_PER_HOUR = _int(
    "VERIFICATION_CODES_PER_HOUR", _int("PARTICIPATION_CODES_PER_HOUR", 5, 1, 10_000), 1, 10_000
)
VERIFICATION_CODE_MINUTES = _int("VERIFICATION_CODE_MINUTES", 15, 1, 24 * 60)
SMS_BACKEND = env.str("SMS_BACKEND", default="danvan.core.verification.LogSMSBackend").strip()
REPORTING_MAX_IMPORT_BYTES = _int("REPORTING_MAX_IMPORT_BYTES", 10 * _MB, 1)
OUTPUTS_MAX_TEMPLATE_BYTES = _int("OUTPUTS_MAX_TEMPLATE_BYTES", 5 * _MB, 1)
# Citizen portal spam protection: a form sent faster than this is refused, and at most this many
# submissions an hour are accepted from one address.
PETITIONS_PORTAL_MIN_FILL_SECONDS = _int("PETITIONS_PORTAL_MIN_FILL_SECONDS", 5, 0, 3600)
PETITIONS_PORTAL_SUBMISSIONS_PER_HOUR = _int("PETITIONS_PORTAL_SUBMISSIONS_PER_HOUR", 5, 1, 10_000)
# Days before a dialogue follow-up's due date that its unit is reminded.
# Photos and documents proving a «Dân vận khéo» model's results; attendance lists (.xlsx).
EXEMPLARS_MAX_PHOTO_BYTES = _int("EXEMPLARS_MAX_PHOTO_BYTES", 5 * _MB, 1)
EXEMPLARS_MAX_DOCUMENT_BYTES = _int("EXEMPLARS_MAX_DOCUMENT_BYTES", 20 * _MB, 1)
TRAINING_MAX_IMPORT_BYTES = _int("TRAINING_MAX_IMPORT_BYTES", 5 * _MB, 1)
DIALOGUES_REMIND_DAYS_BEFORE = _int("DIALOGUES_REMIND_DAYS_BEFORE", 3, 0, 365)
# A petition open longer than this many days is listed as long-running on the hotspot dashboard.
HOTSPOTS_LONG_RUNNING_DAYS = _int("HOTSPOTS_LONG_RUNNING_DAYS", 90, 1, 3650)

# --- API ----------------------------------------------------------------------------------------

NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 500
NINJA_PAGINATION_MAX_LIMIT = 500

# --- Logs and metrics ---------------------------------------------------------------------------

# ``text``: one readable line per record (``make run``); ``json``: one JSON object per line for a
# log collector. Either way each record carries the request id, the official's user id and, in
# the task consumer, the task id — never names or identity data (``core.logs``).
LOG_FORMAT = (env.str("LOG_FORMAT", default="") or "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise _fail("LOG_FORMAT", f"«{LOG_FORMAT}» không hợp lệ; chọn text hoặc json.")
LOG_LEVEL = (env.str("LOG_LEVEL", default="") or "INFO").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise _fail("LOG_LEVEL", f"«{LOG_LEVEL}» không hợp lệ; chọn DEBUG, INFO, WARNING hoặc ERROR.")
LOGGING_CONFIG = "logging.config.dictConfig"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "danvan.core.logs.ContextFilter"}},
    "formatters": {
        "json": {"()": "danvan.core.logs.JsonFormatter"},
        "text": {"()": "danvan.core.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Configured here so the task consumer does not add its own plain handler (run_huey adds
        # one only to a "huey" logger that has none).
        "huey": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Gunicorn's own log (worker starts and deaths) in the same format. Its access log is
        # off: danvan.request writes the request line, without the query string.
        "gunicorn.error": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}
# Prometheus metrics at /metrics (``core.metrics``): never public. Answered only to these
# addresses (CIDR allowed; the demo allows this machine) or to ``Authorization: Bearer`` with
# METRICS_TOKEN; anyone else gets a 404. Under gunicorn the workers' counts are added up
# through files in a directory of each running server (``serving/gunicorn_conf.py``).
METRICS_ALLOW_IPS = _networks("METRICS_ALLOW_IPS", "" if PRODUCTION else "127.0.0.1,::1")
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise _fail("METRICS_TOKEN", "quá ngắn; cần ít nhất 32 ký tự ngẫu nhiên.")
# Queue depth and overdue counts are counted at most once in this many seconds (shared through
# the cache), however many Prometheus servers scrape and however often.
METRICS_DOMAIN_CACHE_SECONDS = _int("METRICS_DOMAIN_CACHE_SECONDS", 60, 0, 3600)
# A form's unit field lists its units up to this many; past it (the country's administrators:
# ≈ 7,000 units) it becomes a search box (orgs/widgets.py).
UNIT_SELECT_MAX_OPTIONS = _int("UNIT_SELECT_MAX_OPTIONS", 500, 2, 100_000)
# The citizens' portal cards (public counts, the same for everyone) are computed at most once in
# this many seconds per language and shared through the cache (core/dashboard.py); 0 disables.
PORTAL_CARDS_CACHE_SECONDS = _int(
    "PORTAL_CARDS_CACHE_SECONDS", 0 if DANVAN_ENV == "test" else 300, 0, 24 * 3600
)
