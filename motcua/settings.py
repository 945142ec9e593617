"""Django settings for motcua.

Everything deployment-specific comes from the environment (see motcua/env.py and
docs/configuration.md). With no variables set the project runs for development on an
SQLite file inside the repository. `MOTCUA_PROFILE=production` switches on the hardened
profile that passes `manage.py check --deploy`.
"""

import ipaddress
import os
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from motcua.env import EnvError, env_bool, env_float, env_int, env_json_dict, env_list, env_str, env_time

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MOTCUA_VAR_DIR", str(BASE_DIR / "var")))

PROFILE = env_str("MOTCUA_PROFILE", "development")
if PROFILE not in {"development", "production"}:
    raise EnvError(f"MOTCUA_PROFILE must be development or production, got {PROFILE!r}")
PRODUCTION = PROFILE == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION)
_DEV_SECRET = "dev-only-insecure-secret-key-never-use-in-production-motcua-0123456789"
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise EnvError("SECRET_KEY must be set to a long random value in production")
# Keys the audit trail's hash chains and checkpoints (workflow/chain.py). Kept outside the
# database, so that someone who can write to it cannot forge or recompute a chain; separate
# from SECRET_KEY, which may be rotated. A retired key stays in AUDIT_KEY_FALLBACKS for as
# long as events hashed with it are kept.
_DEV_AUDIT_KEY = "dev-only-insecure-audit-key-never-use-in-production-motcua"
AUDIT_KEY = env_str("AUDIT_KEY", "" if PRODUCTION else _DEV_AUDIT_KEY)
if PRODUCTION and (len(AUDIT_KEY) < 32 or AUDIT_KEY in (_DEV_AUDIT_KEY, SECRET_KEY)):
    raise EnvError("AUDIT_KEY must be set in production: 32+ random characters, not the SECRET_KEY")
AUDIT_KEY_FALLBACKS = env_list("AUDIT_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "accounts.admin_site.MotcuaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # With ninja installed as an app, the API docs use its bundled Swagger UI, not a CDN.
    "ninja",
    "django_htmx",
    # motcua's own apps, one per domain
    "motcua",
    "workflow",
    "accounts",
    "units",
    "workdays",
    "catalogue",
    "dossiers",
    "payments",
    "fieldreports",
    "notify",
    "portal",
    "workspace",
    "ioc",
    "sync",
    "documents",
    "scoring",
    "parindex",
    "sipas",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "motcua.middleware.RefuseNul",
    "motcua.errors.ApiErrors",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.middleware.Language",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "motcua.middleware.SecurityHeaders",
    "csp.middleware.CSPMiddleware",
    # Axes must come last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # In production WhiteNoise serves the collected static files; runserver does it in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

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
                "motcua.menu.menu",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
_SQLITE_URL = f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _SQLITE_URL), conn_max_age=60)}
# A streaming read replica for the dashboards and statistics. Nothing reads there unless its
# code asks (motcua/dbrouter.py): a citizen must see the dossier just submitted, lag or not.
_replica_url = env_str("DATABASE_REPLICA_URL", "")
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
    # The tests have no replica: the alias reads the test database instead of needing its own.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["motcua.dbrouter.ReplicaRouter"]
# Django's PostgreSQL connection pool (psycopg_pool), one per process: a request takes an
# open connection instead of opening one. Persistent connections (CONN_MAX_AGE) and the
# pool exclude each other, so pooling sets CONN_MAX_AGE to 0.
DATABASE_POOL = env_bool("DATABASE_POOL", False)
DATABASE_POOL_MIN = env_int("DATABASE_POOL_MIN", 2)
DATABASE_POOL_MAX = env_int("DATABASE_POOL_MAX", 4)
# Behind PgBouncer in transaction mode a server-side cursor would outlive the transaction
# that PgBouncer tied to one server connection; Django then uses client-side cursors.
DATABASE_PGBOUNCER = env_bool("DATABASE_PGBOUNCER", False)
if DATABASE_POOL and not (0 <= DATABASE_POOL_MIN <= DATABASE_POOL_MAX and DATABASE_POOL_MAX >= 1):
    raise EnvError(f"DATABASE_POOL_MIN ({DATABASE_POOL_MIN}) must be between 0 and DATABASE_POOL_MAX "
                   f"({DATABASE_POOL_MAX}), which must be 1 or more")
