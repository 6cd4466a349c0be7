"""HR's bulk booklet exports: choosing a unit of a cycle, the export's progress page
(it updates itself) and the ZIP's download. Rules in services.py; access in
appraisals/access.py: only the person who asked sees an export, everyone else a 404.
Downloading the ZIP records one read of each person's booklet in it (people/audit.py)."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_htmx.http import HttpResponseStopPolling

from frontend import kept
from people import choosers
from people.audit import shown_keys

from .. import access
from ..models import Appraisal, SealedBooklet
from . import presenters, services
from .assembly import safe_name
from .forms import ExportForm
from .models import BookletExport, BookletExportItem


def export_start(request, pk):
    """Choose a unit of the cycle and ask for its booklets."""
    if not access.can_run_cycles(request.user):
        raise Http404
    cycle = access.visible_cycle(request.user, pk)
    units = access.units_in_cycle_for(request.user, cycle)
    form = ExportForm(kept.data(request), units=units)
    if choosers.searching(request):  # a search for a unit: nothing is asked for
        choosers.show_without_errors(form)
    elif request.method == "POST" and form.is_valid():
        try:
            export = services.start(by=request.user, cycle=cycle, unit=form.cleaned_data["unit"])
        except ValidationError as error:
            form.add_error("unit", error)
        else:
            return redirect("appraisals:booklet-export", token=export.token)
    earlier = access.exports_visible_to(request.user).filter(cycle=cycle).select_related("unit")
    context = {"cycle": cycle, "form": form, "earlier": earlier[:10]}
    return render(request, "appraisals/exports/start.html", context)


def _export(request, token):
    found = access.exports_visible_to(request.user).select_related("cycle", "unit")
    return get_object_or_404(found, token=token)


def export_progress(request, token):
    """How an export is getting on; htmx polls it while unfinished, asking only for a
    change (204 while none, 286 to stop once it is finished), as the cycle runs' page."""
    export = _export(request, token)
    progress = presenters.progress(export)
    context = {
        "export": export,
        "progress": progress,
        "tag": presenters.STATUS_TAG[export.status],
        "failures": services.failures(export) if progress.failed else [],
        "seen": f"{export.status}-{progress.finished}",
    }
    if not request.htmx:
        return render(request, "appraisals/exports/progress.html", context)
    if request.GET.get("seen") == context["seen"]:
        return HttpResponse(status=204)
    response = render(request, "appraisals/exports/_status.html", context)
    if export.finished:
        response.status_code = HttpResponseStopPolling.status_code
    return response


def export_download(request, token):
    """The ZIP of a ready export. Each booklet in it is a read of that person's booklet:
    one read per person, written in one insert when the answer is sent."""
    export = _export(request, token)
    if export.status != BookletExport.Status.READY or not export.file:
        raise Http404
    done = export.items.filter(status=BookletExportItem.Status.DONE).order_by()
    keys = done.values_list("sealed_id", "appraisal_id", "appraisal__person_id")
    by_kind = {SealedBooklet: [], Appraisal: []}
    for sealed, appraisal, person in keys:  # the sealed booklet where there is one
        if sealed:
            by_kind[SealedBooklet].append((sealed, person))
        else:
            by_kind[Appraisal].append((appraisal, person))
    for model, pairs in by_kind.items():
        shown_keys(request, model, pairs)
    name = safe_name(f"Appraisal booklets – {export.unit.name} – {export.cycle.name}", "booklets")
    name += ".zip"
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=name,
                        content_type="application/zip")  # fmt: skip
