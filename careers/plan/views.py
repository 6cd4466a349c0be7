"""Views of the aspirational development plan, written and agreed by the person and
their line manager together (careers/plan/services.py; docs/adr/0014-plan-together.md)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from frontend import kept, stale
from frontend.parse import whole_number
from frontend.templatetags.nhsuk import summary_errors
from learning.access import initiatives_readable_by
from people.audit import shown
from people.navigation import url_for
from people.sql import Compiled

from .. import access
from ..conversation.forms import (
    ActionForm,
    AgreePlanForm,
    ChangeActionForm,
    ObjectiveForm,
    ProgressForm,
)
from ..conversation.views import (
    _add_errors,
    _data,
    _form_page,
    _is_stale,
    _person,
)
from ..journal import services
from ..models import Placement
from . import services as plans


def plan_detail(request, person_pk):
    person = _person(request, person_pk)
    return render(request, "careers/plan.html", _plan_context(request, person))


def objective_edit(request, person_pk, objective_pk=None):
    person, plan = _plan(request, person_pk)
    # The form's initial values are the objective's terms: read with it.
    objectives = plan.objectives.select_related("direction", "category")
    objective = get_object_or_404(objectives, pk=objective_pk) if objective_pk else None
    about = None if person.pk == request.user.pk else person
    form = ObjectiveForm(_data(request), initial=_objective_initial(objective), about=about)
    saved_now = None
    if request.method == "POST" and form.is_valid():
        try:
            plans.save_objective(
                plan=plan, by=request.user, objective=objective,
                version=form.cleaned_data.get("version"), **form.objective_fields(),
            )  # fmt: skip
        except ValidationError as error:
            if _is_stale(error):
                objective.refresh_from_db()
                form = stale.refused(request, ObjectiveForm, _objective_initial(objective),
                                     version=objective.version, about=about)  # fmt: skip
                saved_now = plans.saved_now(objective)
            else:
                _add_errors(form, error)
        else:
            messages.success(request, "The objective is saved.")
            return redirect("plan", person_pk=person.pk)
    title = "Change an objective" if objective else "Add an objective"
    return _form_page(request, form, person, title, "Save objective", back=("plan", person.pk),
                      saved_now=saved_now)  # fmt: skip


@require_POST
def action_add(request, person_pk, objective_pk):
    person, plan = _plan(request, person_pk)
    objective = get_object_or_404(plan.objectives, pk=objective_pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            plans.add_action(objective=objective, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The action is added.")
            return redirect("plan", person_pk=person.pk)
    context = _plan_context(request, person, action_forms={objective.pk: form})
    return render(request, "careers/plan.html", context)


def action_edit(request, person_pk, objective_pk, action_pk):
    person, plan = _plan(request, person_pk)
    objective = get_object_or_404(plan.objectives, pk=objective_pk)
    action = get_object_or_404(objective.actions, pk=action_pk)
    initial = {"text": action.text, "version": action.version}
    form = ChangeActionForm(_data(request), initial=initial)
    saved_now = None
    if request.method == "POST" and form.is_valid():
        try:
            plans.change_action(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if _is_stale(error):
                action.refresh_from_db()
                form = stale.refused(request, ChangeActionForm, {"text": action.text},
                                     version=action.version)  # fmt: skip
                saved_now = plans.saved_now(action)
            else:
                _add_errors(form, error)
        else:
            messages.success(request, "The action is saved.")
            return redirect("plan", person_pk=person.pk)
    return _form_page(request, form, person, "Change an action", "Save action",
                      back=("plan", person.pk), saved_now=saved_now)  # fmt: skip


@require_POST
def suggestion_add(request, person_pk):
    person, plan = _plan(request, person_pk)
    objective = get_object_or_404(
        plan.objectives, pk=whole_number(request.POST.get("objective"), default=0)
    )
    initiative = get_object_or_404(
        initiatives_readable_by(request.user),
        pk=whole_number(request.POST.get("initiative"), default=0),
    )
    plans.add_action(objective=objective, by=request.user, initiative=initiative)
    messages.success(request, f"“{initiative.title}” is added as an action.")
    return redirect("plan", person_pk=person.pk)


def progress_add(request, person_pk, objective_pk):
    person = _person(request, person_pk)
    if not access.can_record_progress(request.user, person):
        raise PermissionDenied
    plan = plans.plan_for(person=person, year=services.appraisal_year())
    objective = get_object_or_404(plan.objectives, pk=objective_pk)
    form = ProgressForm(_data(request), initial={"status": objective.status})
    if request.method == "POST" and form.is_valid():
        plans.record_progress(objective=objective, by=request.user, **form.cleaned_data)
        messages.success(request, "Your progress is recorded.")
        return redirect("plan", person_pk=person.pk)
    return _form_page(request, form, person, f"Progress: {objective.what[:60]}", "Save progress",
                      back=("plan", person.pk))  # fmt: skip


@require_POST
def plan_agree(request, person_pk):
    person, plan = _plan(request, person_pk)
    form = AgreePlanForm(request.POST)
    if form.is_valid():
        try:
            plan = plans.agree_plan(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if _is_stale(error):
                plan.refresh_from_db()
                form = stale.refused(request, AgreePlanForm, {"review_date": plan.review_date},
                                     version=plan.version)  # fmt: skip
            else:
                _add_errors(form, error)
        else:
            messages.success(request, _agreed_message(plan, person, request.user))
            return redirect("plan", person_pk=person.pk)
    return render(request, "careers/plan.html", _plan_context(request, person, agree_form=form))


# Helpers -----------------------------------------------------------------


def _plan(request, person_pk):
    """The person and this year's plan, for the two who write it together."""
    person = _person(request, person_pk)
    if not access.can_change_plan(request.user, person):
        raise PermissionDenied
    plan = plans.plan_for(person=person, year=services.appraisal_year())
    return person, shown(request, plan, person)