for _alias, _database in DATABASES.items():
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        if DATABASE_POOL or DATABASE_PGBOUNCER:
            raise EnvError("DATABASE_POOL and DATABASE_PGBOUNCER need PostgreSQL (DATABASE_URL=postgres://…)")
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _database["CONN_MAX_AGE"] = 0
        _database["OPTIONS"] = {
            # WAL lets the dev server read while a command writes; IMMEDIATE transactions take
            # the write lock up front instead of failing with "database is locked" half-way.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif _database["ENGINE"] == "django.db.backends.postgresql":
        if DATABASE_POOL:
            _database["CONN_MAX_AGE"] = 0
            _database.setdefault("OPTIONS", {})["pool"] = {"min_size": DATABASE_POOL_MIN,
                                                           "max_size": DATABASE_POOL_MAX}
        if DATABASE_PGBOUNCER:
            _database["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------
# Several app servers need one cache: a value one process invalidates (a working-day
# override, workdays/services.py) must be gone for all. Unset: each process keeps its own
# in memory, which is all one development server needs.
_cache_url = env_str("CACHE_URL", "")
if _cache_url:
    if not _cache_url.startswith(("redis://", "rediss://", "unix://")):
        raise EnvError("CACHE_URL must be a Redis URL (redis://, rediss:// or unix://)")
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _cache_url,
        # Without timeouts a Redis that stops answering would hold every request forever;
        # with them the request fails and /readyz reports the cache.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# In production with a shared cache, sessions are read from the cache and written to both:
# no session query on most requests, and a cache flush loses no one's login.
SESSION_ENGINE = ("django.contrib.sessions.backends.cached_db" if PRODUCTION and _cache_url
                  else "django.contrib.sessions.backends.db")

# --- Accounts and authentication ------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out user is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Citizens' login with their national digital identity (OpenID Connect, accounts/oidc.py):
# on when a client id and the provider's endpoints are set.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid")
# Off only for a provider whose single signing key carries no key id.
OIDC_VERIFY_KID = env_bool("OIDC_VERIFY_KID", True)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "Tài khoản định danh điện tử (VNeID)")
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_CREATE_USER = True
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
if OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT:
    AUTHENTICATION_BACKENDS.append("accounts.oidc.NationalIdentityBackend")
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"  # motcua.views.start: by role
LOGOUT_REDIRECT_URL = "home"

# Login throttling (django-axes): lock a username+address pair after repeated failures.
# Every account that can reach the admin or sign off results (leaders) logs in with a second
# factor (TOTP); off in development so the demo accounts log in with their password alone.
TWO_FACTOR_FOR_STAFF = env_bool("TWO_FACTOR_FOR_STAFF", PRODUCTION)
# How long an enrolment code for the second factor stays valid (accounts/enrolment.py).
ENROLMENT_CODE_HOURS = env_int("ENROLMENT_CODE_HOURS", 72)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "motcua")

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "vi"
# Vietnamese first; the public pages also in English for a visitor who picks it (locale/en,
# motcua.middleware.Language). Staff pages and the data itself stay Vietnamese.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

# --- Working calendar defaults (Huế service-centre hours; docs/domain/one-stop.md §4) -
WORKDAYS_DEFAULT_PERIODS = env_str("WORKDAYS_DEFAULT_PERIODS", "07:30-11:30,13:00-17:00")
WORKDAYS_SAME_DAY_CUTOFF = env_time("WORKDAYS_SAME_DAY_CUTOFF", "15:00")

# --- Dossiers ----------------------------------------------------------------------------
# Where citizens reach the portal: printed on form 01 and in its QR code.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DOSSIER_FILE_MAX_BYTES = env_int("DOSSIER_FILE_MAX_BYTES", 20 * 1024 * 1024)
# Pixels a scanned image may decode to (an A4 page at 600 dpi is about 35 million).
DOSSIER_IMAGE_MAX_PIXELS = env_int("DOSSIER_IMAGE_MAX_PIXELS", 60_000_000)
DOSSIER_IMAGE_MAX_BYTES = env_int("DOSSIER_IMAGE_MAX_BYTES", 200 * 1024 * 1024)

