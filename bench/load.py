"""A bounded load run: Trellis under gunicorn, wrk replaying signed-in requests, each page
beside the bare page, then a mix of people at once.

    python bench/load.py

On loopback only. A PostgreSQL database of its own (LOAD_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/trellis_load; dropped and made again) holds the
benchmarks' organisation (bench/data.py: the generated one of LOAD_PEOPLE people, 2000,
and a manager of 40 reports), its planner statistics gathered (ANALYZE). gunicorn
serves it with production settings (DEBUG off; bench.settings, which adds the bare page
/bench/floor/) and LOAD_WORKERS processes (2).
wrk then requests each page for LOAD_SECONDS (20) over LOAD_CONNECTIONS connections (4)
with the manager's session and CSRF cookies, in LOAD_ROUNDS (4) turns of LOAD_SECONDS /
LOAD_ROUNDS each, the bare page timed as long before the first turn and after every
turn: each turn is compared with the mean of the bare page's timings either side of it,
so a drift of the machine's speed falls on both, and the page's ratio is the median of
its turns' ratios, the lowest and highest printed as its spread. The pages: home, a
journal section, My team, the catalogue, and the accessibility statement (Trellis's
layout around fixed text, to tell what the layout costs from what each page's own
content costs). Each page is first checked to answer 200 to that cookie, so a page that
sends the person to sign in is never counted.

Then the mix (bench/load_mix.lua): one wrk connection each for a member of staff
autosaving their journal (three autosaves, each with new text, to one read of the
section and one of their home page), the manager (home, My team, a report's development
plan and career record), LED (the catalogue, searched and not, and the curation list)
and HR (the directorate's page, the appraisal cycles, a cycle), each going round their
own requests, in turns with the bare page as a page is (each turn starting from the
answer's version the section page then shows, read after the bare page's timing). An
autosave counts as failed unless it answers that everything was saved.

Printed: for each page and the mix, its requests a second, the bare page's in its turns,
the ratio and its spread, the requests that failed (wrk's socket errors and answers
other than 2xx or 3xx, the bare page's in its timings included), and the processor time
a request cost the web workers and PostgreSQL in ms (bench/cpu.py); the bare page's
processor time over all its timings; then each kind of the mix's requests and failures.
Needs wrk (apt-get install wrk). Exits 1 if any request failed.
"""

import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench/ is first on the path, not ROOT

from bench import cpu  # noqa: E402

DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/trellis_load"
)
PEOPLE = int(os.environ.get("LOAD_PEOPLE", 2000))
WORKERS = int(os.environ.get("LOAD_WORKERS", 2))
SECONDS = int(os.environ.get("LOAD_SECONDS", 20))
ROUNDS = int(os.environ.get("LOAD_ROUNDS", 4))
if ROUNDS < 1:
    sys.exit("load: LOAD_ROUNDS must be 1 or more")
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
    """Migrate, build the organisation, start the manager's journal, gather the planner's
    statistics; out: the manager's Cookie header (the session and the CSRF cookie, as a
    browser sends both after its first page), the pages as (name, path) and the mix's
    people."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.data import analyze, build_organisation, build_team_activity
    from careers.journal import services

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    manager, hr, directorate = build_organisation(PEOPLE)
    build_team_activity(manager)
    year = services.appraisal_year()
    services.start_journal(person=manager, year=year)
    analyze()  # the planner's statistics, as autovacuum would soon gather them
    print(f"{PEOPLE:,} people built in {time.monotonic() - started:.0f} s", flush=True)
    client = Client()
    client.force_login(manager)
    # The CSRF cookie a browser keeps after its first page: without it every page that
    # draws a form (the header's sign-out) would make a new secret and set the cookie.
    client.get("/")
    cookie = "; ".join(
        f"{name}={client.cookies[name].value}" for name in ("sessionid", "csrftoken")
    )
    pages = [
        ("bare page", "/bench/floor/"),
        ("home", "/"),
        ("journal section", f"/journal/{year}/sections/strengths-and-challenges/"),
        ("My team", "/team/"),
        ("catalogue", "/learning/catalogue/"),
        # Trellis's layout (header, menu, footer) around fixed text: what every page
        # costs before its own content.
        ("layout only", "/accessibility/"),
    ]
    return cookie, pages, mix_people(manager, hr, directorate, year)


class FormFields(HTMLParser):
    """The values a browser would send for the page's section form (`values`, by name):
    text boxes, hidden and text inputs, checked radios and checkboxes, chosen options."""

    def __init__(self):
        super().__init__()
        self.values, self._text, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "textarea" and name:
            self._text, self.values[name] = name, ""
        elif tag == "input" and name and name != "csrfmiddlewaretoken":
            if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea" and self._text:
            # A browser drops the one line break that follows <textarea>.
            self.values[self._text] = self.values[self._text].removeprefix("\n")
            self._text = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._text:
            self.values[self._text] += data


def _signed_in(person, first_path):
    """A test client signed in as `person` that has read `first_path` (which sets its
    CSRF cookie); out: (client, its Cookie header, its CSRF token)."""
    from django.test import Client

    client = Client()
    client.force_login(person)
    client.get(first_path)
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    return client, cookie, client.cookies["csrftoken"].value


def mix_people(manager, hr, directorate, year):
    """The mix's people and the requests each goes round (bench/load_mix.lua)."""
    from appraisals.models import AppraisalCycle
    from careers.journal import services
    from people.models import Person
    from people.roles import LED_GROUP

    reports = list(Person.objects.filter(line_manager=manager).order_by("pk")[:2])
    staff = reports[0]
    journal = services.start_journal(person=staff, year=year)
    state = journal.section_states.filter(shared_at__isnull=True).order_by("pk").first()
    section = f"/journal/{year}/sections/{state.section.key}/"
    client, cookie, csrf = _signed_in(staff, section)
    # The first answer written in a text box, the version the page shows of it, and the
    # rest of the form as the page holds it: autosave sends the whole form.
    page = client.get(section).content.decode()
    question = int(re.search(r'<textarea[^>]* name="q(\d+)"', page).group(1))
    fields = FormFields()
    fields.feed(page)
    version = int(fields.values[f"v{question}"])
    rest = urllib.parse.urlencode(
        [(k, v) for k, v in fields.values.items() if k not in (f"q{question}", f"v{question}")]
    )
    people = [{
        "name": "staff", "cookie": cookie, "csrf": csrf, "requests": [
            {"kind": "journal autosave", "method": "POST", "path": f"{section}autosave/",
             "question": question, "version": version, "rest": rest},
            {"kind": "journal section", "method": "GET", "path": section},
            {"kind": "journal autosave", "method": "POST", "path": f"{section}autosave/",
             "question": question, "version": version, "rest": rest},
            {"kind": "home", "method": "GET", "path": "/"},
            {"kind": "journal autosave", "method": "POST", "path": f"{section}autosave/",
             "question": question, "version": version, "rest": rest},
        ],
    }]  # fmt: skip
    report = reports[1].pk
    _, cookie, csrf = _signed_in(manager, "/")
    people.append({"name": "manager", "cookie": cookie, "csrf": csrf, "requests": [
        {"kind": "home", "method": "GET", "path": "/"},
        {"kind": "My team", "method": "GET", "path": "/team/"},
        {"kind": "development plan", "method": "GET", "path": f"/career/{report}/plan/"},
        {"kind": "career record", "method": "GET", "path": f"/career/{report}/"},
    ]})  # fmt: skip
    led = Person.objects.filter(groups__name=LED_GROUP, is_active=True).order_by("pk").first()
    _, cookie, csrf = _signed_in(led, "/")
    people.append({"name": "LED", "cookie": cookie, "csrf": csrf, "requests": [
        {"kind": "catalogue search", "method": "GET", "path": "/learning/catalogue/?q=leadership"},
        {"kind": "catalogue", "method": "GET", "path": "/learning/catalogue/"},
        {"kind": "catalogue search", "method": "GET", "path": "/learning/catalogue/?q=coaching"},
        {"kind": "curation list", "method": "GET", "path": "/learning/curate/"},
    ]})  # fmt: skip
    cycle = AppraisalCycle.objects.order_by("-year").first()
    _, cookie, csrf = _signed_in(hr, "/")
    hr_pages = [
        {"kind": "directorate", "method": "GET", "path": f"/organisation/{directorate.pk}/"},
        {"kind": "appraisal cycles", "method": "GET", "path": "/appraisals/cycles/"},
    ]
    if cycle:
        hr_pages.append(
            {"kind": "appraisal cycle", "method": "GET", "path": f"/appraisals/cycles/{cycle.pk}/"}
        )
    people.append({"name": "HR", "cookie": cookie, "csrf": csrf, "requests": hr_pages})
    return people


