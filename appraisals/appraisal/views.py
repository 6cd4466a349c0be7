"""Views of the appraisal: the person's "Your appraisal", the appraiser's "Appraisals
to write", each part's page, the check page (submit), signing and reopening.

Thin: each view finds the appraisal through appraisals.access (a 404 for anyone who
may not read it; HR and administrators read, never write), calls one service, and
renders. Every read by someone other than the person is recorded (people.audit)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from frontend import kept, stale
from people.audit import shown

from .. import access
from . import appraiser as appraisers
from . import dates as date_rules
from . import pages, panels, parts, services
from .forms import (
    AssignAppraiserForm,
    ConfirmForm,
    DatesForm,
    ManagerAssessmentForm,
    ManagerPayForm,
    ObjectiveForm,
    PersonPayForm,
    ReopenForm,
    ReviewForm,
    SelfAssessmentForm,
    ValueForm,
    WellbeingForm,
)

PART = "appraisals/appraisal/part.html"
# A person's appraisals, latest first: the first is the one "Your appraisal" shows.
LATEST_FIRST = ("-cycle__year", "-cycle__opens_on", "-pk")


def your_appraisal(request):
    """The signed-in person's appraisal in the latest cycle, or a page saying there is none."""
    mine = access.appraisals_visible_to(request.user).filter(person=request.user)
    latest = mine.order_by(*LATEST_FIRST).first()
    if latest is not None:
        return redirect("appraisals:appraisal", pk=latest.pk)
    return render(request, "appraisals/appraisal/none.html")


def to_write(request):
    rows = list(
        access.appraisals_visible_to(request.user)
        .filter(appraiser=request.user)
        .exclude(person=request.user)
        .order_by("-cycle__year", "person__family_name", "person__given_name")
    )
    rows = [(a, pages.STATUS_TAG[a.status]) for a in rows]
    return render(request, "appraisals/appraisal/to_write.html", {"rows": rows})


def appraisal_detail(request, pk):
    a = readable(request, pk)
    role = access.role_in(request.user, a)
    hidden = access.drafts_hidden_from(a, role)
    values = list(a.values.select_related("value", "rating"))
    reviews = list(a.objective_reviews.all())
    objectives = list(a.objectives.all())
    # Every appraisal of the person in one read: the earlier ones are listed, and the
    # latest is the page "Your appraisal" goes on to (its menu item is then this page).
    theirs = list(
        access.appraisals_visible_to(request.user)
        .filter(person_id=a.person_id)
        .select_related(None)
        .select_related("cycle")
        .only("status", "cycle__name", "cycle__year")
        .order_by(*LATEST_FIRST)
    )
    earlier = [e for e in theirs if e.cycle.year < a.cycle.year]
    if a.person_id == request.user.pk and theirs and theirs[0].pk == a.pk:
        panels.lands_on_yours(request)
    context = {
        "appraisal": a, "person": a.person, "role": role, "values": values, "reviews": reviews,
        "objectives": objectives, "earlier": earlier, "tag": pages.STATUS_TAG[a.status],
        "events": [(e, pages.event_words(e)) for e in a.events.select_related("actor")],
        "assessments": pages.assessment_tasks(a, role),
        "meeting_tasks": pages.meeting_tasks(a, role, hidden),
        "show_person_parts": "person" not in hidden, "show_ratings": "appraiser" not in hidden,
        "can_change": pages.may_change(a, role, "values"),
        "sign_turn": role is not None and pages.whose_turn_to_sign(a) == role,
        "sign_waits": date_rules.not_held_yet(a.meeting_date),
        "submit_turn": role is not None and pages.whose_turn_to_submit(a) == role,
        "can_reopen": a.status == a.Status.COMPLETE and access.can_reopen(request.user, a),
        "can_assign": appraisers.can_be_named(a) and access.can_assign_appraiser(
            request.user, a),
        "cycle_link": role is None and _runs_cycle(request.user, a),
    }  # fmt: skip
    return render(request, "appraisals/appraisal/detail.html", context)


