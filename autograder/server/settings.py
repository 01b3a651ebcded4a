"""Django settings, from the environment; everything the server keeps lives under ``NNKIT_VAR``.

``NNKIT_DATABASE_URL``: ``sqlite:///PATH`` (default ``var/db.sqlite3``) or
``postgresql://user:password@host:port/name``. ``NNKIT_QUEUE_URL``: ``sqlite:///PATH`` (default
``var/queue.db``), ``postgresql://...`` (Huey's Postgres storage) or ``redis://...``.
The secret key is generated into ``var/secret_key`` on first use, never kept in the repository.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

from autograder.core.paths import ROOT

VAR = Path(os.environ.get("NNKIT_VAR") or ROOT / "var").resolve()
VAR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    path = VAR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _sqlite_path(url: str) -> str:
    """``sqlite:///relative`` or ``sqlite:////absolute`` (SQLAlchemy's convention)."""
    return url.split("://", 1)[1][1:]


def database(url: str) -> dict:
    """A database URL as Django's DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _sqlite_path(url),
            # writers wait for each other instead of failing; IMMEDIATE: a transaction locks at its start
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    if parts.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parts.path.lstrip("/"),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }
    raise ValueError(f"NNKIT_DATABASE_URL: unknown scheme {parts.scheme!r}")


def queue(url: str) -> dict:
    """A queue URL as djhuey's HUEY setting."""
    parts = urlsplit(url)
    common = {"name": "nnkit", "immediate": False, "utc": True}
    if parts.scheme == "sqlite":
        return {**common, "huey_class": "huey.SqliteHuey", "filename": _sqlite_path(url)}
    if parts.scheme in ("postgres", "postgresql"):
        return {**common, "huey_class": "huey.PostgresHuey", "dsn": url}
    if parts.scheme == "redis":
        return {**common, "huey_class": "huey.RedisHuey", "url": url}
    raise ValueError(f"NNKIT_QUEUE_URL: unknown scheme {parts.scheme!r}")


SECRET_KEY = _secret_key()
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("NNKIT_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("NNKIT_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "huey.contrib.djhuey",
    "autograder.server.courses",
]
MIDDLEWARE = [
    "autograder.server.courses.middleware.UploadCap",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "autograder.server.courses.middleware.ChosenLanguage",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "autograder.server.urls"
WSGI_APPLICATION = "autograder.server.wsgi.application"
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
            ]
        },
    }
]
DATABASES = {"default": database(os.environ.get("NNKIT_DATABASE_URL") or f"sqlite:///{VAR / 'db.sqlite3'}")}
HUEY = queue(os.environ.get("NNKIT_QUEUE_URL") or f"sqlite:///{VAR / 'queue.db'}")
# shared by every web process (the login throttle counts across them)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR / "cache"),
    }
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
USE_I18N = True
TIME_ZONE = os.environ.get("NNKIT_TIME_ZONE", "Asia/Seoul")
USE_TZ = True
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("NNKIT_HTTPS") == "1"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
#: The largest upload accepted at all (each exercise may set a smaller cap).
NNKIT_UPLOAD_MAX = int(os.environ.get("NNKIT_UPLOAD_MAX", str(1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = NNKIT_UPLOAD_MAX + 64 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = NNKIT_UPLOAD_MAX + 64 * 1024
#: Failed logins allowed per user name and address in NNKIT_LOGIN_WINDOW seconds.
NNKIT_LOGIN_FAILURES = int(os.environ.get("NNKIT_LOGIN_FAILURES", "5"))
NNKIT_LOGIN_WINDOW = int(os.environ.get("NNKIT_LOGIN_WINDOW", "900"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
