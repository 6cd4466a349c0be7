"""The equality view of a cycle's management information (docs/adr/0033): figures
split by ethnic group, disability, sex and age band, small counts hidden and the
others rounded to the nearest 5 (docs/adr/0040), and each
table as CSV or XLSX. Only HR with the equality permission, for units in their scope,
and administrators with it; everyone else gets a 404. The page shows counts of
groups, no one's answers, so it records no read of anyone's record."""

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from frontend.exports import csv_response, xlsx_response
from learning import disclosure

from .. import access
from . import equality, equality_presenters, figures
from .views import _scope


def _equality_scope(request, pk):
    """(cycle carrying its figures token, unit or None), or a 404."""
    if not access.can_read_equality(request.user):
        raise Http404
    return _scope(request, pk, token=True)


def _figures(request, cycle, unit):
    """The counts, from the cache under the figures stamp (stamp.py) when it has them;
    returns (them, read lazily, and their cache key)."""
    user = request.user
    key = figures.cache_key(user=user, cycle=cycle, unit=unit)
    return SimpleLazyObject(
        lambda: equality.cached(user=user, cycle=cycle, unit=unit, key=key)
    ), key


def page(request, pk):
    """The figures and their tables are read lazily: the drawn tables are cached under
    the figures' key (the template's cache tag), so a warm page counts nothing."""
    cycle, unit = _equality_scope(request, pk)
    found, key = _figures(request, cycle, unit)
    sections = SimpleLazyObject(lambda: equality_presenters.sections(found))
    context = {
        "cycle": cycle,
        "unit": unit,
        "name": unit.name if unit is not None else "Every unit in the cycle",
        "sections": sections,
        # The total, rounded or hidden.
        "total": SimpleLazyObject(lambda: {"counted": sections[0].tables[0].rows[-1][1]}),
        "figures_key": key,
        "age_day": equality.day_of_age(cycle),
        "hidden_note": disclosure.rounded_note(),
        "smallest": disclosure.smallest_rounded(),
        "round_to": disclosure.ROUND_TO,
    }
    return render(request, "appraisals/reports/equality.html", context)


def download(request, pk, table, fmt):
    """One table as CSV or XLSX (frontend/exports.py), hidden as on the page."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cycle, unit = _equality_scope(request, pk)
    found, _ = _figures(request, cycle, unit)
    chosen = equality_presenters.find(equality_presenters.sections(found), table)
    if chosen is None:
        raise Http404
    name = equality_presenters.filename(cycle, unit, table, fmt)
    if fmt == "csv":
        return csv_response([chosen.header, *chosen.file_rows()], filename=name)
    return xlsx_response([(chosen.title, chosen.header, chosen.file_rows())], filename=name)
