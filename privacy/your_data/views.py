"""A person's data out: the "Your data" page (asking for a copy of your own), HR's
page preparing one for a subject access request, the progress page (it updates
itself) and the ZIP's download. Rules in services.py and archive.py; access in
privacy/access.py: a copy is its requester's alone, everyone else gets a 404.
HR downloading a person's copy is a read of that person's records (people/audit.py)."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_htmx.http import HttpResponseStopPolling

from appraisals.exports.assembly import safe_name
from frontend import kept
from people.audit import shown

from .. import access
from . import presenters, services
from .forms import SubjectAccessForm
from .models import DataExport

RECENT = 5


def your_data(request):
    """What the download holds, "Prepare my data", your recent copies, and each copy
    HR prepared for a subject access request."""
    if request.method == "POST":
        export = services.start(by=request.user, person=request.user)
        return redirect("privacy:your-data-progress", token=export.token)
    mine = access.data_exports_visible_to(request.user).filter(person=request.user)
    context = {
        "exports": mine[:RECENT],
        "requests": access.subject_access_requests_of(request.user),
        "keep_days": settings.YOUR_DATA_KEEP_DAYS,
    }
    return render(request, "privacy/your_data/page.html", context)


def subject_access(request, pk):
    """HR prepares a copy of a person's data for a subject access request."""
    person = get_object_or_404(access.subject_access_people_for(request.user), pk=pk)
    form = SubjectAccessForm(kept.data(request))
    if request.method == "POST" and form.is_valid():
        export = services.start(
            by=request.user, person=person, reference=form.cleaned_data["reference"]
        )
        return redirect("privacy:your-data-progress", token=export.token)
    earlier = access.data_exports_visible_to(request.user).filter(person=person)[:RECENT]
    context = {"person": person, "form": form, "earlier": earlier}
    return render(request, "privacy/your_data/subject_access.html", context)


def _export(request, token):
    return get_object_or_404(access.data_exports_visible_to(request.user), token=token)


def progress(request, token):
    """How a copy is getting on; htmx polls it while unfinished (204 while nothing
    changed, 286 to stop once finished), as the booklet exports' page does."""
    export = _export(request, token)
    context = {
        "export": export,
        "progress": presenters.progress(export),
        "tag": presenters.STATUS_TAG[export.status],
        "seen": f"{export.status}-{export.done}",
        "own": export.person_id == request.user.pk,
    }
    if not request.htmx:
        return render(request, "privacy/your_data/progress.html", context)
    if request.GET.get("seen") == context["seen"]:
        return HttpResponse(status=204)
    response = render(request, "privacy/your_data/_status.html", context)
    if export.finished:
        response.status_code = HttpResponseStopPolling.status_code
    return response


def download(request, token):
    """The ZIP of a ready copy. HR's download of a person's copy is a read of their
    records, written when the answer is sent."""
    export = _export(request, token)
    if export.status != DataExport.Status.READY or not export.file:
        raise Http404
    shown(request, export.subject_access or export.person, export.person)
    name = safe_name(f"Trellis data – {export.person.full_name} – "
                     f"{export.created_at:%Y-%m-%d}", "Trellis data") + ".zip"  # fmt: skip
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=name,
                        content_type="application/zip")  # fmt: skip