# --- Static files, uploaded files and storage -----------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # Any Django storage class, e.g. storages.backends.s3.S3Storage in production.
    "default": {"BACKEND": env_str("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    # Files never published by URL (field-report photos, served by a view that checks
    # moderation): a private bucket in production. Unset: a folder beside MEDIA_ROOT.
    **({"private": {"BACKEND": env_str("PRIVATE_FILE_STORAGE_BACKEND", "")}}
       if env_str("PRIVATE_FILE_STORAGE_BACKEND", "") else {}),
    "staticfiles": {
        "BACKEND": "motcua.storage.StaticStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# S3-compatible object storage (django-storages, the optional `ops` extra; docs/deploy.md).
# The AWS_* variables are read only when a storage above is S3: nobody else has to set them.
_s3_storage = "storages.backends.s3.S3Storage"
if _s3_storage in {entry["BACKEND"] for entry in STORAGES.values()}:
    # The service's address (MinIO, a provincial data centre's object storage…); unset: AWS.
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", "") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "") or None
    # Unset: boto3 looks further (instance role, ~/.aws/credentials), so no key need sit in the environment.
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID", "") or None
    AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY", "") or None
    # Signed, expiring URLs: the default storage holds the dossier files (citizens' papers)
    # beside the blank forms, so its bucket is not public either.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    # No per-object ACL: the bucket policy decides (several S3-compatible services refuse ACLs).
    AWS_DEFAULT_ACL = None
    # S3 silently replaces an object of the same name; Django's file storage picks a new name.
    AWS_S3_FILE_OVERWRITE = False
    if STORAGES["default"]["BACKEND"] == _s3_storage:
        AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
        if not AWS_STORAGE_BUCKET_NAME:
            raise EnvError("AWS_STORAGE_BUCKET_NAME must be set when FILE_STORAGE_BACKEND is S3")
    if STORAGES.get("private", {}).get("BACKEND") == _s3_storage:
        _private_bucket = env_str("AWS_PRIVATE_BUCKET_NAME", "")
        if not _private_bucket:
            raise EnvError("AWS_PRIVATE_BUCKET_NAME must be set when PRIVATE_FILE_STORAGE_BACKEND is S3")
        if _private_bucket == env_str("AWS_STORAGE_BUCKET_NAME", ""):
            # A hidden photo must never be reachable through the other bucket's policy or URLs.
            raise EnvError("AWS_PRIVATE_BUCKET_NAME must name a bucket of its own, not AWS_STORAGE_BUCKET_NAME")
        STORAGES["private"]["OPTIONS"] = {
            "bucket_name": _private_bucket, "querystring_auth": True, "default_acl": None, "file_overwrite": False,
        }

# --- E-mail ---------------------------------------------------------------------------
# Development and the demo write each e-mail to a file under var/mail: nothing goes to the network.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "motcua <no-reply@localhost>")

# --- The production web server (`manage.py serve`, `make serve`) -------------------------
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 8))
GUNICORN_THREADS = env_int("GUNICORN_THREADS", 4)
GUNICORN_TIMEOUT = env_int("GUNICORN_TIMEOUT", 60)
# Proxies whose X-Forwarded-* headers gunicorn trusts (the reverse proxy in front of it).
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1"])

# Anonymous visitors get the public catalogue, feed and map from the cache for this long
# (motcua/pagecache.py); 0 renders every request.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 60)

# Rate limits on the public lookup and on report submission (motcua/ratelimit.py).
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)

# How often a process checks whether another changed the reference data it keeps in memory
# (routing rules, calendar overrides, the IOC agency: motcua/stamps.py).
STAMP_CHECK_SECONDS = env_float("STAMP_CHECK_SECONDS", 1.0)

