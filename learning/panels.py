"""The learning app's header links and home-page panel."""

from django.db.models import Count
from django.urls import reverse

from people.navigation import HomePanel, NavItem, NextStep

from . import access, services


def nav(request):
    items = [NavItem("Learning", reverse("learning:catalogue"), order=40)]
    if access.can_curate(request.user):
        items.append(NavItem("Curate catalogue", reverse("learning:curate-list"), order=45))
    return items


def led_panel(request):
    if not access.can_curate(request.user):
        return None
    rows = access.initiatives_curated_by(request.user).values("status").annotate(n=Count("pk"))
    counts = {"draft": 0, "published": 0, "retired": 0}
    counts.update({row["status"]: row["n"] for row in rows.order_by()})
    return HomePanel("The learning catalogue", "learning/panels/led.html", {"counts": counts}, 40)


def next_steps(request):
    """Finished learning from the catalogue to evaluate, and follow-ups that are due."""
    if not request.user.is_authenticated:
        return []
    steps = []
    for entry in services.evaluation_steps(person=request.user):
        evaluation = services.evaluation_of(entry)
        if evaluation is None:
            steps.append(
                NextStep(
                    f"Evaluate ‘{entry.initiative.title}’",
                    reverse("learning:cpd-evaluate", args=[entry.pk]),
                    order=40,
                )
            )
        else:
            steps.append(
                NextStep(
                    f"Tell us how you have used what you learned from ‘{entry.initiative.title}’",
                    reverse("learning:cpd-follow-up", args=[entry.pk]),
                    due=evaluation.follow_up_due.strftime("%-d %B %Y"),
                    order=35,
                )
            )
    return steps
