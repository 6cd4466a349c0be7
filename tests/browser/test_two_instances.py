"""Two instances sharing one database and one cache, as two machines behind a load
balancer would: scripts/two_instances.py starts two gunicorns and two run_workers with
production settings on the test's PostgreSQL database and a Redis cache, and a person
moves between them in one browser.

A session made on A is honoured on B and ended on B for A; a journal answer saved on A
is read on B; the catalogue drawn on B (cached in Redis) is drawn again on A after LED
rename one initiative and retire another on B, so the catalogue's stamp keeps a cache
shared by instances correct. Skipped on SQLite. Redis: the one at TWO_INSTANCES_REDIS_URL
(redis://127.0.0.1:6379/0), else a private redis-server; with neither, or without
Chromium, skipped unless REQUIRE_BROWSER=1 (as in CI), when it fails instead."""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from playwright.sync_api import expect

from careers.journal.services import appraisal_year
from learning.models import Initiative
from tests.browser.conftest import _require_browser, accessible, checked_window, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_learning import InitiativeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TWO_INSTANCES_REDIS_URL", "redis://127.0.0.1:6379/0")
# Migrated already; collectstatic (hashing and compressing every file) dominates.
READY_SECONDS = 420
PROUD = "What am I most proud of inside or outside of work?"


def _skip_or_fail(reason):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(reason + "; REQUIRE_BROWSER=1 asks for the browser tests to run")
    pytest.skip(reason)


def _answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=2).ping()
    except (redis.RedisError, OSError):
        return False


@contextmanager
def _redis():
    """A Redis for the instances: REDIS_URL when one answers there, else a private
    redis-server on a free port (stopped on leaving) when one is installed. Out: its
    URL and a client."""
    import redis

    if _answers(REDIS_URL):
        yield REDIS_URL, redis.Redis.from_url(REDIS_URL)
        return
    binary = shutil.which("redis-server")
    if not binary:
        _skip_or_fail(f"Redis not reachable at {REDIS_URL} and redis-server not installed")
    port = _free_port()
    url = f"redis://127.0.0.1:{port}/0"
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if _answers(url):
                break
            time.sleep(0.1)
        else:
            pytest.fail(f"redis-server on port {port} did not answer")
        yield url, redis.Redis.from_url(url)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url():
    """DATABASE_URL naming the test database (test_<name>) that this test writes to."""
    parsed = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return parsed._replace(path="/" + connection.settings_dict["NAME"]).geturl()


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("two-instances-static")


@pytest.fixture
def instances(transactional_db, static_root, tmp_path):
    """A and B started by the script; out: their base URLs, the Redis client and the
    cache's key prefix. Stopped (SIGTERM to the script) when the test ends."""
    if connection.vendor != "postgresql":
        pytest.skip("two instances share a PostgreSQL database (set DATABASE_URL)")
    _require_browser()
    with _redis() as (redis_url, client):
        yield from _started(redis_url, client, static_root, tmp_path)