# --- Background work (workflow/worker.py) and notifications (notify/) -----------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task left RUNNING by a worker that has not beaten for this long goes back to the queue.
WORKER_LEASE_SECONDS = env_int("WORKER_LEASE_SECONDS", 60)
# Multiplies every retry back-off of the task worker (1 = as each task declares it).
TASK_BACKOFF_SCALE = env_float("TASK_BACKOFF_SCALE", 1.0)
# The deadline sweep and the field-report escalation run this often on one of the workers.
SWEEP_INTERVAL_SECONDS = env_int("SWEEP_INTERVAL_SECONDS", 300)
# How often a worker brings the operations centre's figures up to date with the dossier events.
IOC_CATCH_UP_SECONDS = env_int("IOC_CATCH_UP_SECONDS", 30)
# The national public-service portal (sync/): unset, nothing is pushed (the demo).
SYNC_PORTAL_URL = env_str("SYNC_PORTAL_URL", "")
SYNC_PORTAL_USERNAME = env_str("SYNC_PORTAL_USERNAME", "")
SYNC_PORTAL_PASSWORD = env_str("SYNC_PORTAL_PASSWORD", "")
SYNC_TIMEOUT_SECONDS = env_int("SYNC_TIMEOUT_SECONDS", 10)
SYNC_PUSH_SECONDS = env_int("SYNC_PUSH_SECONDS", 60)
SYNC_BATCH = env_int("SYNC_BATCH", 200)
SYNC_MAX_BACKOFF_SECONDS = env_int("SYNC_MAX_BACKOFF_SECONDS", 3600)
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 7)
EXPORT_EXPIRY_SECONDS = env_int("EXPORT_EXPIRY_SECONDS", 3600)
# SIPAS surveys (sipas/, docs/measuring.md): an agency's results are shown only from this many
# respondents up, so that an officer cannot tell who answered what.
SIPAS_MIN_RESPONSES = env_int("SIPAS_MIN_RESPONSES", 5)
if SIPAS_MIN_RESPONSES < 1:
    raise EnvError("SIPAS_MIN_RESPONSES must be at least 1")
# The audit checkpoints (workflow/checkpoints.py): every chain's head, signed with AUDIT_KEY,
# appended this often to a file outside the database that an auditor keeps a copy of.
AUDIT_CHECKPOINT_SECONDS = env_int("AUDIT_CHECKPOINT_SECONDS", 3600)
AUDIT_CHECKPOINT_DIR = Path(env_str("AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit")))
# Channels an applicant or reporter is told on when they chose none (email, sms, zalo).
NOTIFY_DEFAULT_CHANNELS = env_list("NOTIFY_DEFAULT_CHANNELS", ["email", "sms"])
# "log": append to var/outbox/<channel>.jsonl (development, demo); "esms" / "zns": the real
# gateway at NOTIFY_SMS_URL / NOTIFY_ZALO_URL; empty: the channel is off.
NOTIFY_SMS_BACKEND = env_str("NOTIFY_SMS_BACKEND", "" if PRODUCTION else "log")
NOTIFY_SMS_URL = env_str("NOTIFY_SMS_URL", "")
NOTIFY_SMS_API_KEY = env_str("NOTIFY_SMS_API_KEY", "")
NOTIFY_SMS_SECRET_KEY = env_str("NOTIFY_SMS_SECRET_KEY", "")
NOTIFY_SMS_BRANDNAME = env_str("NOTIFY_SMS_BRANDNAME", "")
NOTIFY_SMS_SANDBOX = env_bool("NOTIFY_SMS_SANDBOX", False)
NOTIFY_ZALO_BACKEND = env_str("NOTIFY_ZALO_BACKEND", "")
NOTIFY_ZALO_URL = env_str("NOTIFY_ZALO_URL", "https://business.openapi.zalo.me/message/template")
NOTIFY_ZALO_ACCESS_TOKEN = env_str("NOTIFY_ZALO_ACCESS_TOKEN", "")
NOTIFY_ZALO_TEMPLATES = env_json_dict("NOTIFY_ZALO_TEMPLATES", {})
NOTIFY_LOG_DIR = env_str("NOTIFY_LOG_DIR", str(VAR_DIR / "outbox"))
NOTIFY_HTTP_TIMEOUT = env_int("NOTIFY_HTTP_TIMEOUT", 15)
NOTIFY_MESSAGE_ID_DOMAIN = env_str("NOTIFY_MESSAGE_ID_DOMAIN", "motcua.local")
for _choice, _allowed in (("NOTIFY_SMS_BACKEND", {"", "log", "esms"}), ("NOTIFY_ZALO_BACKEND", {"", "log", "zns"})):
    if globals()[_choice] not in _allowed:
        raise EnvError(f"{_choice} must be one of {sorted(_allowed)}, got {globals()[_choice]!r}")
for _channel in NOTIFY_DEFAULT_CHANNELS:
    if _channel not in {"email", "sms", "zalo"}:
        raise EnvError(f"NOTIFY_DEFAULT_CHANNELS may list email, sms, zalo; got {_channel!r}")

