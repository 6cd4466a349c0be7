"""Fault check (`make faults`): PostgreSQL stopped for 10 s under a bounded load.

On loopback only, with nothing shared: a private PostgreSQL cluster (initdb in a
temporary directory, its own port and socket), Trellis under gunicorn with production
settings (DEBUG off), a few signed-in people autosaving their journal with unique text
and reading pages. PostgreSQL is then stopped without warning (`pg_ctl stop -m
immediate`, as a crash or a lost database host), left down for FAULTS_OUTAGE seconds,
started again, and the load goes on. The app is never restarted.

Reported: answers by status before, during and after the outage; every save answered
2xx found in the database afterwards (each save adds a unique word); how long after the
database was back the first page and the first save answered. Exits 1 on any 500, any
acknowledged save missing, or no recovery.

Settings (environment): FAULTS_APP_PORT (8141), FAULTS_DB_PORT (8142), FAULTS_PEOPLE
(4, one load thread each), FAULTS_OUTAGE (10 s), FAULTS_BEFORE (5 s), FAULTS_AFTER (15 s).
"""

import glob
import http.client
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
APP_PORT = int(os.environ.get("FAULTS_APP_PORT", 8141))
DB_PORT = int(os.environ.get("FAULTS_DB_PORT", 8142))
PEOPLE = int(os.environ.get("FAULTS_PEOPLE", 4))
OUTAGE = float(os.environ.get("FAULTS_OUTAGE", 10))
BEFORE = float(os.environ.get("FAULTS_BEFORE", 5))
AFTER = float(os.environ.get("FAULTS_AFTER", 15))
PAUSE = 0.05  # between one person's requests: a bounded load, not a flood
SECTION = "strengths-and-challenges"


def pg_tool(name):
    """The newest installed PostgreSQL server tool (Debian keeps them off PATH)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version)
    path = found[-1] if found else shutil.which(name)
    if not path:
        sys.exit(f"faults: {name} not found; install the PostgreSQL server package")
    return path


def _version(path):
    return int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0


def as_owner(command):
    """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Cluster:
    """A PostgreSQL cluster of our own, so stopping it disturbs nobody else."""

    def __init__(self, base):
        self.data, self.base = base / "pg", base
        self.log = base / "postgres.log"
        if os.geteuid() == 0:
            shutil.chown(base, "postgres", "postgres")

    def init(self):
        subprocess.run(
            as_owner([pg_tool("initdb"), "-D", self.data, "-U", "postgres", "--auth=trust"]),
            check=True,
            capture_output=True,
        )

    def start(self):
        options = f"-p {DB_PORT} -k {self.base} -c listen_addresses=127.0.0.1"
        subprocess.run(
            as_owner(
                [pg_tool("pg_ctl"), "-D", self.data, "-o", options, "-l", self.log, "-w", "start"]
            ),
            check=True,
            capture_output=True,
        )

    def stop(self, mode="immediate"):
        subprocess.run(
            as_owner([pg_tool("pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop"]),
            check=False,
            capture_output=True,
        )

    def query(self, sql):
        out = subprocess.run(
            [pg_tool("psql"), "-h", "127.0.0.1", "-p", str(DB_PORT), "-U", "postgres",
             "-d", "trellis", "-At", "-c", sql],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return out.stdout.splitlines()


def app_env(password):
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{DB_PORT}/trellis",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LOG_LEVEL": "WARNING",
        "FAULTS_PASSWORD": password,
        "PYTHONPATH": str(ROOT),
    }


def seed():
    """(Run inside the app's environment.) One team, FAULTS_PEOPLE people, each with
    this year's journal; prints the journal year."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from careers.journal import services
    from people.models import OrganisationUnit, Person

    team = OrganisationUnit.add_root(name="Fault check team", kind="team")
    year = services.appraisal_year()
    for n in range(PEOPLE):
        person = Person.objects.create_user(
            f"faults{n}@trellis.example",
            os.environ["FAULTS_PASSWORD"],
            given_name="Fault",
            family_name=f"Check {n}",
            unit=team,
        )
        services.start_journal(person=person, year=year)
    print(year)


class _Form(HTMLParser):
    """The fields a page's form posts: hidden inputs and text boxes."""

    def __init__(self):
        super().__init__()
        self.fields, self.boxes, self._box = {}, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") in ("hidden", "text"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        if tag == "textarea":
            self._box = attrs["name"]
            self.boxes.append(self._box)
            self.fields[self._box] = ""

    def handle_data(self, data):
        if self._box:
            self.fields[self._box] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._box = None


def form_of(html):
    form = _Form()
    form.feed(html)
    for box in form.boxes:  # HTML drops a textarea's first newline
        form.fields[box] = form.fields[box].removeprefix("\n")
    return form


class Browser:
    """One person's browser: cookies kept by hand (they are Secure; this is http)."""

    def __init__(self, log):
        self.cookies, self.log = {}, log

    def request(self, kind, method, path, fields=None, headers=None):
        body = urllib.parse.urlencode(fields) if fields is not None else None
        sent = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"http://127.0.0.1:{APP_PORT}"
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=30)
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            html = response.read().decode()
            status, answer = response.status, response
            connection.close()
        except OSError as error:
            self.log.append((started, kind, 0, time.monotonic() - started, type(error).__name__))
            return 0, None, ""
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        note = answer.getheader("Retry-After") or ""
        self.log.append((started, kind, status, time.monotonic() - started, note))
        return status, answer, html

    def sign_in(self, email, password):
        status, _, html = self.request("page", "GET", "/sign-in/")
        fields = {**form_of(html).fields, "username": email, "password": password}
        status, answer, _ = self.request("sign-in", "POST", "/sign-in/", fields)
        if status != 302:
            raise RuntimeError(f"sign-in for {email} answered {status}")


