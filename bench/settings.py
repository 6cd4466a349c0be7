"""Benchmark settings: Trellis's own, plus a bare floor view and a database of its own."""

import os
import secrets

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
os.environ.setdefault("ENV_FILE", os.devnull)
os.environ.setdefault("DATABASE_URL", "sqlite:///bench/results/bench.sqlite3")

from config.settings import *  # noqa: E402,F403
from config.settings import INSTALLED_APPS, TEMPLATES  # noqa: E402

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"]]
ALLOWED_HOSTS = ["testserver", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": True}

import warnings  # noqa: E402

# Pages are served through the test client; no collected static directory exists.
warnings.filterwarnings("ignore", "No directory at", UserWarning)