def _agreed_message(plan, person, user):
    if plan.status == plan.Status.AGREED:
        return "The plan is agreed by you both."
    other = person.line_manager if user.pk == person.pk else person
    name = other.full_name if other else "your line manager"
    return f"You agreed the plan. It is agreed when {name} agrees too."


def _objective_initial(objective):
    if objective is None:
        return {}
    fields = ["term", "what", "why", "direction", "category", "support", "target_date",
              "success_measure", "version"]  # fmt: skip
    return {name: getattr(objective, name) for name in fields}


PLAN_PLACEMENT = ("level", "target_level", "target_direction")
_page_placement = Compiled(
    lambda person, year: (
        Placement.objects.filter(person=person, year=year)
        .select_related(*PLAN_PLACEMENT)
        .only("status", *PLAN_PLACEMENT)
        .order_by("pk")[:1]
    )
)


def _plan_context(request, person, action_forms=None, agree_form=None):
    year = services.appraisal_year()
    plan = plans.plan_for(person=person, year=year)
    objectives = plans.with_authors(list(plans.page_objectives(plan)))
    # What the page shows of the placement and what suggestions() asks of it, no more.
    placement = _page_placement.first(person=person.pk, year=year)
    is_owner = person.pk == request.user.pk
    can_change = access.can_change_plan(request.user, person)
    agreement = plans.agreement_state(plan)
    agree_form = agree_form or AgreePlanForm(
        kept.data(request, reverse("plan-agree", args=[person.pk])),
        initial={"review_date": plan.review_date, "version": plan.version},
    )
    stamp = plans.page_stamp(objectives)
    balance = plans.balance(objectives, stamp=stamp)
    suggested = (
        plans.suggestions(
            plan=plan,
            placement=placement,
            objectives=objectives,
            categories=[share.category for share in balance],
            stamp=stamp,
        )
        if can_change and objectives
        else []
    )
    _set_links(person, objectives, suggested)
    return {
        "person": person,
        "plan": plan,
        "objectives": objectives,
        "is_owner": is_owner,
        "is_manager": access.is_manager_of(request.user, person),
        "can_change": can_change,
        "can_record_progress": access.can_record_progress(request.user, person),
        "placement": placement,
        "agreement": agreement,
        "i_agreed": agreement.person if is_owner else agreement.manager,
        "changes": plans.changes_since_agreement(plan, objectives),
        "balance": balance,
        "suggestions": suggested,
        "suggestion_add_url": reverse("suggestion-add", args=[person.pk]),
        "action_forms": action_forms or _kept_action_forms(request, person, objectives),
        "agree_form": agree_form,
        "agree_errors": _agree_errors(agree_form, person),
    }


def _links(name, person, keys=1):
    """As people.navigation.url_for, for a link of `person`'s plan that takes `keys`
    more keys: one reverse() for a list, `_links(name, person)(pk, ...)` for each row."""
    markers = [str(9876543210 + i) for i in range(keys)]
    url = reverse(name, args=[person.pk, *markers])
    for marker in markers:
        url = url.replace(marker, "{}")
    return url.format


def _set_links(person, objectives, suggestions):
    """Set the links of each objective, action and suggestion the plan page shows,
    with one reverse() a kind of link rather than one a row."""
    initiative = url_for("learning:initiative-detail")
    add_action = _links("action-add", person)
    edit = _links("objective-edit", person)
    progress = _links("progress-add", person)
    edit_action = _links("action-edit", person, keys=2)
    for objective in objectives:
        objective.add_action_url = add_action(objective.pk)
        objective.edit_url = edit(objective.pk)
        objective.progress_url = progress(objective.pk)
        for action in objective.actions.all():
            action.edit_url = edit_action(objective.pk, action.pk)
            action.initiative_url = (
                initiative(action.initiative_id) if action.initiative_id else ""
            )
    for suggestion in suggestions:
        suggestion.url = initiative(suggestion.pk)


def _kept_action_forms(request, person, objectives):
    """The "Add action" form whose text was kept from an expired session, by objective."""
    add_action = _links("action-add", person)
    forms = {}
    for objective in objectives:
        data = kept.data(request, add_action(objective.pk))
        if data is not None:
            forms[objective.pk] = ActionForm(data)
    return forms


def _agree_errors(form, person):
    """The error summary of the agree form, each error linked to where it is put right."""
    put_right = {
        plans.PLACEMENT_FIRST: reverse("career-record", args=[person.pk]) + "#placement",
        plans.NO_OBJECTIVES: reverse("objective-add", args=[person.pk]),
    }
    return [
        {**error, "href": put_right.get(error["text"], error["href"])}
        for error in summary_errors(form)
    ]