def _lua(value):
    """`value` (dict, list, str, int) as a Lua literal."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(_lua(v) for v in value) + "}"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(int(value))


def status(path, cookie):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Host": HOST, "Cookie": cookie}
    )
    try:
        with _direct.open(request, timeout=30) as answer:
            return answer.status, answer.url
    except urllib.error.HTTPError as error:
        return error.code, path


def wrk(path, cookie, seconds, meter):
    """Out: (requests a second, failed requests, (requests served, (web, database)
    processor seconds used: bench/cpu.py)) for `path` over `seconds`."""
    before = meter.now()
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s",
         "-H", f"Host: {HOST}", "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{PORT}{path}"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    used = cpu.since(before, meter.now())
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: ([^\n]+)", out)
    failed += sum(int(n) for n in re.findall(r"\d+", errors.group(1))) if errors else 0
    return rate, failed, (_served(out), used)


def _served(out):
    """The requests wrk reports it completed."""
    return int(re.search(r"(\d+) requests in", out).group(1))


def check_mix(people):
    """Each of the mix's GETs answers 200 to its person, and an autosave saves."""
    for person in people:
        for r in person["requests"]:
            if r["method"] != "GET":
                continue
            code, url = status(r["path"], person["cookie"])
            if code != 200 or not url.endswith(r["path"]):
                sys.exit(f"load: {person['name']}'s {r['kind']} ({r['path']}) answered {code}")


def current_versions(people):
    """Each autosave of the mix given the version its answer has now, as the section
    page shows it: a turn that sent the version an earlier turn started from would be
    refused as a stale edit, as the page refuses one."""
    for person in people:
        for r in person["requests"]:
            if r["method"] != "POST":
                continue
            request = urllib.request.Request(
                f"http://127.0.0.1:{PORT}{r['path'].removesuffix('autosave/')}",
                headers={"Host": HOST, "Cookie": person["cookie"]},
            )
            with _direct.open(request, timeout=30) as answer:
                fields = FormFields()
                fields.feed(answer.read().decode())
            r["version"] = int(fields.values[f"v{r['question']}"])


def wrk_mix(people, seconds, meter):
    """Out: (requests a second, failed requests, (requests served, (web, database)
    processor seconds used), {kind: (served, failed)}) for the mix over `seconds`, one
    connection a person."""
    before = meter.now()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as data:
        data.write("return " + _lua({"host": HOST, "people": people}) + "\n")
    try:
        out = subprocess.run(
            ["wrk", f"-t{len(people)}", f"-c{len(people)}", f"-d{seconds}s", "--timeout", "30s",
             "-s", str(ROOT / "bench" / "load_mix.lua"), f"http://127.0.0.1:{PORT}/"],
            check=True, capture_output=True, text=True,
            env={**os.environ, "TRELLIS_MIX": data.name},
        ).stdout  # fmt: skip
    finally:
        os.unlink(data.name)
    used = cpu.since(before, meter.now())
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lines = re.findall(r"^mix\t([^\t]+)\t(\d+)\t(\d+)$", out, re.M)
    kinds = {kind: (int(n), int(f)) for kind, n, f in lines}
    failed = sum(f for _, f in kinds.values())
    errors = re.search(r"Socket errors: ([^\n]+)", out)
    failed += sum(int(n) for n in re.findall(r"\d+", errors.group(1))) if errors else 0
    return rate, failed, (_served(out), used), kinds


