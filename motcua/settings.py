"""Django settings for motcua.

Everything deployment-specific comes from the environment (see motcua/env.py and
docs/configuration.md). With no variables set the project runs for development on an
SQLite file inside the repository. `MOTCUA_PROFILE=production` switches on the hardened
profile that passes `manage.py check --deploy`.
"""

import os
from datetime import timedelta
from pathlib import Path

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
    # motcua's own apps, one per domain
    "motcua",
    "workflow",
    "accounts",
    "units",
    "workdays",
    "catalogue",
    "dossiers",
    "fieldreports",
    "notify",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
_SQLITE_URL = f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _SQLITE_URL), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the dev server read while a command writes; IMMEDIATE transactions take
        # the write lock up front instead of failing with "database is locked" half-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and authentication ------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out user is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling (django-axes): lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "motcua")

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "vi"
# English is the second language once its message catalogue exists; until then every page is Vietnamese.
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
    **({"fieldreports_photos": {"BACKEND": env_str("PRIVATE_FILE_STORAGE_BACKEND", "")}}
       if env_str("PRIVATE_FILE_STORAGE_BACKEND", "") else {}),
    "staticfiles": {
        "BACKEND": "motcua.storage.StaticStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
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

# --- Field reports (docs/fieldreports.md) -----------------------------------------------
# Map tiles: empty means no tile layer (the map shows markers on a blank ground and the list
# works as before); e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png where allowed.
FIELDREPORTS_TILE_URL = env_str("FIELDREPORTS_TILE_URL", "")
FIELDREPORTS_TILE_ATTRIBUTION = env_str("FIELDREPORTS_TILE_ATTRIBUTION", "")
FIELDREPORTS_PHOTO_MAX_BYTES = env_int("FIELDREPORTS_PHOTO_MAX_BYTES", 8 * 1024 * 1024)
FIELDREPORTS_PHOTO_MAX_COUNT = env_int("FIELDREPORTS_PHOTO_MAX_COUNT", 5)
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
