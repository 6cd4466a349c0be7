"""HR's and administrators' ESR staff import: the upload, the dry run's report with its
confirm button, and the apply's progress (it updates itself). Rules in services.py,
access in access.py: anyone else, and anyone else's run, gets a 404."""

import contextlib

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseStopPolling

from frontend import kept

from . import access, presenters, services
from .forms import LeaversCheckForm, UploadForm, limit_words
from .models import EsrImportRun, active_mapping
from .reading import FileRefused


def upload(request):
    """Choose the extract; its dry run is stored, and its report shown next."""
    if not access.can_import(request.user):
        raise Http404
    form = UploadForm(kept.data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.dry_run(raw=form.cleaned_data["file"], by=request.user,
                                   file_name=request.FILES["file"].name)  # fmt: skip
        except FileRefused as error:
            form.add_error("file", str(error))
        else:
            return redirect("esr-import-run", token=run.token)
    context = {
        "form": form,
        "mapping": active_mapping(),
        "limit": limit_words(),
        "earlier": access.runs_visible_to(request.user)[:10],
    }
    return render(request, "people/esr_import/upload.html", context)


def _run(request, token):
    return get_object_or_404(access.runs_visible_to(request.user), token=token)


def run_detail(request, token):
    """The dry run's report, then the apply's progress; htmx polls it while the apply is
    under way, asking only for a change (204 while none, 286 once finished)."""
    run = _run(request, token)
    context = presenters.context(run)
    if not request.htmx:
        return render(request, "people/esr_import/run.html", context)
    if request.GET.get("seen") == context["seen"]:
        return HttpResponse(status=204)
    response = render(request, "people/esr_import/_status.html", context)
    if run.finished:
        response.status_code = HttpResponseStopPolling.status_code
    return response


@require_POST
def run_apply(request, token):
    """Confirm: the apply is queued, unless the plan is stale, or leaves out many people
    and the importer has not said they have left (the report again, with the error)."""
    run = _run(request, token)
    if run.status == EsrImportRun.Status.PLANNED:
        count = services.leavers_to_check(run.plan)
        form = LeaversCheckForm(request.POST, count=count) if count else None
        if form is not None and not form.is_valid():
            context = presenters.context(run, leavers_form=form)
            return render(request, "people/esr_import/run.html", context)
        with contextlib.suppress(services.Stale):  # the run's page then says it is stale
            services.confirm(run, leavers_checked=form is not None)
    return redirect("esr-import-run", token=run.token)
