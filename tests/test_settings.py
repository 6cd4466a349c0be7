"""Settings are safe by default and production-ready with production variables."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "kq2Xr9vLw8Zp4Tn6Yb3Hc7Jd1Fg5Ms0Qa2We4Rt6Yu8Io0Pl3Kj5Hg7Fd9Sa1Zx3Cv5Bn7",
    "ALLOWED_HOSTS": "trellis.example.nhs.uk",
    "DATABASE_URL": "sqlite://:memory:",
    "STATICFILES_BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    "SECURE_SSL_REDIRECT": "1",
    "EMAIL_URL": "smtp+tls://trellis:secret@smtp.example.nhs.uk:587",
}


def manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "ENV_FILE": os.devnull, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_for():
    env = {k: v for k, v in PRODUCTION.items() if k != "DEBUG"}
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", **env
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def cookie_flags(**env):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        **env,
    )
    return result.stdout.strip().splitlines()[-1]


def test_cookies_are_sent_over_https_only_unless_a_test_deployment_says_otherwise():
    assert cookie_flags(**PRODUCTION) == "True True"
    assert cookie_flags(**{**PRODUCTION, "DEBUG": "1"}) == "False False"
    # A plain-http test deployment on loopback: sign-in works, and check --deploy says so.
    plain_http = {**PRODUCTION, "ALLOW_INSECURE_COOKIES": "1", "SECURE_SSL_REDIRECT": "0"}
    assert cookie_flags(**plain_http) == "False False"
    result = manage("check", "--deploy", "--fail-level", "WARNING", **plain_http)
    assert "SESSION_COOKIE_SECURE" in result.stderr + result.stdout
