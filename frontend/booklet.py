"""The sections of the appraisal booklet, contributed by each app.

Each app's `AppConfig.ready()` registers the sections it adds (appraisals: values,
objectives, pay progression, sign-off; careers: placement, plan, chosen journal
sections; learning: the year's CPD summary), so the booklet code never names
another app's section. The registry lives here, below every app, because careers
and learning may not import appraisals (tests/test_architecture.py); the booklet
itself (appraisals/booklet/registry.py) reads it. See docs/adr/0028-sealed-booklet.md.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BookletSection:
    """One section of the booklet.

    `order` places it (lowest first; sections never move between booklets);
    `key` names it (an HTML id, and registering the same key again replaces it);
    `title` is its heading and its line in the contents; `template` (a Jinja2 page
    part in an app's jinja2/ directory, frontend/page_parts.py) draws it from
    the dict `context(appraisal)` returns, or it is left out when that is None.
    `context` reads the appraisal's person (`appraisal.person`), its appraisal year
    (`appraisal.cycle.year`) and, for what was signed, `appraisal.career_snapshot`;
    it must run a fixed number of queries, whatever the person's data. `reads`, if
    given, returns the people.sql.Read statements `context` will fetch for the
    appraisal, sent ahead with every other section's in one round trip (docs/adr/0074)."""

    key: str
    title: str
    order: int
    template: str
    context: Callable[[object], dict | None]
    reads: Callable[[object], list] | None = None


_SECTIONS: dict[str, BookletSection] = {}


def register(section):
    """Add `section` to every booklet (or replace the one with its key). Returns it."""
    _SECTIONS[section.key] = section
    return section


def unregister(key):
    """Take the section `key` out of the booklet (tests that add one remove it after)."""
    _SECTIONS.pop(key, None)


def registered():
    """Every registered section, in booklet order."""
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
