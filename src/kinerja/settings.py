"""Settings, read from the environment.

``DATABASE_URL`` selects the database (default: SQLite in ``var/``),
``KINERJA_VAR`` the folder for the SQLite file, uploads and the generated secret
key (default: ``./var``), ``KINERJA_DEBUG=1`` turns on Django's debug mode, ``KINERJA_DEMO=1``
demonstration mode (the sample and its published demo accounts; see ``kinerja.core.demo``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

PAKET_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("KINERJA_VAR", Path.cwd() / "var")).resolve()

DEBUG = os.environ.get("KINERJA_DEBUG", "") in ("1", "true", "ya")
KINERJA_DEMO = os.environ.get("KINERJA_DEMO", "") in ("1", "true", "ya")


def _secret_key() -> str:
    if os.environ.get("KINERJA_SECRET_KEY"):
        return os.environ["KINERJA_SECRET_KEY"]
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    berkas = VAR_DIR / "secret_key"
    if not berkas.exists():
        berkas.write_text(secrets.token_urlsafe(50))
        berkas.chmod(0o600)
    return berkas.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("KINERJA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("KINERJA_CSRF_TRUSTED_ORIGINS", "").split(",") if o]


def database_dari_url(url: str) -> dict:
    """``sqlite:///path`` or ``postgres://user:pass@host:port/name?opt=v``."""
    bagian = urlsplit(url)
    skema = bagian.scheme.lower()
    if skema == "sqlite":
        # sqlite:///relative/file.db or sqlite:////absolute/file.db
        path = unquote(bagian.path)[1:]
        return _sqlite(Path(path) if path else VAR_DIR / "kinerja.sqlite3")
    if skema in ("postgres", "postgresql", "pgsql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(bagian.path.lstrip("/")),
            "USER": unquote(bagian.username or ""),
            "PASSWORD": unquote(bagian.password or ""),
            "HOST": bagian.hostname or "",
            "PORT": str(bagian.port or ""),
            "OPTIONS": dict(parse_qsl(bagian.query)),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ValueError(f"DATABASE_URL tidak dikenali: skema '{skema}' (pakai sqlite:/// atau postgres://)")


def _sqlite(path: Path) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL lets readers work while one writer writes; IMMEDIATE makes a writer
            # wait for the lock instead of failing half-way through a transaction.
            # synchronous=FULL syncs the WAL at every commit: an acknowledged answer survives
            # a power cut (NORMAL could lose the last commits).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
        "TEST": {"NAME": os.environ.get("KINERJA_TEST_SQLITE") or None},
    }


def surel_dari_url(url: str) -> dict:
    """``smtp://user:pass@host:587?tls=1`` or ``smtps://user:pass@host`` → Django's EMAIL_* settings.

    ``smtp`` speaks plain SMTP (port 25), upgraded with STARTTLS by ``?tls=1`` (port 587 usually);
    ``smtps`` is SMTP over TLS from the start (port 465). ``?timeout=`` sets the seconds to wait."""
    bagian = urlsplit(url)
    skema = bagian.scheme.lower()
    if skema not in ("smtp", "smtps") or not bagian.hostname:
        raise ValueError(
            f"KINERJA_EMAIL_URL tidak dikenali: pakai smtp://pengguna:sandi@host:587?tls=1 atau "
            f"smtps://pengguna:sandi@host:465 (skema '{skema}')."
        )
    opsi = {k.lower(): v for k, v in parse_qsl(bagian.query)}
    ya = ("1", "true", "ya", "yes")
    ssl = skema == "smtps" or opsi.get("ssl", "").lower() in ya
    tls = not ssl and opsi.get("tls", "").lower() in ya
    try:
        port = bagian.port or (465 if ssl else 587 if tls else 25)
        tunggu = int(opsi.get("timeout", "30"))
    except ValueError:
        raise ValueError("KINERJA_EMAIL_URL: port dan timeout harus bilangan.") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": bagian.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(bagian.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(bagian.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
        "EMAIL_TIMEOUT": tunggu,
    }


DATABASES = {
    "default": database_dari_url(os.environ["DATABASE_URL"])
    if os.environ.get("DATABASE_URL")
    else _sqlite(VAR_DIR / "kinerja.sqlite3")
}

