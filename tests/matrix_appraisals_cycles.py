"""Access-matrix rows for the appraisals app's cycles URLs (see tests/matrix.py).

Cycles are HR's (for units in their scope) and administrators': everyone else gets a
404, as if there were no such page. The world's HR scope is the whole organisation,
so it covers the cycles' team; tests/test_appraisal_cycles_views.py checks that HR
scoped elsewhere gets a 404 for the same URLs."""

from datetime import date

from tests.matrix import ANON, Row, signed_in

HR_ONLY = {**signed_in(404), ANON: 302, "hr": 200, "administrator": 200}
HR_ONLY_POST = {**signed_in(404), ANON: 302, "hr": 302, "administrator": 302}


def _draft(world):
    return {"pk": world["draft_cycle"].pk}


def _open(world):
    return {"pk": world["open_cycle"].pk}


ROWS = {
    "appraisals/cycles/": Row(HR_ONLY),
    "appraisals/cycles/new/": Row(HR_ONLY),
    "appraisals/cycles/<num:pk>/": Row(HR_ONLY, _draft),
    "appraisals/cycles/<num:pk>/change/": Row(HR_ONLY, _draft),
    # HR opens it (and is sent to its page); the administrator, next, is told it is open.
    "appraisals/cycles/<num:pk>/open/": Row(HR_ONLY_POST, _draft, method="post"),
    "appraisals/cycles/<num:pk>/joiners/": Row(HR_ONLY_POST, _open, method="post"),
    "appraisals/cycles/<num:pk>/runs/<num:run_pk>/": Row(
        HR_ONLY, lambda w: {"pk": w["open_cycle"].pk, "run_pk": w["cycle_run"].pk}
    ),
}


def world_extras(world):
    """A draft cycle and an open one (with its run) for the owner's team."""
    from appraisals.cycles import services

    def cycle(name, opens, closes):
        return services.save_cycle(
            by=world["administrator"], name=name, year=2026, opens_on=opens,
            closes_on=closes, units=[world["team"]],
        )  # fmt: skip

    draft = cycle("Clinic Admin, autumn", date(2026, 10, 1), date(2026, 12, 31))
    opened = cycle("Clinic Admin, spring", date(2026, 4, 1), date(2026, 6, 30))
    run = services.open_cycle(cycle=opened, by=world["administrator"])
    return {"draft_cycle": draft, "open_cycle": opened, "cycle_run": run}
