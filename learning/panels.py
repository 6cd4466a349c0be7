"""The learning app's header links and home-page panel."""

from django.db.models import Count, Q

from people.navigation import CompiledOnce, HomePanel, NavItem, NextStep, covering, link, url_for

from . import access, services
from .models import CPDEntry


def nav(request):
    # The catalogue, the CPD log and saved learning are all Learning; a report's CPD
    # entry, read by their line manager, is not the reader's (own: My team instead).
    learning = covering("learning:catalogue")
    items = [
        NavItem("Learning", link("learning:catalogue"), order=40, covers=(learning,), own=True)
    ]
    if access.can_curate(request.user):
        items.append(NavItem("Curate catalogue", link("learning:curate-list"), order=45))
    return items


def led_panel(request):
    if not access.can_curate(request.user):
        return None
    rows = access.initiatives_curated_by(request.user).values("status").annotate(n=Count("pk"))
    counts = {"draft": 0, "published": 0, "retired": 0}
    counts.update({row["status"]: row["n"] for row in rows.order_by()})
    return HomePanel("The learning catalogue", "learning/panels/led.html", {"counts": counts}, 40)


def _may_wait(pk):
    """Finished learning from the catalogue not yet evaluated, or whose use is not yet
    told: what services.evaluation_steps narrows by date. Most people have none."""
    return (
        CPDEntry.objects.filter(person=pk, initiative__isnull=False, done=True)
        .filter(Q(evaluation__isnull=True) | Q(evaluation__applied_at__isnull=True))
        .values_list("pk")
        .order_by()[:1]
    )


_any_may_wait = CompiledOnce(_may_wait)


def home_reads(request):
    """What next_steps fetches first (people.navigation, register_home_reads)."""
    return [_any_may_wait.read(request.user.pk)]


def next_steps(request):
    """Finished learning from the catalogue to evaluate, and follow-ups that are due.
    Asked first with a query compiled once (people.navigation), as most people have
    none; evaluation_steps reads the few who do."""
    if not request.user.is_authenticated or not _any_may_wait.rows(request.user.pk):
        return []
    steps = []
    for entry in services.evaluation_steps(person=request.user):
        evaluation = services.evaluation_of(entry)
        if evaluation is None:
            steps.append(
                NextStep(
                    f"Evaluate ‘{entry.initiative.title}’",
                    url_for("learning:cpd-evaluate")(entry.pk),
                    order=40,
                )
            )
        else:
            steps.append(
                NextStep(
                    f"Tell us how you have used what you learned from ‘{entry.initiative.title}’",
                    url_for("learning:cpd-follow-up")(entry.pk),
                    due=evaluation.follow_up_due.strftime("%-d %B %Y"),
                    order=35,
                )
            )
    return steps
