"""The appraisal's sign-off pages: the whole appraisal to check, where the writer
whose turn it is submits their part, and signing. Rules in services.py; what the
pages show in pages.py and presenters.py; access through views.readable/writable."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from careers.booklet_sections import placement_context, plan_context
from frontend import kept

from .. import access
from . import dates as date_rules
from . import pages, presenters, services
from .content import content_for, content_hash
from .forms import ConfirmForm, SignForm
from .views import readable, writable


def check(request, pk):
    """The whole appraisal to check ("check your answers"); its writer whose turn it
    is submits their part from here."""
    a = readable(request, pk)
    role = access.role_in(request.user, a)
    submit_turn = role is not None and pages.whose_turn_to_submit(a) == role
    form = ConfirmForm(kept.data(request), initial={"version": a.version})
    page_errors = []
    if request.method == "POST":
        if not submit_turn:
            raise PermissionDenied("It is not your turn to submit.")
        if form.is_valid():
            submit = (services.submit_self_assessment if role == "person"
                      else services.submit_manager_assessment)  # fmt: skip
            try:
                submit(appraisal=a, by=request.user, version=form.cleaned_data["version"])
            except ValidationError as error:
                # Each problem links to the part that puts it right; the page takes the
                # version saved now, so submitting again after a refusal works.
                a = readable(request, pk)
                page_errors = pages.submit_errors(a, error)
                form = ConfirmForm(initial={"version": a.version})
            else:
                messages.success(request, pages.submitted_words(a, role))
                return redirect("appraisals:appraisal", pk=a.pk)
    context = {**_summary(request, a, role), "form": form, "submit_turn": submit_turn,
               "page_errors": page_errors}  # fmt: skip
    return render(request, "appraisals/appraisal/check.html", context)


def sign(request, pk):
    a = writable(request, pk, "person", "appraiser")
    role = access.role_in(request.user, a)
    if request.method == "GET" and pages.whose_turn_to_sign(a) != role:
        messages.info(request, pages.not_your_turn(a, role))
        return redirect("appraisals:appraisal", pk=a.pk)
    if request.method == "GET" and (waits := date_rules.not_held_yet(a.meeting_date)):
        messages.info(request, f"{waits}.")
        return redirect("appraisals:appraisal", pk=a.pk)
    form = SignForm(
        kept.data(request), initial={"version": a.version, "content_hash": content_hash(a)}
    )
    page_errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            a = services.sign(appraisal=a, by=request.user, version=data["version"],
                              content_hash=data["content_hash"])  # fmt: skip
        except ValidationError as error:
            # What was signed is not what is saved now: show what is, to read again.
            a = readable(request, pk)
            page_errors = [{"text": text, "href": "#confirm"} for text in error.messages]
            form = SignForm(initial={"version": a.version, "content_hash": content_hash(a)})
        else:
            messages.success(request, pages.signed_words(a, role))
            return redirect("appraisals:appraisal", pk=a.pk)
    context = {**_summary(request, a, role), "form": form, "page_errors": page_errors}
    return render(request, "appraisals/appraisal/sign.html", context)


def _summary(request, a, role):
    """What the check and sign pages show: the content as it would be signed, and the
    reader's own unsubmitted draft beside it."""
    content = content_for(a, role)
    # The career part as content() read it (the snapshot, or the live record before the
    # first signature), handed to careers as a kept snapshot so it is not read twice.
    career = SimpleNamespace(career_snapshot=content["career"])
    return {
        "appraisal": a, "person": a.person, "role": role, "content": content,
        "signatures": list(a.signatures.filter(cleared_at__isnull=True)),
        "own_draft": (a.self_assessment if role == "person" and not a.self_submitted_at
                      else a.manager_assessment if role == "appraiser"
                      and not a.manager_submitted_at else ""),
        "tag": pages.STATUS_TAG[a.status],
        # The booklet's own parts (its sections' templates read these), so both agree.
        "objective_rows": presenters.objectives(a, role, read=content["objectives"]),
        "career": placement_context(career) | plan_context(career),
    }  # fmt: skip
