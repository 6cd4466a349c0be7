"""The page report: every GET URL of the resolver, timed for the role that uses it.

The URLs, the role reading each and its real ids come from the registry the access
matrix uses (tests/url_registry.py), filled from a generated organisation with that
matrix's world placed in it (bench/data.py's build_world). Each page is timed in turns
with the signed-in floor (bench/timing.py's FLOOR_URL, BENCH_REPEAT turns): median and
95th percentile in ms, the queries of one more request, and the ratio of its median
to the floor's. That is done at each of BENCH_PAGE_SIZES people (default 100,20000);
growth is the ratio at the largest size over the ratio at the smallest. A route not
timed (a POST-only form, no role answered, or not a 200 when fetched) is listed as
missing with the reason. Downloads (files, PDFs) are read to their last byte.

Writes bench/results/pages-<UTC time>.json and .md; `python -m bench --compare A B`
prints the change between two such JSON files (bench/pages_compare.py).
"""

import json
import os
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.timing import FLOOR_URL, REPEAT

SIZES = [int(s) for s in os.environ.get("BENCH_PAGE_SIZES", "100,20000").split(",")]
RESULTS = Path(__file__).resolve().parent / "results"


def _get(client, url):
    """(status, ms, download) of one GET, a streamed body read to the end; download is
    True for a file given to keep (a PDF, CSV, XLSX or ZIP: streamed, or sent with a
    Content-Disposition), False for a page (HTML, or the admin's JSON and scripts)."""
    start = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        for _ in response.streaming_content:
            pass
    elapsed = (time.perf_counter() - start) * 1000
    response.close()
    download = response.streaming or response.has_header("Content-Disposition")
    return response.status_code, elapsed, download


def p95(samples):
    """The 95th percentile (inclusive method) of `samples`, in their units."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def time_page(client, url, floor_client):
    """{"median_ms", "p95_ms", "queries", "ratio"} for `url` fetched by `client`,
    timed in turns with the floor fetched by `floor_client` (signed in); or
    {"status": code} if the page does not answer 200."""
    status, _, download = _get(client, url)  # warm: templates, caches
    if status != 200:
        return {"status": status}
    _get(floor_client, FLOOR_URL)
    page, floor = [], []
    for _ in range(REPEAT):
        floor.append(_get(floor_client, FLOOR_URL)[1])
        page.append(_get(client, url)[1])
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    median = statistics.median(page)
    return {
        "median_ms": round(median, 3),
        "p95_ms": round(p95(page), 3),
        "queries": len(queries),
        "ratio": round(median / statistics.median(floor), 3),
        "download": download,
    }


def clients_for(world):
    """A client for each role, signed in as the world's person (anonymous: not)."""
    from tests.url_registry import USERS

    clients = {}
    for role in USERS:
        clients[role] = Client()
        if role in world:
            clients[role].force_login(world[role])
    return clients


def measure_size(people):
    """Build the world at `people` people and time every page. Returns
    ({route: {"role", "url", "median_ms", ...}}, {route: reason missing})."""
    from bench.data import build_world
    from tests.url_registry import pages

    started = time.perf_counter()
    world = build_world(people)
    print(f"  {people:,} people built in {time.perf_counter() - started:.0f} s", flush=True)
    clients = clients_for(world)
    timed, missing = {}, {}
    for page in pages(world):
        if page.missing:
            missing[page.route] = page.missing
            continue
        result = time_page(clients[page.role], page.url, clients["owner"])
        if "status" in result:
            missing[page.route] = f"{page.url} answered {result['status']} to {page.role}"
            continue
        timed[page.route] = {"role": page.role, "url": page.url, **result}
    return timed, missing


def combine(by_size):
    """The report from {people: (timed, missing)}: every route with its figures at
    each size and its growth; a route missing at any size is missing, with reasons."""
    sizes = sorted(by_size)
    small, large = sizes[0], sizes[-1]
    routes = dict.fromkeys(r for s in sizes for r in [*by_size[s][0], *by_size[s][1]])
    pages, missing = {}, {}
    for route in routes:
        reasons = [f"{s:,}: {by_size[s][1][route]}" for s in sizes if route in by_size[s][1]]
        if reasons:
            missing[route] = "; ".join(reasons)
            continue
        at = {str(s): by_size[s][0][route] for s in sizes}
        pages[route] = {
            "role": at[str(small)]["role"],
            "download": at[str(small)].get("download", False),
            "sizes": {
                s: {k: v for k, v in f.items() if k not in ("role", "download")}
                for s, f in at.items()
            },
            "growth": round(at[str(large)]["ratio"] / at[str(small)]["ratio"], 3),
        }
    return {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "repeat": REPEAT,
        "sizes": sizes,
        "pages": pages,
        "missing": missing,
    }


