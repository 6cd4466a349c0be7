"""Evaluation of learning: the person's evaluation of finished learning from the
catalogue (levels 1 and 2), and the follow-up three months later (level 3). Thin views:
access.py says which entries a person may evaluate; services.py writes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from frontend import kept

from . import access, services
from .forms import (
    EvaluationForm,
    FollowUpForm,
    after_stale_edit,
    saved_evaluation,
    saved_follow_up,
)


def _posted(request):
    """The posted data, the text kept from an expired session (frontend.kept), or None."""
    return kept.data(request)


def _entry(request, pk):
    return get_object_or_404(
        access.evaluable_entries_of(request.user).select_related("initiative", "evaluation"),
        pk=pk,
    )


def evaluate(request, pk):
    entry = _entry(request, pk)
    evaluation = services.evaluation_of(entry)
    form = EvaluationForm(
        _posted(request), outcomes=entry.initiative.outcome_list, evaluation=evaluation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluate(
                entry=entry, version=form.cleaned_data["version"], **form.service_fields()
            )
        except services.StaleEdit as stale:
            outcomes = entry.initiative.outcome_list
            saved = saved_evaluation(stale.current, outcomes)
            form = after_stale_edit(
                request, EvaluationForm, stale.current, saved, outcomes=outcomes
            )
        else:
            messages.success(
                request,
                "Thank you. Your evaluation is saved."
                if evaluation is None
                else "Your evaluation is updated.",
            )
            return redirect(entry)
    return render(
        request,
        "learning/evaluation/form.html",
        {"form": form, "entry": entry, "evaluation": evaluation},
    )


def follow_up(request, pk):
    entry = _entry(request, pk)
    evaluation = services.evaluation_of(entry)
    if evaluation is None:
        raise Http404("Evaluate the learning first")
    form = FollowUpForm(_posted(request), evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            version = form.cleaned_data["version"]
            services.record_follow_up(
                evaluation=evaluation, version=version, **form.service_fields()
            )
        except services.StaleEdit as stale:
            current = stale.current
            form = after_stale_edit(
                request, FollowUpForm, current, saved_follow_up(current), evaluation=current
            )
        else:
            messages.success(request, "Thank you. Your answer is saved.")
            return redirect(entry)
    return render(
        request,
        "learning/evaluation/follow_up.html",
        {"form": form, "entry": entry, "evaluation": evaluation},
    )