def person_load(n, password, year, stop, log, acknowledged, ready):
    """Sign in, then until `stop`: read pages, and autosave, each time adding a unique
    word to one box; a save not answered 2xx is sent again (same text), as the page
    does. Every word in `acknowledged` must be in the database at the end."""
    browser = Browser(log)
    try:
        browser.sign_in(f"faults{n}@trellis.example", password)
    finally:
        ready.wait()  # the clock starts once everyone is signed in
    section = f"/journal/{year}/sections/{SECTION}/"
    form, pending, count = None, None, 0
    while not stop.is_set():
        browser.request("page", "GET", "/")
        time.sleep(PAUSE)
        if form is None:
            status, _, html = browser.request("page", "GET", section)
            if status != 200:
                time.sleep(PAUSE)
                continue
            form = form_of(html)
        box = form.boxes[count % len(form.boxes)] if pending is None else pending[0]
        if pending is None:  # each save adds a unique word, so every one can be checked
            count += 1
            word = f"check{n}x{count}x{secrets.token_hex(3)}"
            pending = (box, word, f"{form.fields[box]} {word}".strip())
        fields = {**form.fields, pending[0]: pending[2]}
        status, answer, html = browser.request(
            "save", "POST", section + "autosave/", fields,
            {"HX-Request": "true", "X-CSRFToken": browser.cookies.get("csrftoken", "")},
        )  # fmt: skip
        if 200 <= status < 300 and answer.getheader("Trellis-All-Saved") == "true":
            acknowledged.append(pending[1])
            form.fields[pending[0]] = pending[2]
            form.fields.update(form_of(html).fields)  # the new versions
            pending = None
        time.sleep(PAUSE)


