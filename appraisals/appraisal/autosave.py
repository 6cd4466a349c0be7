"""htmx autosave of the appraisal's two long texts, the self-assessment and the
appraiser's assessment, as the journal's (docs/adr/0012): saved with the version the
page holds, answered with a status and the new version for the page's hidden field."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .forms import ManagerAssessmentForm, SelfAssessmentForm
from .views import _save_manager, _save_self, writable


@login_not_required
@require_POST
def self_assessment_autosave(request, pk):
    return _autosave(request, pk, "person", SelfAssessmentForm, _save_self)


@login_not_required
@require_POST
def manager_assessment_autosave(request, pk):
    return _autosave(request, pk, "appraiser", ManagerAssessmentForm, _save_manager)


def _autosave(request, pk, role, form_class, save):
    """htmx autosave of one long text (as the journal's, docs/adr/0012): saved with the
    version the page holds, answered with a status and the new version. Signed out, the
    text is kept by KeptFormMiddleware and comes back on the page after signing in."""
    if not request.user.is_authenticated:
        return render(request, "appraisals/appraisal/partials/autosave_signed_out.html")
    a = writable(request, pk, role)
    form = form_class(request.POST)
    saved, words = False, ""
    if not form.is_valid():
        words = "Not saved: " + " ".join(e for errors in form.errors.values() for e in errors)
    else:
        try:
            a = save(request)(a, form.cleaned_data)
            saved = True
        except ValidationError as error:
            words = AUTOSAVE_STALE if getattr(error, "code", None) == "stale" else (
                "Not saved: " + " ".join(error.messages))  # fmt: skip
    context = {"appraisal": a, "saved": saved, "words": words}
    response = render(request, "appraisals/appraisal/partials/autosave.html", context)
    # Read by static/js/autosave.js: nothing on the page is left unsaved.
    response["Trellis-All-Saved"] = "true" if saved else "false"
    return response


AUTOSAVE_STALE = (
    "Not saved: the appraisal was changed elsewhere after you opened this page. Select the "
    "save button to see both versions."
)
