"""Hostile values for every field and parameter Trellis reads (hypothesis strategies).

Each is something a person, a browser or a tampered page can send: text a form field
may not expect, numbers `str.isdigit()` accepts and `int()` refuses, impossible dates,
ids of other people's records, missing, repeated and list-valued fields.
"""

from urllib.parse import urlencode

from hypothesis import strategies as st

HUGE = "9" * 5000
ODD = [
    "",
    " ",
    "²",  # isdigit() is true, int() fails
    "٣",  # an Arabic-Indic three: int() reads it, the database column may not
    "１２",  # full-width digits
    HUGE,
    "-" + HUGE,
    "-1",
    "0",
    "00",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "1e309",
    "1.5",
    "nan",
    "inf",
    "0x10",
    " 7 ",
    "0000-00-00",
    "2026-02-30",
    "99999-01-01",
    "31/02/2026",
    "0001-01-01",
    "9999-12-31",
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate
    "x\udfffy",
    "\ufeff",
    "<script>alert(1)</script>",
    "'; DROP TABLE people; --",
    "%",
    "%00",
    "../../etc/passwd",
    "http://evil.example/",
    "//evil.example/",
    "javascript:alert(1)",
    "abc",
    "on",
    "true",
    "None",
    "[]",
]
# Very long text: one repeated character, so generating it costs nothing.
LONG = st.sampled_from(["x", "²", "\x00", "é", "9", " "]).map(lambda c: c * 100_000)
# Query-string and field names the fuzzer tries on every page besides those it finds.
EXTRA_NAMES = [
    "page", "year", "initiative", "status", "next", "seen", "q", "sort", "id", "pk",
    "version", "objective", "action", "person", "format", "category", "level",
]  # fmt: skip


def hostile(ids=()):
    """One hostile value; `ids` (strings) are real ids of other records to tamper with."""
    options = [
        st.sampled_from(ODD),
        st.text(max_size=40),
        st.text(st.characters(codec=None, categories=["Cs", "Cc", "Nd", "No"]), max_size=8),
        st.integers(min_value=-(10**25), max_value=10**25).map(str),
        LONG,
    ]
    if ids:
        options.append(st.sampled_from(sorted(ids)))
    return st.one_of(options)


@st.composite
def mutated(draw, baseline, ids=(), extra_names=EXTRA_NAMES):
    """(name, value) pairs: `baseline` (name -> [values], what a browser would send)
    with each field kept, dropped, replaced, repeated or sent as a list, and perhaps
    a few fields the page never asked for."""
    value = hostile(ids)
    pairs = []
    for name, values in baseline.items():
        how = draw(st.sampled_from(["keep", "keep", "drop", "replace", "repeat", "list"]))
        if how == "keep":
            pairs += [(name, v) for v in values]
        elif how == "replace":
            pairs.append((name, draw(value)))
        elif how == "repeat":
            pairs += [(name, draw(value)), (name, draw(value))]
        elif how == "list":
            pairs.append((name + "[]", draw(value)))
            pairs += [(name, v) for v in values]
    for name in draw(st.lists(st.sampled_from(extra_names), max_size=2)):
        pairs.append((name, draw(value)))
    return pairs


def encode(pairs):
    """A form body or query string as a browser (or anyone) could send it: lone
    surrogates go as the bytes they stand for, which are not valid UTF-8."""
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass")


def path_values(ids=()):
    """What can stand in a URL's number: anything the route's [0-9]+ matches."""
    return st.one_of(
        st.sampled_from(["0", "00", "2147483648", "9223372036854775808", "9" * 30, HUGE]),
        st.integers(min_value=0, max_value=10**25).map(str),
        *([st.sampled_from(sorted(ids))] if ids else []),
    )