# --- Online payment (docs/payments.md) ----------------------------------------------------
# The gateways a citizen may choose, in this order (each also needs its own settings below).
PAYMENT_GATEWAYS = env_list("PAYMENT_GATEWAYS", ["vnpay", "dvcqg"])
# An order not paid within this many minutes expires at the gateway (vnp_ExpireDate).
PAYMENT_EXPIRY_MINUTES = env_int("PAYMENT_EXPIRY_MINUTES", 15)
# After expiry, wait this long for a late result before asking the gateway and expiring the order.
PAYMENT_QUERY_GRACE_MINUTES = env_int("PAYMENT_QUERY_GRACE_MINUTES", 5)
# The daily reconciliation asks the gateway about orders still pending after this many minutes.
PAYMENT_QUERY_AFTER_MINUTES = env_int("PAYMENT_QUERY_AFTER_MINUTES", 30)
PAYMENT_RECONCILE_SECONDS = env_int("PAYMENT_RECONCILE_SECONDS", 86_400)
PAYMENT_HTTP_TIMEOUT = env_int("PAYMENT_HTTP_TIMEOUT", 15)
# This server's address as the gateways see it (vnp_IpAddr of queries and refunds).
PAYMENT_SERVER_IP = env_str("PAYMENT_SERVER_IP", "127.0.0.1")
# Development and the demo: a local gateway simulator on this port (payments/simulator.py),
# started by `make run`; the gateways' defaults below point at it. 0: none (production).
PAYMENT_SIMULATOR_PORT = env_int("PAYMENT_SIMULATOR_PORT", 0 if PRODUCTION else 8001)
_SIMULATOR = f"http://127.0.0.1:{PAYMENT_SIMULATOR_PORT}" if PAYMENT_SIMULATOR_PORT else ""
VNPAY_TMN_CODE = env_str("VNPAY_TMN_CODE", "DEMOV210" if _SIMULATOR else "")
VNPAY_HASH_SECRET = env_str("VNPAY_HASH_SECRET", "TESTSECRETKEY0123456789ABCDEFGHI" if _SIMULATOR else "")
VNPAY_PAY_URL = env_str("VNPAY_PAY_URL", f"{_SIMULATOR}/paymentv2/vpcpay.html" if _SIMULATOR else "")
VNPAY_API_URL = env_str("VNPAY_API_URL", f"{_SIMULATOR}/merchant_webapi/api/transaction" if _SIMULATOR else "")
DVCQG_PARTNER_CODE = env_str("DVCQG_PARTNER_CODE", "000.00.00.H57" if _SIMULATOR else "")
DVCQG_HASH_KEY = env_str("DVCQG_HASH_KEY", "demo-dvcqg-hash-key" if _SIMULATOR else "")
DVCQG_INIT_URL = env_str("DVCQG_INIT_URL", f"{_SIMULATOR}/ppdvcqg/inittransaction" if _SIMULATOR else "")
DVCQG_QUERY_URL = env_str("DVCQG_QUERY_URL", f"{_SIMULATOR}/ppdvcqg/truyvan" if _SIMULATOR else "")
DVCQG_RECEIPT_URL = env_str("DVCQG_RECEIPT_URL", f"{_SIMULATOR}/ppdvcqg/paymentreceipt" if _SIMULATOR else "")
if PRODUCTION and VNPAY_HASH_SECRET == "TESTSECRETKEY0123456789ABCDEFGHI":
    raise EnvError("VNPAY_HASH_SECRET is the demo secret: set the merchant's own secret in production")

