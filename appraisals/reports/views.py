"""HR's management information for an appraisal cycle: the dashboard for a unit, the
overdue appraisals, completion by appraiser, and every table as CSV or XLSX. Figures in
services.py, tables in presenters.py, access in appraisals/access.py: everyone but HR
(for units in their scope) and administrators gets a 404.

The unit is `?unit=<id>`; without it, every unit in the cycle's scope."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from frontend.exports import csv_response, xlsx_response
from frontend.pagination import KeysFirstPaginator
from frontend.parse import whole_number
from learning import disclosure
from people.navigation import url_for

from .. import access
from . import figures, presenters, services

PER_PAGE = 50
# The tables counted with the dashboard and cached with it (figures.py).
CACHED = {"status", "units", "placements", "mix", "pay", "earlier"}


def _scope(request, pk, token=False):
    """(cycle, unit or None) that the user may read, or a 404 for anything else; with
    `token`, the cycle carries its figures token (stamp.with_token: no query of its own)."""
    if not access.can_read_reports(request.user):
        raise Http404
    cycle = access.visible_cycle(request.user, pk, with_token=token)
    chosen = request.GET.get("unit", "")
    if not chosen:
        return cycle, None
    if whole_number(chosen) is None:
        raise Http404
    return cycle, get_object_or_404(access.units_in_cycle_for(request.user, cycle), pk=chosen)


def dashboard(request, pk):
    """The figures are read lazily: when the page's drawn sections are cached under the
    same key (figures.py), only the small heading above them is read."""
    cycle, unit = _scope(request, pk, token=True)
    user = request.user
    key = figures.cache_key(user=user, cycle=cycle, unit=unit)
    found = SimpleLazyObject(lambda: figures.figures(user=user, cycle=cycle, unit=unit, key=key))
    head = figures.heading(key, found)

    def later(draw):
        return SimpleLazyObject(lambda: draw(found))

    context = {
        "cycle": cycle,
        "unit": unit,
        "name": _name(cycle, unit),
        "trail": head.trail,
        "overdue": head.overdue,
        "board": later(lambda f: f.board),
        "status_rows": later(lambda f: presenters.status_rows(f.board.total)),
        "status_chart": later(lambda f: presenters.status_chart(f.board.total)),
        "unit_table": later(lambda f: _unit_table(f.board)),
        "pay_rows": later(lambda f: presenters.pay_rows(f.pay)),
        "pay_chart": later(lambda f: presenters.pay_chart(f.pay)),
        "earlier_rows": later(lambda f: presenters.earlier_rows(f.earlier)),
        "has_earlier": later(lambda f: len(f.earlier) > 1),
        "heat_map": later(lambda f: presenters.heat_map(f.grid)),
        "mix_rows": later(lambda f: presenters.mix_rows(f.mix)),
        "mix_chart": later(lambda f: presenters.mix_chart(f.mix)),
        "small_note": disclosure.note(),
        "figures_key": key,
    }
    return render(request, "appraisals/reports/dashboard.html", context)


def _unit_table(board):
    """(unit to drill into, or None, and the row's cells) for the page's unit table."""
    rows = presenters.unit_rows(board)
    links = [row.unit for row in board.rows]
    return [(links[i] if i < len(links) else None, cells) for i, cells in enumerate(rows)]


def overdue(request, pk):
    cycle, unit = _scope(request, pk)
    found = services.overdue(user=request.user, cycle=cycle, unit=unit)
    page = KeysFirstPaginator(found, PER_PAGE).get_page(request.GET.get("page"))
    link = url_for("appraisals:appraisal")  # one reverse() for the page's links
    page.rows = [(link(a.pk), presenters.overdue_cells(a)) for a in page.object_list]
    context = {"cycle": cycle, "unit": unit, "page": page, "name": _name(cycle, unit),
               "past_close": services.past_close(cycle)}  # fmt: skip
    return render(request, "appraisals/reports/overdue.html", context)


def appraisers(request, pk):
    cycle, unit = _scope(request, pk)
    # One grouped query read whole (a row per appraiser, a few thousand at most) rather
    # than a COUNT of the grouping and then the page: each is a pass over every appraisal.
    found = list(services.by_appraiser(user=request.user, cycle=cycle, unit=unit))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    page.rows = [presenters.appraiser_cells(row) for row in page.object_list]
    context = {"cycle": cycle, "unit": unit, "page": page, "name": _name(cycle, unit)}
    return render(request, "appraisals/reports/appraisers.html", context)


def _name(cycle, unit):
    return unit.name if unit is not None else "Every unit in the cycle"


def _table(request, cycle, unit, table):
    """(sheet title, header, rows) of one table, as the page shows it."""
    user = request.user
    if table in CACHED:
        found = figures.figures(user=user, cycle=cycle, unit=unit)
    if table == "status":
        rows = [[label, count, presenters.percent_text(share)]
                for label, count, share in presenters.status_rows(found.board.total)]  # fmt: skip
        return "Status", presenters.STATUS_HEADER, rows
    if table == "units":
        return "Units", presenters.UNIT_HEADER, presenters.unit_rows(found.board)
    if table == "placements":
        header = presenters.placement_header(found.grid)
        return "Placements", header, presenters.placement_rows(found.grid)
    if table == "mix":
        rows = [*presenters.mix_rows(found.mix), [disclosure.note()]]
        return "Planned development", presenters.MIX_HEADER, rows
    if table == "overdue":
        found = services.overdue(user=user, cycle=cycle, unit=unit)
        rows = (presenters.overdue_cells(a) for a in found.iterator(chunk_size=2000))
        return "Overdue", presenters.OVERDUE_HEADER, rows
    if table == "appraisers":
        found = services.by_appraiser(user=user, cycle=cycle, unit=unit)
        return "Appraisers", presenters.APPRAISER_HEADER, map(presenters.appraiser_cells, found)
    if table == "pay":
        return "Pay progression", presenters.PAY_HEADER, presenters.pay_rows(found.pay)
    if table == "earlier":
        return "Earlier cycles", presenters.EARLIER_HEADER, presenters.earlier_rows(found.earlier)
    raise Http404


def download(request, pk, table, fmt):
    """One table as CSV or XLSX through frontend/exports.py (formula cells neutralised)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cycle, unit = _scope(request, pk)
    title, header, rows = _table(request, cycle, unit, table)
    name = presenters.filename(cycle, unit, table, fmt)
    if fmt == "csv":
        return csv_response([header, *rows], filename=name)
    return xlsx_response([(title, header, rows)], filename=name)
