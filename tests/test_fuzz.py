"""No odd input gives a server error (docs/adr/0019-request-fuzzer.md).

Every page, form and GET parameter Trellis has (found from the URL resolver through the
access matrix, tests/fuzz/targets.py) is sent hostile values (tests/fuzz/values.py):
very long text, NUL bytes, lone surrogates, "²", huge and negative numbers, impossible
dates, missing, repeated and list-valued fields, other people's ids. Every answer must
be below 500: a person who sends odd input gets a clear error or a "not found", never
the "something went wrong" page.

Each request runs in a transaction that is rolled back, so one request's changes never
meet the next and nothing is queued for the background worker (nor a form's one-time
token claimed). `make test` sends, per target, one request with every field odd and
FUZZ_EXAMPLES (default 1) drawn by hypothesis; `make fuzz` (FUZZ_SWEEP=1,
FUZZ_PROFILE=fuzz) sends every odd value in every field one at a time and many more
drawn ones, and prints how many requests it sent and how many server errors it met.
FUZZ_SHARD=k/n runs the k-th of n parts, to spread a long run over several processes
(each with its own database).
"""

import os
import re
import traceback
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests import test_access_matrix
from tests.fuzz import targets as found
from tests.fuzz.values import ODD, encode, mutated, path_values
from tests.test_access_matrix import build_path

pytestmark = pytest.mark.django_db

world = test_access_matrix.world  # the access matrix's cast, units and records

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1"))
SWEEP = bool(os.environ.get("FUZZ_SWEEP"))
SHARD, SHARDS = (int(n) for n in os.environ.get("FUZZ_SHARD", "1/1").split("/"))
# Numbers a URL's [0-9]+ matches that no 64-bit column holds.
TOO_BIG = ["9223372036854775808", "9" * 30, "9" * 5000]
COMMON = {
    "max_examples": EXAMPLES,
    "database": None,  # no example database under .hypothesis/
    "deadline": None,
    "phases": [Phase.explicit, Phase.generate],  # every answer is recorded: nothing to shrink
    "suppress_health_check": list(HealthCheck),
}
# `make test`: the same requests every time. `make fuzz` (FUZZ_PROFILE=fuzz): new ones.
settings.register_profile("ci", derandomize=True, **COMMON)
settings.register_profile("fuzz", derandomize=False, **COMMON)
FUZZ = settings.get_profile(os.environ.get("FUZZ_PROFILE", "ci"))
FORM = "application/x-www-form-urlencoded"


class Tally:
    """How many requests were sent, and each server error met (one line per cause)."""

    def __init__(self):
        self.requests, self.errors, self.causes = 0, 0, Counter()
        self.examples = {}

    def send(self, client, target, method, path, pairs=(), htmx=False):
        headers = {"HX-Request": "true"} if htmx else {}
        self.requests += 1
        with transaction.atomic():
            if method == "get":
                query = encode(pairs)
                response = client.get(path + ("?" + query if query else ""), headers=headers)
            else:
                body = encode(pairs).encode("ascii")
                response = client.post(path, body, content_type=FORM, headers=headers)
            transaction.set_rollback(True)
        if response.status_code >= 500:
            self.errors += 1
            cause = self.cause(response)
            self.causes[cause] += 1
            self.examples.setdefault(cause, f"{target}: {method.upper()} {path} {pairs!r}"[:600])
        return response

    @staticmethod
    def cause(response):
        """The exception and the last line of Trellis's own code it passed through."""
        if not getattr(response, "exc_info", None):
            return f"status {response.status_code}"
        _, exc, tb = response.exc_info
        ours = [
            f"{frame.filename.rsplit('/', 2)[-2]}/{frame.name}:{frame.lineno}"
            for frame in traceback.extract_tb(tb)
            if "site-packages" not in frame.filename and "/tests/" not in frame.filename
        ]
        return f"{type(exc).__name__} at {ours[-1] if ours else 'Django'}"

    def report(self):
        lines = [f"fuzz: {self.requests} requests, {self.errors} server errors"]
        for cause, count in self.causes.most_common():
            lines.append(f"  {count} x {cause}\n      e.g. {self.examples[cause]}")
        return "\n".join(lines)


def odd_bodies(baseline, turn):
    """Explicit examples: with FUZZ_SWEEP every odd value in each field in turn (the
    others as a browser sends them); else one body with every field odd, a different
    odd value in each field and on each target."""
    names = list(baseline)
    if SWEEP:
        for name in names:
            for value in ODD:
                yield [(n, value) if n == name else (n, v) for n in names for v in baseline[n]]
    elif names:
        yield [(name, ODD[(turn + i) % len(ODD)]) for i, name in enumerate(names)]


def fuzz(tally, client, target, ids, examples, turn):
    found.login(client, target.world, target.role)

    def one(pairs, htmx):
        tally.send(client, target, target.method, target.path, pairs, htmx or target.htmx)

    one = given(mutated(target.baseline, ids), st.booleans())(one)
    for pairs in odd_bodies(target.baseline, turn):
        one = example(pairs, False)(one)
    settings(FUZZ, max_examples=examples)(one)()


def fuzz_numbers(tally, client, world, route, role, row, ids, examples, turn):
    """Each number in the URL swapped for an odd one ([0-9]+ matches them all)."""
    names = re.findall(r"<num:(\w+)>", route)
    found.login(client, world, role)

    def one(name, value):
        path = build_path(route, {**row.kwargs(world), name: value})
        tally.send(client, route, row.method, path, list(row.data(world).items()))

    one = given(st.sampled_from(names), path_values(ids))(one)
    for i, name in enumerate(names):
        for value in TOO_BIG if SWEEP else [TOO_BIG[(turn + i) % len(TOO_BIG)]]:
            one = example(name, value)(one)
    settings(FUZZ, max_examples=examples)(one)()


def test_no_odd_input_gives_a_server_error(client, world, capsys):
    client.raise_request_exception = False
    tally = Tally()
    ids = found.ids(world)
    targets = found.find(client, world)
    assert len(targets) > 50, "the walk found too few pages and forms"
    for turn, target in enumerate(targets):
        if turn % SHARDS == SHARD - 1:
            target.world = world
            examples = min(EXAMPLES, 2) if target.slow else EXAMPLES
            fuzz(tally, client, target, ids, examples, turn)
    for turn, (route, role, row) in enumerate(found.numbered(world)):
        if turn % SHARDS == SHARD - 1:
            fuzz_numbers(tally, client, world, route, role, row, ids, EXAMPLES, turn)
    with capsys.disabled():
        print("\n" + tally.report())
    assert tally.errors == 0, tally.report()