# --- Security (the production profile passes `manage.py check --deploy`) --------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Probes and Prometheus talk to an app server directly over plain HTTP (docs/deploy.md).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# --- Field reports (docs/fieldreports.md) -----------------------------------------------
# Map tiles: empty means no tile layer (the map shows markers on a blank ground and the list
# works as before); e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png where allowed.
FIELDREPORTS_TILE_URL = env_str("FIELDREPORTS_TILE_URL", "")
FIELDREPORTS_TILE_ATTRIBUTION = env_str("FIELDREPORTS_TILE_ATTRIBUTION", "")
FIELDREPORTS_PHOTO_MAX_BYTES = env_int("FIELDREPORTS_PHOTO_MAX_BYTES", 8 * 1024 * 1024)
FIELDREPORTS_PHOTO_MAX_COUNT = env_int("FIELDREPORTS_PHOTO_MAX_COUNT", 5)
# Pixels a photo may decode to, read from its header before decoding (a small PNG can unpack
# to gigabytes): 40 million is more than any phone camera takes.
FIELDREPORTS_PHOTO_MAX_PIXELS = env_int("FIELDREPORTS_PHOTO_MAX_PIXELS", 40_000_000)
FIELDREPORTS_DUPLICATE_RADIUS_M = env_int("FIELDREPORTS_DUPLICATE_RADIUS_M", 250)
FIELDREPORTS_NIGHT_END = env_time("FIELDREPORTS_NIGHT_END", "07:30")
FIELDREPORTS_REOPEN_DAYS = env_int("FIELDREPORTS_REOPEN_DAYS", 10)
FIELDREPORTS_ESCALATION_LEVEL2_HOURS = env_int("FIELDREPORTS_ESCALATION_LEVEL2_HOURS", 24)
FIELDREPORTS_IOC_AGENCY_CODE = env_str("FIELDREPORTS_IOC_AGENCY_CODE", "")
FIELDREPORTS_OPEN311_JURISDICTION = env_str("FIELDREPORTS_OPEN311_JURISDICTION", "hue.gov.vn")
FIELDREPORTS_OPEN311_CONTACT = env_str("FIELDREPORTS_OPEN311_CONTACT", "ioc@hue.gov.vn")
FIELDREPORTS_MAP_CENTER = (16.4637, 107.5909)  # Huế

# Leaflet and Leaflet.markercluster come from PyPI (XStatic packages), never a CDN.
import xstatic.pkg.leaflet  # noqa: E402
import xstatic.pkg.leaflet_markercluster  # noqa: E402

STATICFILES_DIRS = [
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("vendor/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]


# --- Content-Security-Policy (django-csp) -------------------------------------------------
# No page has an inline script: scripts come from this site only. Inline style attributes stay
# allowed (Django's admin and Leaflet's map set them). Map tiles may come from the tile server
# ("https://{s}.tile.example.vn/…" allows every sub-domain it names).
_tiles = urlsplit(FIELDREPORTS_TILE_URL.replace("{s}", "*")) if FIELDREPORTS_TILE_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([f"{_tiles.scheme}://{_tiles.netloc}"] if _tiles else [])],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# --- Operations: logs, metrics, error reporting (docs/deploy.md) -------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
# "json": one JSON object per line (motcua/logging.py), for a log collector; gunicorn's lines
# too under `manage.py serve`. "text": as a person reads them.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise EnvError(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "motcua.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             **({"formatter": "json"} if LOG_FORMAT == "json" else {})}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
if LOG_FORMAT == "json":
    # Django gives its own loggers plain-text handlers of their own (runserver's request
    # lines, errors under DEBUG); in JSON mode they write through the JSON handler only.
    LOGGING["loggers"] = {name: {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}
                          for name in ("django", "django.server")}

# Request and response metrics for Prometheus at /metrics (motcua/metrics.py), off by
# default. The database backend is not wrapped: DATABASES stays as configured above.
METRICS_ENABLED = env_bool("METRICS_ENABLED", False)
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", ["127.0.0.1"])
for _address in METRICS_ALLOWED_IPS:
    try:
        ipaddress.ip_network(_address, strict=False)
    except ValueError:
        raise EnvError(f"METRICS_ALLOWED_IPS lists addresses or networks (10.0.0.0/24), got {_address!r}") from None
if METRICS_ENABLED:
    # First and last, so the latency measured covers every other middleware.
    MIDDLEWARE = ["django_prometheus.middleware.PrometheusBeforeMiddleware", *MIDDLEWARE,
                  "django_prometheus.middleware.PrometheusAfterMiddleware"]

# Error reporting: with SENTRY_DSN set and sentry-sdk installed (the optional `ops` extra,
# `pip install sentry-sdk`), unhandled errors go to Sentry or a compatible service (GlitchTip).
# Lower-case names keep the DSN out of Django's settings (and so out of any debug page).
_sentry_dsn = env_str("SENTRY_DSN", "")
if _sentry_dsn:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        warnings.warn("SENTRY_DSN is set but sentry-sdk is not installed (pip install sentry-sdk): "
                      "errors are not reported", RuntimeWarning, stacklevel=1)
    else:
        sentry_sdk.init(
            dsn=_sentry_dsn,
            integrations=[DjangoIntegration()],
            environment=env_str("SENTRY_ENVIRONMENT", PROFILE),
            release=env_str("SENTRY_RELEASE", "") or None,
            traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
            # Citizens' ID numbers, names and addresses travel in requests: none of it leaves.
            send_default_pii=False,
        )