# State that must hold across workers and servers (rate limits, short-lived settings, cached
# public pages) lives in Django's cache: Redis when REDIS_URL is set (a kota with several app
# servers), else a SQLite file beside the embedded database, else a table in the database.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("KINERJA_CACHE_PREFIX", "kinerja"),
        }
    }
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default: a file of its own beside the database, shared by every process of the
    # server, where a count costs no disk flush (see kinerja.core.cache_sqlite).
    CACHES = {
        "default": {
            "BACKEND": "kinerja.core.cache_sqlite.CacheSQLite",
            "LOCATION": str(Path(DATABASES["default"]["NAME"]).with_suffix(".cache.sqlite3")),
            "KEY_PREFIX": os.environ.get("KINERJA_CACHE_PREFIX", "kinerja"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kinerja_cache",
            "KEY_PREFIX": os.environ.get("KINERJA_CACHE_PREFIX", "kinerja"),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# A PostgreSQL hot standby for reading pages, reports and exports (see kinerja.core.replika).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replika"] = database_dari_url(os.environ["DATABASE_REPLICA_URL"])
    DATABASE_ROUTERS = ["kinerja.core.replika.RuterReplika"]
KINERJA_REPLIKA_TAHAN = int(os.environ.get("KINERJA_REPLIKA_TAHAN", "10"))
# Plans each worker process keeps read while their revision is unchanged (kinerja.renstra.revisi); 0: none.
KINERJA_SIMPANAN_RENCANA = int(os.environ.get("KINERJA_SIMPANAN_RENCANA", "64"))
# How far back (hours) a kiosk's offline queue may date its answers (see kinerja.skm.services).
KINERJA_KIOS_MUNDUR_JAM = int(os.environ.get("KINERJA_KIOS_MUNDUR_JAM", "72"))
# Public portal and open-data API: requests per minute from one client address before 429.
KINERJA_BATAS_PUBLIK = int(os.environ.get("KINERJA_BATAS_PUBLIK", "240"))

# E-mail (reminders, kinerja pengingat): KINERJA_EMAIL_URL, or Django's own EMAIL_* settings.
# KINERJA_ALAMAT_SITUS is the site's address as users reach it, for the links in an e-mail.
KINERJA_EMAIL_URL = os.environ.get("KINERJA_EMAIL_URL", "")
if KINERJA_EMAIL_URL:
    globals().update(surel_dari_url(KINERJA_EMAIL_URL))
KINERJA_ALAMAT_SITUS = os.environ.get("KINERJA_ALAMAT_SITUS", "").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("KINERJA_EMAIL_DARI") or (
    f"Kinerja <kinerja@{urlsplit(KINERJA_ALAMAT_SITUS).hostname or 'localhost'}>"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "kinerja.core",
    "kinerja.wilayah",
    "kinerja.sumberdaya",
    "kinerja.renstra",
    "kinerja.monev",
    "kinerja.layanan",
    "kinerja.skm",
    "kinerja.pengaduan",
    "kinerja.rtkeren",
    "kinerja.sakip",  # SAKIP self-evaluation (LKE PermenPANRB 88/2021)
    "kinerja.beranda",  # the start pages, pointing into every app
    "kinerja.portal",  # the public portal and open data, reading every app
    "kinerja.kelola",  # administration pages for a pemda or PD administrator
    "kinerja.kota",  # Bappeda's view of every PD, second approval level
    "kinerja.pengingat",  # inbox and reminders
    "kinerja.risiko",  # risk register (SPIP) on the plan's sasaran and programs
    "kinerja.lkjip",  # the LKjIP as a document (DOCX/PDF) with its narrative
    "kinerja.evaluasi",  # SAKIP evaluation pages, proposals from the data, `kinerja sakip`
    "kinerja.demo",  # last: the sample across every app; nothing imports it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kinerja.core.keamanan.HeaderKeamanan",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kinerja.core.replika.PilihBasisData",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kinerja.core.galat.HalamanGalatMetode",
]

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PAKET_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.wilayah.izin.konteks",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Static files are served by WhiteNoise straight from the package (no collectstatic step);
# set KINERJA_STATIC_ROOT only to collect them for a separate web server.
STATIC_ROOT = os.environ.get("KINERJA_STATIC_ROOT") or None
STATICFILES_DIRS = [PAKET_DIR / "static"]
# Served straight from the package: no collectstatic step on a fresh machine.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = VAR_DIR / "unggahan"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# KINERJA_HTTPS=1: the site is reached only over HTTPS (behind a proxy that terminates TLS and
# sets X-Forwarded-Proto): plain HTTP is redirected, browsers are told to stay on HTTPS for a
# year (HSTS) and cookies are sent over HTTPS only.
KINERJA_HTTPS = os.environ.get("KINERJA_HTTPS", "") in ("1", "true", "ya")
if KINERJA_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sent with every response by kinerja.core.keamanan.HeaderKeamanan: no inline script, style or
# event handler runs (scripts and styles are static files under kinerja/static/).
KINERJA_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
KINERJA_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
CSRF_FAILURE_VIEW = "kinerja.core.galat.csrf_gagal"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
