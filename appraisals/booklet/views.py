"""The booklet's pages: the preview with its download, earlier sealed copies, and
HR's check of a booklet file. Who may see an appraisal's booklet: the person, their
appraiser and HR for their units (appraisals/access.py); a 404 for everyone else.
Every read by someone other than the person is recorded (people/audit.py)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from frontend.views import pdf_response
from people.audit import shown

from .. import access
from . import seal, services
from .forms import CheckBookletForm


def _appraisal(request, pk):
    # One query: the booklets `user` may read (`booklets_visible_to`) are those of the
    # appraisals they may read.
    return access.visible_appraisal(request.user, pk)


def booklet(request, pk):
    """The booklet as a page (the same templates and presenters as the PDF), with
    its download and the state of its seal."""
    appraisal = _appraisal(request, pk)
    shown(request, appraisal, appraisal.person)
    context = services.booklet_context(appraisal)
    sealed = services.sealed_booklets(appraisal)
    current = services.current_seal(appraisal, among=sealed)
    context |= {
        "person": appraisal.person,  # named in the page title for other readers
        "current": current,
        "earlier": [s for s in sealed if s != current],
        "sealing_pending": not context["draft"]
        and context["sealing"]
        and current is None
        and not appraisal.seal_error,
        "can_check": access.can_check_booklets(request.user),
    }
    return render(request, "appraisals/booklet/booklet.html", context)


def booklet_pdf(request, pk):
    """The sealed booklet of a complete appraisal; otherwise the booklet rendered now
    (a draft, or a complete one when no certificate is configured)."""
    appraisal = _appraisal(request, pk)
    current = services.current_seal(appraisal)
    if current is not None:
        shown(request, current, appraisal.person)
        return _file(current)
    if not services.is_draft(appraisal) and seal.configured() and not appraisal.seal_error:
        services.seal_on_completion(appraisal)  # again, if the first was lost: a no-op if done
        messages.info(request, "The sealed booklet is being made. Try again in a minute.")
        return redirect("appraisals:appraisal-booklet", pk=appraisal.pk)
    # Recorded as a read by pdf_response when sent, or when fetched once built.
    return pdf_response(request, services.KIND, appraisal=appraisal.pk)


def booklet_sealed(request, pk, sealed_pk):
    """One sealed booklet of the appraisal, the current one or an earlier one."""
    appraisal = _appraisal(request, pk)
    sealed = get_object_or_404(appraisal.sealed_booklets.all(), pk=sealed_pk)
    shown(request, sealed, appraisal.person)
    return _file(sealed)


def _file(sealed):
    name = f"appraisal-booklet-{sealed.appraisal_id}-version-{sealed.appraisal_version}.pdf"
    return FileResponse(
        sealed.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


def booklet_check(request):
    """HR checks a booklet file: who sealed it, when, and whether it is intact."""
    if not access.can_check_booklets(request.user):
        raise Http404
    form = CheckBookletForm(request.POST or None, request.FILES or None)
    verdict = match = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["booklet"]
        verdict = seal.check(data)
        match = services.find_sealed(data, request.user) if verdict.ok else None
        if match is not None:
            shown(request, match, match.appraisal.person)
    context = {"form": form, "verdict": verdict, "match": match}
    return render(request, "appraisals/booklet/check.html", context)