def beside_floor(run, floor):
    """`run(seconds)` in ROUNDS turns of SECONDS / ROUNDS each, the bare page timed by
    `floor(seconds)` (out: requests a second, failed) before the first and after every
    turn, so each turn lies between two timings of the bare page and is compared with
    their mean: a drift of the machine's speed falls on both. Out: (the page's mean
    requests a second, the bare page's, the median of the turns' ratios, the lowest
    and highest ratio, the bare page's failed requests, the page's outs, each
    `run`'s: requests a second first)."""
    seconds = max(1, round(SECONDS / ROUNDS))
    floors, outs = [floor(seconds)], []
    for _ in range(ROUNDS):
        outs.append(run(seconds))
        floors.append(floor(seconds))
    rates = [f[0] for f in floors]
    ratios = [out[0] / ((a + b) / 2) for out, a, b in zip(outs, rates, rates[1:], strict=False)]
    return (statistics.mean(out[0] for out in outs), statistics.mean(rates),
            statistics.median(ratios), min(ratios), max(ratios),
            sum(f[1] for f in floors), outs)  # fmt: skip


def main():
    env = settings_env()
    os.environ.update(env)
    fresh_database()
    cookie, pages, people = prepare()
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
            f"gunicorn, {WORKERS} workers; wrk, {CONNECTIONS} connections; each page in "
            f"{ROUNDS} turns of {max(1, round(SECONDS / ROUNDS))} s, the bare page timed "
            f"before and after each; {PEOPLE:,} people on "
            "PostgreSQL; signed in as a manager of 40"
        )
        print(f"{'page':<18}{'requests/s':>12}{'bare page':>11}{'of bare':>9}"
              f"{'spread':>13}{'failed':>8}{'web ms':>8}{'db ms':>7}")  # fmt: skip
        (_, floor_path), failed_in_all = pages[0], 0
        meter, floor_runs = cpu.Meter(server.pid), []

        def floor(seconds):
            out = wrk(floor_path, cookie, seconds, meter)
            floor_runs.append(out[2])
            return out

        def line(name, rate, bare, ratio, low, high, failed, runs):
            spread = f"{low:.2f}-{high:.2f}"
            web, database = (f"{ms:.2f}" if ms else "-" for ms in cpu.per_request(runs))
            print(f"{name:<18}{rate:>12.1f}{bare:>11.1f}{ratio:>9.2f}{spread:>13}{failed:>8}"
                  f"{web:>8}{database:>7}", flush=True)  # fmt: skip

        for name, path in pages[1:]:
            *figures, bare_failed, outs = beside_floor(
                lambda seconds, p=path: wrk(p, cookie, seconds, meter), floor
            )
            failed = bare_failed + sum(out[1] for out in outs)
            failed_in_all += failed
            line(name, *figures, failed, [out[2] for out in outs])
        check_mix(people)

        def mix(seconds):
            current_versions(people)
            return wrk_mix(people, seconds, meter)

        *figures, bare_failed, outs = beside_floor(mix, floor)
        failed = bare_failed + sum(out[1] for out in outs)
        failed_in_all += failed
        line("mix of 4 people", *figures, failed, [out[2] for out in outs])
        web, database = (f"{ms:.2f}" if ms else "-" for ms in cpu.per_request(floor_runs))
        print(f"{'bare page':<18}{'':>53}{web:>8}{database:>7}")
        kinds = {}
        for out in outs:
            for kind, (served, kind_failed) in out[3].items():
                was = kinds.get(kind, (0, 0))
                kinds[kind] = (was[0] + served, was[1] + kind_failed)
        for kind, (served, kind_failed) in sorted(kinds.items()):
            print(f"  {kind:<22}{served:>8} requests{kind_failed:>6} failed")
        return 1 if failed_in_all else 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
