"""Timing pages beside the floor, interleaved so that drift hits both alike.

This machine's speed wanders by a third from minute to minute, so each page
is timed in turns with the two floors (the bare page fetched anonymously and
signed in) and its median is divided by theirs, taken in the same minute.
"""

import os
import statistics
import time

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
FLOOR_URL = "/bench/floor/"


def _timed(client, url, cold=False):
    if cold:
        cache.clear()
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def measure(client, url, anonymous, signed_in, cold=False):
    """(median ms, ratio to the anonymous floor, ratio to the signed-in floor,
    queries) for `url`; `cold` empties the cache before each request."""
    for warm in (client, anonymous, signed_in):
        warm.get(url if warm is client else FLOOR_URL)
    page, bare, bare_signed_in = [], [], []
    for _ in range(REPEAT):
        bare.append(_timed(anonymous, FLOOR_URL))
        bare_signed_in.append(_timed(signed_in, FLOOR_URL))
        page.append(_timed(client, url, cold))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    ms = statistics.median(page)
    return ms, ms / statistics.median(bare), ms / statistics.median(bare_signed_in), len(queries)


def report(title, pages, anonymous, signed_in):
    """Print each of `pages`, (name, client, url, cold), beside the floors: the
    bare page for the `anonymous` client and for the `signed_in` one."""
    print(f"\n{title}, median of {REPEAT}, ratios to the floors timed alongside:")
    print(f"  {'page':<30} {'time':>9}  {'x bare':>7}  {'x bare signed in':>16}  queries")
    for name, client, url, cold in pages:
        ms, x_bare, x_signed_in, queries = measure(client, url, anonymous, signed_in, cold)
        print(f"  {name:<30} {ms:6.2f} ms  {x_bare:6.2f}x  {x_signed_in:15.2f}x  {queries:7d}")
