"""The page where a person chooses how they get reminder emails."""

from django.contrib import messages
from django.shortcuts import redirect, render

from frontend import kept

from .. import access
from . import services
from .forms import WEEKLY, WHEN_DUE, PreferenceForm
from .services import WEEKDAYS, digest_weekday


def preferences(request):
    """GET: the choice as it stands. POST: save it (the signed-in person's own only)."""
    access.require_reminder_preferences(request.user)
    weekday = WEEKDAYS[digest_weekday()]
    current = services.weekly_digest_for(request.user)
    form = PreferenceForm(
        kept.data(request), weekday=weekday, initial={"how": WEEKLY if current else WHEN_DUE}
    )
    if request.method == "POST" and form.is_valid():
        weekly = form.cleaned_data["how"] == WEEKLY
        services.set_weekly_digest(request.user, weekly)
        messages.success(
            request,
            f"You will get one reminder email a week, on {weekday}s."
            if weekly
            else "You will get a reminder email when something is due.",
        )
        return redirect("home")
    return render(request, "appraisals/reminders/preferences.html", {"form": form})
