"""The signed-in person's own equality monitoring answers: give, change or remove them.
Only ever the signed-in person's own; their reading them is not a read of someone
else's record, so nothing is written to the read audit."""

from django.contrib import messages
from django.shortcuts import redirect, render

from frontend import kept

from . import services
from .forms import EqualityForm

REMOVE = "remove"


def my_equality(request):
    """GET: the form with any saved answers. POST: save them, then back to the person's
    own page; a page from before removal needed confirming sends its "remove" button
    on to the question `remove_my_equality` asks."""
    saved = services.answers_of(request.user)
    if request.method == "POST" and REMOVE in request.POST:
        return redirect("my-equality-remove")
    form = EqualityForm(kept.data(request), initial=EqualityForm.initial_for(saved))
    if request.method == "POST" and form.is_valid():
        services.save_answers(request.user, **form.answers())
        messages.success(request, "Your equality monitoring answers have been saved.")
        return redirect("person-me")
    return render(request, "people/equality_form.html", {"form": form, "saved": saved})


def remove_my_equality(request):
    """GET: "Are you sure?", with a warning button and a way back (NHS.UK's pattern for
    an action that cannot be undone). POST: forget every answer, then back to the
    person's own page. With nothing saved, the page says so and offers no button."""
    saved = services.answers_of(request.user)
    if request.method == "POST" and saved is not None:
        services.remove_answers(request.user)
        messages.success(request, "Your equality monitoring answers have been removed.")
        return redirect("person-me")
    return render(request, "people/equality_remove.html", {"saved": saved})
