"""A bounded load run: Trellis under gunicorn, wrk replaying one signed-in person's
requests to a few pages, each beside the bare page.

    python bench/load.py

On loopback only. A PostgreSQL database of its own (LOAD_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/trellis_load; dropped and made again) holds the
benchmarks' organisation (bench/data.py: the generated one of LOAD_PEOPLE people, 2000,
and a manager of 40 reports). gunicorn serves it with production settings (DEBUG off;
bench.settings, which adds the bare page /bench/floor/) and LOAD_WORKERS processes (2).
wrk then requests each page for LOAD_SECONDS (20) over LOAD_CONNECTIONS connections (4)
with the manager's session cookie. Each page is first checked to answer 200 to that
cookie, so a page that sends the person to sign in is never counted.

Printed: requests a second for each page, its ratio to the bare page measured in the
same run, and the requests that failed (wrk's socket errors and answers other than 2xx
or 3xx). Needs wrk (apt-get install wrk). Exits 1 if any request failed.
"""

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/trellis_load"
)
PEOPLE = int(os.environ.get("LOAD_PEOPLE", 2000))
WORKERS = int(os.environ.get("LOAD_WORKERS", 2))
SECONDS = int(os.environ.get("LOAD_SECONDS", 20))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", 4))
PORT = int(os.environ.get("LOAD_PORT", 8151))
HOST = "localhost"  # in bench.settings' ALLOWED_HOSTS
_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def settings_env():
    """The environment of this process's Django and of gunicorn: one key for both, so
    gunicorn reads the session made here."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": DATABASE_URL,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "DEBUG": "0",
        "ENV_FILE": os.devnull,
        "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT), os.environ.get("PYTHONPATH")] if p),
    }


def fresh_database():
    parsed = urllib.parse.urlsplit(DATABASE_URL)
    name = parsed.path.lstrip("/")
    server = parsed._replace(path="/postgres").geturl()
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", server, "-X", "-q", "-c", sql], check=True)


def prepare():
    """Migrate, build the organisation, start the manager's journal; out: the manager's
    session id and the pages as (name, path)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.data import build_organisation, build_team_activity
    from careers.journal import services

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    manager, _, _ = build_organisation(PEOPLE)
    build_team_activity(manager)
    year = services.appraisal_year()
    services.start_journal(person=manager, year=year)
    print(f"{PEOPLE:,} people built in {time.monotonic() - started:.0f} s", flush=True)
    client = Client()
    client.force_login(manager)
    pages = [
        ("bare page", "/bench/floor/"),
        ("home", "/"),
        ("journal section", f"/journal/{year}/sections/strengths-and-challenges/"),
        ("My team", "/team/"),
        ("catalogue", "/learning/catalogue/"),
    ]
    return client.cookies["sessionid"].value, pages


def status(path, cookie):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Host": HOST, "Cookie": cookie}
    )
    try:
        with _direct.open(request, timeout=30) as answer:
            return answer.status, answer.url
    except urllib.error.HTTPError as error:
        return error.code, path


def wrk(path, cookie):
    """Out: (requests a second, failed requests) for `path` over SECONDS."""
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "30s",
         "-H", f"Host: {HOST}", "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{PORT}{path}"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: ([^\n]+)", out)
    failed += sum(int(n) for n in re.findall(r"\d+", errors.group(1))) if errors else 0
    return rate, failed


def main():
    env = settings_env()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    fresh_database()
    session, pages = prepare()
    cookie = f"sessionid={session}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{PORT}", "--workers", str(WORKERS), "--no-control-socket",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                if status("/health/", "")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        for name, path in pages:
            code, url = status(path, cookie)
            if code != 200 or not url.endswith(path):
                sys.exit(f"load: {name} ({path}) answered {code} at {url}, not 200")
        print(
            f"gunicorn, {WORKERS} workers; wrk, {CONNECTIONS} connections, {SECONDS} s a page; "
            f"{PEOPLE:,} people on PostgreSQL; signed in as a manager of 40"
        )
        print(f"{'page':<18}{'requests/s':>12}{'of bare':>9}{'failed':>8}")
        floor, failed_in_all = None, 0
        for name, path in pages:
            rate, failed = wrk(path, cookie)
            floor = floor or rate
            failed_in_all += failed
            print(f"{name:<18}{rate:>12.1f}{rate / floor:>9.2f}{failed:>8}", flush=True)
        return 1 if failed_in_all else 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