def _started(redis_url, client, static_root, tmp_path):
    """Run the script on two free ports with a cache key prefix of its own; yield once it
    says ready, then stop it and remove its keys."""
    prefix = f"two-instances-{secrets.token_hex(4)}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CACHE_URL": f"{redis_url}?key_prefix={prefix}",
        "STATIC_ROOT": str(static_root),
        "ENV_FILE": os.devnull,
        "LOG_LEVEL": "WARNING",
    }
    # Production's static storage and a key of the script's own making, not the suite's.
    for name in ("STATICFILES_BACKEND", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    ports = [_free_port(), _free_port()]
    log_path = tmp_path / "two_instances.log"
    with open(log_path, "w") as log:
        script = subprocess.Popen(
            [sys.executable, "scripts/two_instances.py", "--skip-migrate", "--workers", "1",
             "--ports", *map(str, ports)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + READY_SECONDS
        while "ready: " not in log_path.read_text():
            assert script.poll() is None, f"the script stopped:\n{log_path.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"not ready:\n{log_path.read_text()[-3000:]}"
            time.sleep(0.5)
        yield SimpleNamespace(
            a=f"http://127.0.0.1:{ports[0]}", b=f"http://127.0.0.1:{ports[1]}",
            redis=client, prefix=prefix,
        )  # fmt: skip
    finally:
        script.send_signal(signal.SIGTERM)
        try:
            script.wait(timeout=30)
        except subprocess.TimeoutExpired:
            script.kill()
            script.wait()
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def catalogue_heading(page, count):
    expect(page.locator("#results")).to_have_text(
        re.compile(rf"^\s*{count} initiatives?\s*$"), timeout=10_000
    )


def test_a_person_moves_between_two_instances(instances, organisation, playwright_instance):
    person = PersonFactory(
        unit=organisation["team"], led=True, given_name="Ada", family_name="Oni"
    )
    # The instances run production's password hashers, not the suite's quick one.
    hasher = PBKDF2PasswordHasher()
    person.password = hasher.encode(PASSWORD, hasher.salt())
    person.save(update_fields=["password"])
    first = InitiativeFactory(title="Aardvark ward walkround")  # first by title: on page 1
    second = InitiativeFactory(title="Abacus for rota planners")
    published = Initiative.objects.filter(status=Initiative.Status.PUBLISHED).count()
    a, b = instances.a, instances.b
    section = f"/journal/{appraisal_year()}/sections/strengths-and-challenges/"

    with _window(playwright_instance, a) as page:
        # Signed in on A; B reads the same session from the shared database.
        sign_in(page, person.email, PASSWORD)
        expect(page).not_to_have_url(re.compile(r"/sign-in/"))
        page.goto(b + "/learning/catalogue/")
        accessible(page)
        catalogue_heading(page, published)
        expect(page.get_by_role("link", name=first.title)).to_be_visible()
        assert list(instances.redis.scan_iter(f"{instances.prefix}:*")), "nothing in Redis"
        page.goto(a + "/learning/catalogue/")
        accessible(page)
        catalogue_heading(page, published)

        # A journal answer saved on A is read on B.
        page.goto(a + "/journal/")
        accessible(page)
        page.get_by_role("button", name=re.compile("Start your journal")).click()
        accessible(page)
        page.goto(a + section)
        accessible(page)
        page.get_by_label(PROUD).fill("Opening the discharge lounge on time")
        page.get_by_role("button", name="Save and continue").click()
        accessible(page)
        page.goto(b + section)
        accessible(page)
        expect(page.get_by_label(PROUD)).to_have_value("Opening the discharge lounge on time")

        # LED rename one initiative and retire another on B; A's catalogue shows both.
        page.goto(f"{b}/learning/curate/{first.pk}/edit/")
        accessible(page)
        page.get_by_label("Title").fill("Aardvark ward walkround at night")
        page.get_by_role("button", name="Save changes").click()
        accessible(page)
        page.goto(f"{b}/learning/curate/{second.pk}/")
        accessible(page)
        page.get_by_role("button", name="Retire").click()
        accessible(page)
        expect(page.get_by_role("main")).to_contain_text("Retired.")
        page.goto(a + "/learning/catalogue/")
        accessible(page)
        catalogue_heading(page, published - 1)
        expect(page.get_by_role("link", name="Aardvark ward walkround at night")).to_be_visible()
        expect(page.get_by_role("link", name=second.title)).to_have_count(0)

        # Signed out on B is signed out on A.
        page.goto(b + "/")
        accessible(page)
        page.get_by_role("button", name="Sign out").click()
        accessible(page)
        page.goto(a + "/learning/catalogue/")
        accessible(page)
        expect(page).to_have_url(re.compile(r"/sign-in/"))


def _window(playwright, base):
    """A checked Chromium window (tests/browser/conftest.py) whose relative URLs go to
    `base`."""
    return checked_window(playwright, SimpleNamespace(url=base), prefix="trellis-two-")
