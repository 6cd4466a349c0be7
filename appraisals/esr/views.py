"""The ESR export of a cycle: the page with its unit chooser, and the CSV download.
Rules in services.py, access in appraisals/access.py: HR for the cycle's units and
administrators; everyone else (and any cycle or unit outside their scope) gets a 404."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from frontend.exports import csv_response
from people import choosers
from people.audit import shown_keys

from .. import access
from ..appraisal.models import Appraisal
from . import services
from .forms import EsrUnitForm


def _cycle(request, pk):
    if not access.can_run_cycles(request.user):
        raise Http404
    cycle = access.visible_cycle(request.user, pk)
    return cycle, access.units_in_cycle_for(request.user, cycle)


def _appraisals(request, cycle, unit):
    visible = access.appraisals_visible_to(request.user).filter(cycle=cycle)
    return services.in_unit(visible, unit)


def esr_export(request, pk):
    """The page: choose a unit, see what the file holds and who is left out of it."""
    cycle, units = _cycle(request, pk)
    form = EsrUnitForm(request.GET or None, units=units)
    context = {"cycle": cycle, "form": form, "columns": services.COLUMNS, "export": None}
    # A search for a unit draws the form again with what it found, and no file.
    if not choosers.searching(request) and (not form.is_bound or form.is_valid()):
        unit = form.cleaned_data["unit"] if form.is_bound else None
        query = f"?{urlencode({'unit': unit.pk})}" if unit else ""
        context.update(
            unit=unit,
            export=services.summary(_appraisals(request, cycle, unit)),
            download=reverse("appraisals:cycle-esr-download", args=[cycle.pk]) + query,
            status_codes=_codes(services.STATUS_CODES, services.Status),
            pay_codes=_codes(services.PAY_CODES, services.Pay),
        )
    return render(request, "appraisals/esr/export.html", context)


def _codes(codes, choices):
    labels = dict(choices.choices)
    return [(code, labels[value]) for value, code in codes.items()]


def esr_download(request, pk):
    """The CSV file; a unit that is not offered on the page is a 404."""
    cycle, units = _cycle(request, pk)
    form = EsrUnitForm(request.GET, units=units)
    if not form.is_valid():
        raise Http404
    unit = form.cleaned_data["unit"]
    export = services.build(_appraisals(request, cycle, unit))
    shown_keys(request, Appraisal, export.included)  # each person's appraisal read
    return csv_response(export.rows, filename=services.filename(cycle, unit))