def table(report):
    """The report as a Markdown table: each page's role, then at each size its median
    and 95th percentile (ms), queries and ratio to the signed-in floor; then growth;
    then the missing routes and why."""
    sizes = [str(s) for s in report["sizes"]]
    head = ["page", "role"]
    for s in sizes:
        at = f"@{int(s):,}"
        head += [f"ms {at}", f"p95 {at}", f"queries {at}", f"x floor {at}"]
    head.append("growth")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for route, page in report["pages"].items():
        cells = [f"/{route}", page["role"]]
        for s in sizes:
            f = page["sizes"][s]
            cells += [f"{f['median_ms']:.1f}", f"{f['p95_ms']:.1f}", str(f["queries"]),
                      f"{f['ratio']:.2f}"]  # fmt: skip
        cells.append(f"{page['growth']:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Missing ({len(report['missing'])}):", ""]
    lines += [f"- /{route}: {why}" for route, why in report["missing"].items()]
    return "\n".join(lines)


# The targets of the page report at the largest size (issue 18; docs/adr/0080).
MEDIAN_BAR = 3.0  # the median page, times the signed-in bare page
PAGE_BAR = 5.0  # every page of Trellis's own
ADMIN_BAR = 10.0  # every page of Django's admin (/admin/)
GROWTH_BAR = 1.3  # every page, its ratio at the largest size over the smallest
DOWNLOAD_MS = 1000.0  # every download (a PDF, CSV, XLSX or ZIP), its median


def _is_download(page):
    # Reports written before "download" marked, for a while, every answer but HTML.
    return page.get("download", page.get("html") is False)


def verdict(report):
    """The report against its targets, as lines of Markdown: the median page's ratio at
    the largest size and whether it is within its bar, then each page that misses its
    bar (ratio or growth; a download's time), and each page or download whose queries
    differ between the smallest and largest sizes; or "none"."""
    small, large = str(report["sizes"][0]), str(report["sizes"][-1])
    pages = {r: p for r, p in report["pages"].items() if not _is_download(p)}
    downloads = {r: p for r, p in report["pages"].items() if _is_download(p)}
    ratios = [p["sizes"][large]["ratio"] for p in pages.values()]
    median = statistics.median(ratios) if ratios else 0.0

    def ratio(page):
        return page["sizes"][large]["ratio"]

    def over(bar, chosen, figure):
        found = [f"/{r} ({figure(p):.2f})" for r, p in chosen.items() if figure(p) > bar]
        return ", ".join(found) or "none"

    def queries(page):
        return [page["sizes"][s]["queries"] for s in (small, large)]

    trellis = {r: p for r, p in pages.items() if not r.startswith("admin/")}
    admin = {r: p for r, p in pages.items() if r.startswith("admin/")}
    differ = [
        f"/{r} ({' to '.join(map(str, queries(p)))})"
        for r, p in report["pages"].items()
        if len(set(queries(p))) > 1
    ]
    within = "within" if median <= MEDIAN_BAR else "over"
    return [
        f"Targets at {int(large):,} people (docs/adr/0080):",
        "",
        f"- median page: {median:.2f}, {within} its bar of {MEDIAN_BAR} ({len(pages)} pages)",
        f"- Trellis pages over {PAGE_BAR}: {over(PAGE_BAR, trellis, ratio)}",
        f"- admin pages over {ADMIN_BAR}: {over(ADMIN_BAR, admin, ratio)}",
        f"- pages growing over {GROWTH_BAR}: " + over(GROWTH_BAR, pages, lambda p: p["growth"]),
        f"- downloads over {DOWNLOAD_MS:.0f} ms: "
        + over(DOWNLOAD_MS, downloads, lambda p: p["sizes"][large]["median_ms"]),
        f"- queries differing between {int(small):,} and {int(large):,} people: "
        + (", ".join(differ) or "none"),
    ]


def write(report):
    """Write the report as bench/results/pages-<UTC time>.json and .md; returns the
    JSON's path."""
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"pages-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n")
    title = (f"Pages on {report['database']}, median of {report['repeat']}, "
             f"at {', '.join(f'{s:,}' for s in report['sizes'])} people")  # fmt: skip
    targets = "\n".join(verdict(report))
    stem.with_suffix(".md").write_text(f"# {title}\n\n{table(report)}\n\n{targets}\n")
    return stem.with_suffix(".json")