def wait_for(url_path, deadline):
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=2)
            connection.request("GET", url_path)
            if connection.getresponse().status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def report(log, acknowledged, stored, times):
    stopped, restarted = times["stopped"], times["restarted"]

    def phase(t):
        return "before" if t < stopped else "outage" if t < restarted else "after"

    counts = Counter((phase(t), kind, status) for t, kind, status, _, _ in log)
    print(f"\nPostgreSQL stopped (-m immediate) for {times['starting'] - stopped:.1f} s, then "
          f"{restarted - times['starting']:.1f} s of crash recovery: "
          f"down {restarted - stopped:.1f} s in all.")  # fmt: skip
    print(f"{'phase':8} {'request':8} {'status':>6} {'count':>6}")
    for (ph, kind, status), count in sorted(counts.items()):
        print(f"{ph:8} {kind:8} {status or 'none':>6} {count:>6}")
    outage = [e for e in log if phase(e[0]) == "outage"]
    with_retry = sum(1 for e in outage if e[2] == 503 and e[4])
    slowest = max((e[3] for e in outage), default=0)
    print(f"During the outage: {with_retry} answers 503 with Retry-After; slowest {slowest:.2f} s")
    firsts = {}
    for t, kind, status, took, _ in sorted(log):
        if t >= restarted and 200 <= status < 400 and kind not in firsts:
            firsts[kind] = t + took - restarted
    for kind, seconds in sorted(firsts.items()):
        print(f"First {kind} answered after the database was back: {seconds:.2f} s")
    lost = [word for word in acknowledged if word not in stored]
    print(f"Saves acknowledged: {len(acknowledged)}; missing from the database: {len(lost)}")
    errors = sum(count for (_, _, status), count in counts.items() if status == 500)
    print(f"500 answers: {errors}")
    failed = errors or lost or "save" not in firsts or "page" not in firsts
    print("Fault check FAILED" if failed else "Fault check passed")
    return 1 if failed else 0


def main():
    base = Path(tempfile.mkdtemp(prefix="trellis-faults-"))
    cluster, app, password = Cluster(base), None, secrets.token_urlsafe(16)
    env = app_env(password)
    try:
        print(f"PostgreSQL cluster of its own in {base}, port {DB_PORT}")
        cluster.init()
        cluster.start()
        subprocess.run([pg_tool("createdb"), "-h", "127.0.0.1", "-p", str(DB_PORT),
                        "-U", "postgres", "trellis"], check=True)  # fmt: skip
        run = {"cwd": ROOT, "env": env, "check": True}
        subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], **run)
        year = subprocess.run(
            [PYTHON, __file__, "--seed"], capture_output=True, text=True, **run
        ).stdout.split()[-1]
        app_log = open(base / "trellis.log", "w")  # noqa: SIM115 - open while it runs
        app = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "config.wsgi:application", "--bind",
             f"127.0.0.1:{APP_PORT}", "--workers", "2", "--threads", "4", "--timeout", "30"],
            cwd=ROOT, env=env, stdout=app_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        if not wait_for("/health/", time.monotonic() + 30):
            sys.exit("faults: Trellis did not start")
        print(f"Trellis under gunicorn on 127.0.0.1:{APP_PORT}; {PEOPLE} people saving")

        stop, log, acknowledged = threading.Event(), [], []
        ready = threading.Barrier(PEOPLE + 1)
        threads = [
            threading.Thread(
                target=person_load, args=(n, password, year, stop, log, acknowledged, ready)
            )
            for n in range(PEOPLE)
        ]
        for thread in threads:
            thread.start()
        ready.wait()
        time.sleep(BEFORE)
        times = {"stopped": time.monotonic()}
        cluster.stop("immediate")
        print(f"PostgreSQL stopped; starting it again in {OUTAGE:.0f} s")
        time.sleep(OUTAGE)
        times["starting"] = time.monotonic()
        cluster.start()  # -w: returns once it accepts connections, after crash recovery
        times["restarted"] = time.monotonic()
        print(f"PostgreSQL accepting connections again after "
              f"{times['restarted'] - times['stopped']:.1f} s")  # fmt: skip
        time.sleep(AFTER)
        stop.set()
        for thread in threads:
            thread.join(60)
        if app.poll() is not None:
            print("faults: gunicorn exited during the check")
            return 1
        stored = " ".join(cluster.query("SELECT text FROM careers_answer")).split()
        stored = set(stored)
        app_log.flush()
        logged = (base / "trellis.log").read_text()
        print(
            f"Trellis logged {logged.count('Database unavailable: 503')} lines "
            "'Database unavailable: 503 for …'"
        )
        return report(log, acknowledged, stored, times)
    finally:
        if app is not None:
            app.terminate()
            app.wait(15)
        cluster.stop("fast")
        if not os.environ.get("FAULTS_KEEP"):
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--seed"]:
        seed()
    else:
        sys.exit(main())
