"""nhsuk-frontend's own component fixtures, and how Trellis's form pack measures up to them.

Each fixture (``static/vendor/nhsuk-frontend/fixtures/<component>.json``, copied by
``make vendor`` from the vendored nhsuk-frontend) holds the macro options and the HTML the
reference implementation renders. A translator per component (``<component>.py`` here,
with ``build(fixture) -> str``) builds the equivalent Django form through the pack and
returns its HTML, or raises ``NotApplicable`` naming why a server-rendered Django form
cannot mean that fixture. ``classify()`` then compares the two as Django's
``assertHTMLEqual`` does, first renaming the ids Django derives:

- "identical": equal as parsed HTML;
- "allowed": equal once the differences in ``ALLOWED`` (each with its reason) are removed;
- "not applicable": the translator said why;
- "different": anything else; the test fails.
"""

import importlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.test.html import Element, parse_html

FIXTURES_DIR = (
    Path(__file__).resolve().parents[2] / "static" / "vendor" / "nhsuk-frontend" / "fixtures"
)

# The form components of nhsuk-frontend, in the order the report lists them.
COMPONENTS = (
    "input",
    "textarea",
    "character-count",
    "radios",
    "checkboxes",
    "select",
    "date-input",
    "error-message",
    "error-summary",
    "fieldset",
    "hint",
    "label",
    "button",
)

# Attributes whose values are ids (or lists of ids) and so follow a renamed id.
ID_ATTRIBUTES = ("id", "for", "aria-describedby", "aria-controls", "data-aria-controls", "href")


class NotApplicable(Exception):  # noqa: N818 - a verdict, not an error
    """Raised by a translator: the fixture has no meaning for a server-rendered Django form."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Fixture:
    component: str
    index: int
    name: str
    context: dict
    html: str
    hidden: bool

    @property
    def key(self):
        """A unique, readable test id, e.g. ``radios-07-with-hints``."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")
        return f"{self.component}-{self.index:02d}-{slug}"


@dataclass(frozen=True)
class Allowance:
    """A difference the pack keeps on purpose: ``strip`` removes it from a parsed tree."""

    name: str
    reason: str
    strip: object  # callable(Element) -> None, changes the tree in place


@dataclass
class Verdict:
    fixture: Fixture
    outcome: str  # "identical", "allowed", "not applicable" or "different"
    reasons: list = field(default_factory=list)
    ours: str = ""


def load(component):
    """Every fixture of one component, in file order (names repeat, so each has its index)."""
    data = json.loads((FIXTURES_DIR / f"{component}.json").read_text(encoding="utf-8"))
    return [
        Fixture(
            component=component,
            index=i,
            name=f["name"],
            context=f["context"],
            html=f["html"],
            hidden=bool(f.get("options", {}).get("hidden")),
        )
        for i, f in enumerate(data["fixtures"])
    ]


def all_fixtures():
    return [fixture for component in COMPONENTS for fixture in load(component)]


def translator(component):
    return importlib.import_module(f"tests.nhsuk_fixtures.{component.replace('-', '_')}")


# Comparison ------------------------------------------------------------------------------


def walk(node):
    """Every element under (and including) ``node``, depth first."""
    if isinstance(node, Element):
        yield node
        for child in node.children:
            yield from walk(child)


def _ids(tree):
    return [value for el in walk(tree) for name, value in el.attributes if name == "id" and value]


def rename_ids(ours, theirs):
    """Give the ids in ``ours`` the names of the ids in ``theirs``, matched by position.

    Django derives ids from field names (``id_…``, ``…_0``); NHS.UK's macros take them as
    options. Only ids are renamed (and the attributes that point at them); nothing else.
    """
    mine, reference = _ids(ours), _ids(theirs)
    if len(mine) != len(reference):
        return
    names = dict(zip(mine, reference, strict=True))
    for el in walk(ours):
        renamed = []
        for name, value in el.attributes:
            if name in ID_ATTRIBUTES and value:
                hashed = value.startswith("#")
                value = " ".join(names.get(t, t) for t in value.lstrip("#").split())
                value = f"#{value}" if hashed else value
            renamed.append((name, value))
        el.attributes = sorted(renamed)


def _equal(a, b):
    return a == b


def classify(fixture, ours, allowed=()):
    """Compare our HTML with the fixture's; ``allowed`` is a list of Allowance."""
    theirs_tree = parse_html(fixture.html)
    ours_tree = parse_html(ours)
    rename_ids(ours_tree, theirs_tree)
    if _equal(ours_tree, theirs_tree):
        return Verdict(fixture, "identical", ours=ours)
    used = []
    for allowance in allowed:
        before = (repr(ours_tree), repr(theirs_tree))
        allowance.strip(ours_tree)
        allowance.strip(theirs_tree)
        if (repr(ours_tree), repr(theirs_tree)) != before:
            used.append(allowance)
        if _equal(ours_tree, theirs_tree):
            return Verdict(fixture, "allowed", [a.name for a in used], ours=ours)
    return Verdict(fixture, "different", ours=ours)


def judge(fixture):
    """Build and classify one fixture (a Verdict)."""
    module = translator(fixture.component)
    try:
        ours = module.build(fixture)
    except NotApplicable as verdict:
        return Verdict(fixture, "not applicable", [verdict.reason])
    return classify(fixture, str(ours), getattr(module, "ALLOWED", ()))


def table(verdicts):
    """The report as Markdown: per component, how many are identical, allowed, n/a."""
    outcomes = ("identical", "allowed", "not applicable", "different")
    rows = [
        "| component | fixtures | identical | allowed difference | not applicable | different |"
    ]
    rows.append("|---|---|---|---|---|---|")
    totals = dict.fromkeys(outcomes, 0)
    for component in COMPONENTS:
        mine = [v for v in verdicts if v.fixture.component == component]
        counts = {o: sum(v.outcome == o for v in mine) for o in outcomes}
        for o in outcomes:
            totals[o] += counts[o]
        rows.append(
            f"| {component} | {len(mine)} | " + " | ".join(str(counts[o]) for o in outcomes) + " |"
        )
    rows.append(
        f"| **all** | {len(verdicts)} | " + " | ".join(str(totals[o]) for o in outcomes) + " |"
    )
    return "\n".join(rows)