@require_POST
def appraisal_start(request, pk):
    a = writable(request, pk, "person")
    try:
        services.start_preparing(appraisal=a, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your appraisal is started. Work through the parts below.")
    return redirect("appraisals:appraisal", pk=a.pk)


def _save_self(request):
    return lambda a, d: parts.save_self_assessment(
        appraisal=a, by=request.user, version=d["version"], text=d["self_assessment"]
    )


def _save_manager(request):
    return lambda a, d: parts.save_manager_assessment(
        appraisal=a, by=request.user, version=d["version"], text=d["manager_assessment"]
    )


def self_assessment(request, pk):
    a = writable(request, pk, "person")
    if back := _unchangeable(request, a, "self_assessment"):
        return back
    prompts = services.journal_prompts(a)
    return _part(request, a, SelfAssessmentForm, lambda a: {"self_assessment": a.self_assessment},
                 _save_self(request), "Your self-assessment", "Save your self-assessment",
                 prompts=prompts,
                 autosave=reverse("appraisals:self-assessment-autosave", args=[a.pk]))  # fmt: skip


def manager_assessment(request, pk):
    a = writable(request, pk, "appraiser")
    if back := _unchangeable(request, a, "manager_assessment"):
        return back
    autosave = reverse("appraisals:manager-assessment-autosave", args=[a.pk])
    return _part(request, a, ManagerAssessmentForm,
                 lambda a: {"manager_assessment": a.manager_assessment},
                 _save_manager(request), "Your assessment", "Save your assessment",
                 self_assessment=a.self_assessment if a.self_submitted_at else "",
                 autosave=autosave)  # fmt: skip


def value_edit(request, pk, discussion_pk):
    a = writable(request, pk, "person", "appraiser")
    if back := _unchangeable(request, a, "values"):
        return back
    discussion = get_object_or_404(a.values.select_related("value", "rating"), pk=discussion_pk)
    rates = access.role_in(request.user, a) == "appraiser"
    return _part(request, a, ValueForm,
                 _Saved(discussion, "examples", "rating"),
                 lambda a, d: parts.save_value(discussion=discussion, by=request.user,
                                               version=d["version"], examples=d["examples"],
                                               rating=d.get("rating", parts.KEEP)),
                 f"Values and behaviours: {discussion.value.name}", "Save",
                 value=discussion.value, form_kwargs={"rates": rates},
                 agreed=None if rates else pages.agreed_rating(a, discussion))  # fmt: skip


def review_edit(request, pk, review_pk):
    a = writable(request, pk, "person", "appraiser")
    if back := _unchangeable(request, a, "reviews"):
        return back
    review = get_object_or_404(a.objective_reviews, pk=review_pk)
    return _part(request, a, ReviewForm, _Saved(review, "outcome", "comment"),
                 lambda a, d: parts.save_review(review=review, by=request.user,
                                                version=d["version"], outcome=d["outcome"],
                                                comment=d["comment"]),
                 "Review last year's objective", "Save review", quote=review.what)  # fmt: skip


def objective_edit(request, pk, objective_pk=None):
    a = writable(request, pk, "person", "appraiser")
    if back := _unchangeable(request, a, "objectives"):
        return back
    objective = get_object_or_404(a.objectives, pk=objective_pk) if objective_pk else None
    fields = ("what", "measure", "due_by", "supports")
    return _part(request, a, ObjectiveForm,
                 _Saved(objective, *fields) if objective else lambda a: {},
                 lambda a, d: parts.save_objective(appraisal=a, by=request.user,
                                                   version=d["version"], objective=objective,
                                                   **{f: d[f] for f in fields}),
                 "Change an objective" if objective else "Add an objective",
                 "Save objective", done="The objective is saved.")  # fmt: skip


def objective_remove(request, pk, objective_pk):
    a = writable(request, pk, "person", "appraiser")
    if back := _unchangeable(request, a, "objectives"):
        return back
    objective = get_object_or_404(a.objectives, pk=objective_pk)
    return _part(request, a, ConfirmForm, lambda a: {},
                 lambda a, d: parts.remove_objective(objective=objective, by=request.user,
                                                     version=d["version"]),
                 "Remove this objective", "Remove objective", quote=objective.what,
                 warning=True)  # fmt: skip


def wellbeing(request, pk):
    a = writable(request, pk, "person", "appraiser")
    if back := _unchangeable(request, a, "wellbeing"):
        return back
    person_writes = access.role_in(request.user, a) == "person"
    return _part(request, a, WellbeingForm, _wellbeing_saved,
                 lambda a, d: parts.save_wellbeing(appraisal=a, by=request.user,
                                                   version=d["version"],
                                                   held=d["wellbeing_held"],
                                                   note=d.get("wellbeing_note")),
                 "Well-being conversation", "Save",
                 form_kwargs={"person_writes": person_writes})  # fmt: skip


def pay_progression(request, pk):
    a = writable(request, pk, "person", "appraiser")
    if back := _unchangeable(request, a, "pay"):
        return back
    if access.role_in(request.user, a) == "person":
        return _part(request, a, PersonPayForm,
                     lambda a: {"training_confirmed": a.training_confirmed_by_person},
                     lambda a, d: parts.save_pay_progression(
                         appraisal=a, by=request.user, version=d["version"],
                         training_confirmed=d["training_confirmed"]),
                     "Pay progression", "Save", pay=True,
                     recorded_pay=pages.recorded_pay(a))  # fmt: skip
    return _part(request, a, ManagerPayForm, _pay_saved,
                 lambda a, d: parts.save_pay_progression(
                     appraisal=a, by=request.user, version=d["version"],
                     outcome=d["pay_progression"], reason=d["pay_progression_reason"],
                     training_confirmed=d["training_confirmed"]),
                 "Pay progression", "Save", pay=True,
                 form_kwargs={"person": a.person})  # fmt: skip


def dates(request, pk):
    a = writable(request, pk, "person", "appraiser")
    if back := _unchangeable(request, a, "dates"):
        return back
    return _part(request, a, DatesForm,
                 lambda a: {"meeting_date": a.meeting_date,
                            "next_review_date": a.next_review_date},
                 lambda a, d: parts.save_dates(appraisal=a, by=request.user, version=d["version"],
                                               meeting_date=d["meeting_date"],
                                               next_review_date=d["next_review_date"]),
                 "Meeting and next review dates", "Save dates",
                 done="The meeting and next review dates are saved.")  # fmt: skip


def reopen(request, pk):
    a = readable(request, pk)
    if not access.can_reopen(request.user, a):
        raise PermissionDenied("Only HR for the person's units reopens an appraisal.")
    if request.method == "GET" and a.status != a.Status.COMPLETE:
        messages.info(request, "Only a complete appraisal can be reopened.")
        return redirect("appraisals:appraisal", pk=a.pk)
    return _part(request, a, ReopenForm, lambda a: {},
                 lambda a, d: services.reopen(appraisal=a, by=request.user,
                                              version=d["version"], reason=d["reason"]),
                 "Reopen the appraisal", "Reopen the appraisal", warning=True,
                 done="The appraisal is reopened. Its appraiser can change it, and both "
                      "will sign again.")  # fmt: skip


def assign_appraiser(request, pk):
    """HR names the appraiser of an appraisal that has none (appraiser.py)."""
    a = readable(request, pk)
    if not access.can_assign_appraiser(request.user, a):
        raise PermissionDenied("Only HR for the person's units assigns an appraiser.")
    if request.method == "GET" and not appraisers.can_be_named(a):
        if a.appraiser_id is not None:
            messages.info(request, f"{a.appraiser.full_name} is already the appraiser.")
        return redirect("appraisals:appraisal", pk=a.pk)
    title = "Change the appraiser" if a.appraiser_id else "Assign an appraiser"
    return _part(request, a, AssignAppraiserForm, lambda a: {},
                 lambda a, d: appraisers.assign_appraiser(appraisal=a, by=request.user,
                                                         email=d["email"],
                                                         version=d["version"]),
                 title, "Assign the appraiser",
                 done="The appraiser is assigned. They can now find the appraisal in "
                      "their appraisals to write.")  # fmt: skip


# Helpers -------------------------------------------------------------------------


def _runs_cycle(user, a):
    """True when `user` (HR or an administrator) runs the appraisal's cycle: its page
    is where they came from, and where the back link goes."""
    return access.can_run_cycles(user) and (
        access.cycles_visible_to(user).filter(pk=a.cycle_id).exists()
    )


def readable(request, pk):
    a = access.visible_appraisal(request.user, pk)
    return shown(request, a, a.person)


def writable(request, pk, *roles):
    """The appraisal for one of its two writers: a 404 for a reader who writes none
    of it (HR, administrators), a 403 for the other writer's part."""
    a = readable(request, pk)
    role = access.role_in(request.user, a)
    if role is None:
        raise Http404
    if role not in roles:
        raise PermissionDenied("This part is the other person's to write.")
    return a


def _unchangeable(request, a, part):
    """A part that cannot be changed now: back to the appraisal, saying why (a POST
    goes on to the service, which refuses it with the same words on the form)."""
    role = access.role_in(request.user, a)
    if request.method != "GET" or pages.may_change(a, role, part):
        return None
    messages.info(request, pages.why_not(a, role, part))
    return redirect("appraisals:appraisal", pk=a.pk)


def _part(request, a, form_class, saved, save, title, button, form_kwargs=None, done=None,
          **extra):  # fmt: skip
    """One part's page: the form over what is saved, kept text after an expired
    session, a stale save refused with both versions shown (frontend.stale)."""
    form_kwargs = form_kwargs or {}
    # Text typed here, or autosaved from here, before an expired session ended (frontend.kept).
    actions = [request.path] + ([extra["autosave"]] if extra.get("autosave") else [])
    form = form_class(kept.data(request, *actions), initial={**saved(a), "version": a.version},
                      **form_kwargs)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            a = save(a, form.cleaned_data)
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":
                a = readable(request, a.pk)
                form = stale.refused(request, form_class, saved(a), version=a.version,
                                     **form_kwargs)  # fmt: skip
            else:
                _add_errors(form, error)
        else:
            messages.success(request, done or f"{title} is saved.")
            if getattr(a, "signatures_cleared", False):
                messages.info(request, pages.cleared_words(a))
            if getattr(a, "returned_to_appraiser", False):
                appraiser = a.appraiser.full_name if a.appraiser_id else "your appraiser"
                messages.info(request, f"The appraisal goes back to {appraiser} to read your "
                              "change and submit it again before you both sign.")  # fmt: skip
            return redirect("appraisals:appraisal", pk=a.pk)
    context = {"form": form, "appraisal": a, "person": a.person, "title": title,
               "button": button, "is_person": request.user.pk == a.person_id, **extra}  # fmt: skip
    return render(request, PART, context)


class _Saved:
    """What `obj` (a part of the appraisal just read) holds in `names`: as read the first
    time it is asked, and read again each time after (the refusal of a stale save shows
    what is saved now)."""

    def __init__(self, obj, *names):
        self.obj, self.names, self.asked = obj, names, False

    def __call__(self, appraisal):
        if self.asked:
            self.obj.refresh_from_db()
        self.asked = True
        return {name: getattr(self.obj, name) for name in self.names}


def _wellbeing_saved(a):
    held = {True: "yes", False: "no"}.get(a.wellbeing_held)
    return {"wellbeing_held": held, "wellbeing_note": a.wellbeing_note}


def _pay_saved(a):
    return {"pay_progression": a.pay_progression,
            "pay_progression_reason": a.pay_progression_reason,
            "training_confirmed": a.training_confirmed_by_manager}  # fmt: skip


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
