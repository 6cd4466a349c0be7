"""The dashboard's figures, counted once and kept in Django's cache.

The key holds the cycle's figures stamp (stamp.py: renewed by every change the figures
count), the unit chosen, the reader's scope (all for an administrator, else the paths
of their HR units) and today's date (overdue depends on it). So a cached figure is
never shown after a change, in any process, whatever the cache backend; the first
request after a change counts again. docs/adr/0034."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from people.access import hr_scope_paths, is_administrator

from . import growth, services, stamp

PREFIX = "appraisals:reports"
SECONDS = 60 * 60


@dataclass
class CycleFigures:
    board: services.Dashboard
    pay: list
    earlier: list
    grid: growth.Grid
    mix: growth.Mix


def _scope(user):
    if is_administrator(user):
        return "all"
    return hashlib.sha256(",".join(hr_scope_paths(user)).encode()).hexdigest()[:32]


def cache_key(*, user, cycle, unit=None, today=None):
    """The key of `unit`'s figures for `user` today (the module's docstring says why)."""
    today = today or timezone.localdate()
    chosen = unit.pk if unit is not None else "all"
    return (f"{PREFIX}:{cycle.pk}:{stamp.token(cycle)}:{chosen}:{_scope(user)}:"
            f"{today.isoformat()}")  # fmt: skip


def figures(*, user, cycle, unit=None, today=None, key=None):
    """Every table of the dashboard for `unit` (already checked by the view), from the
    cache when the stamp, scope and date match, else counted and cached. Two small
    queries on a warm cache (the stamp and the HR scope). `key`: its `cache_key()`, when the
    caller has it already (the dashboard keys its drawn sections by it too)."""
    today = today or timezone.localdate()
    key = key or cache_key(user=user, cycle=cycle, unit=unit, today=today)
    found = cache.get(key)
    if found is None:
        board = services.dashboard(user=user, cycle=cycle, unit=unit, today=today)
        found = CycleFigures(
            board=board,
            pay=services.pay_progression(user=user, cycle=cycle, unit=unit),
            earlier=services.earlier_cycles(user=user, cycle=cycle, unit=unit, today=today),
            grid=growth.placements(user=user, cycle=cycle, unit=unit, counted=board.total.total),
            mix=growth.development_mix(user=user, cycle=cycle, unit=unit),
        )
        cache.set(key, found, SECONDS)
    return found


@dataclass
class Heading:
    """What the dashboard shows outside its cached sections: the units above the chosen
    one (dicts of pk and name, top first) and the number overdue."""

    trail: list
    overdue: int


def heading(key, found):
    """The heading kept beside the figures under `key`; `found` (the figures, read
    lazily) is read only when the heading is not cached."""
    head = cache.get(f"{key}:heading")
    if head is None:
        board = found.board
        head = Heading([{"pk": u.pk, "name": u.name} for u in board.trail], board.total.overdue)
        cache.set(f"{key}:heading", head, SECONDS)
    return head
