"""Navigation, next steps and the home panel of the appraisal (registered in
AppConfig.ready()): "Your appraisal" for everyone, "Appraisals to write" for the
people who write them, and what waits for each of them."""

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse

from people.access import is_line_manager
from people.navigation import (
    HomePanel,
    NavItem,
    NextStep,
    register_home_panel,
    register_nav,
    register_next_steps,
)

from .models import Appraisal, AppraisalEvent
from .services import OPEN, Action, Status


def nav(request):
    items = [NavItem("Your appraisal", reverse("appraisals:yours"), order=20)]
    if is_line_manager(request.user):
        items.append(NavItem("Appraisals to write", reverse("appraisals:to-write"), order=21))
    return items


def _waiting(user):
    """The open appraisals `user` writes (as the person or appraiser), with who last
    changed each after it was signed (one query)."""
    cleared_by = AppraisalEvent.objects.filter(
        appraisal=OuterRef("pk"), action=Action.SIGNATURES_CLEARED
    ).order_by("-at", "-pk")
    return (
        Appraisal.objects.filter(Q(person=user) | Q(appraiser=user), status__in=OPEN)
        .annotate(cleared_by=Subquery(cleared_by.values("actor_id")[:1]))
        .annotate(
            last_action=Subquery(
                AppraisalEvent.objects.filter(appraisal=OuterRef("pk"))
                .order_by("-at", "-pk")
                .values("action")[:1]
            )
        )  # fmt: skip
        .select_related("person")
        .order_by("person__family_name", "pk")
    )


def next_steps(request):
    user, steps = request.user, []
    for a in _waiting(user):
        url = reverse("appraisals:appraisal", args=[a.pk])
        changed_by_other = a.cleared_by is not None and a.cleared_by != user.pk
        if a.person_id == user.pk:
            steps.extend(_person_steps(a, url, changed_by_other))
        else:
            steps.extend(_appraiser_steps(a, url, changed_by_other))
    for a in Appraisal.objects.filter(person=user, status=Status.NOT_STARTED):
        url = reverse("appraisals:appraisal", args=[a.pk])
        steps.append(NextStep("Start preparing for your appraisal", url, order=10))
    return steps


def _person_steps(a, url, changed_by_other):
    if a.status == Status.PREPARING:
        return [NextStep("Write and submit your appraisal self-assessment", url, order=10)]
    if a.status == Status.AWAITING_PERSON and changed_by_other:
        text = "Your appraisal was changed after it was signed: read it and sign it again"
        return [NextStep(text, reverse("appraisals:sign", args=[a.pk]), order=4)]
    if a.status == Status.AWAITING_PERSON:
        return [NextStep("Read and sign your appraisal", reverse("appraisals:sign", args=[a.pk]),
                         order=4)]  # fmt: skip
    return []


def _appraiser_steps(a, url, changed_by_other):
    name = a.person.full_name
    if a.status == Status.MANAGER_WRITING and a.last_action == Action.RETURNED_TO_APPRAISER:
        text = f"{name} changed their appraisal after you submitted it: read it and submit again"
        return [NextStep(text, url, order=8)]
    if a.status == Status.MANAGER_WRITING:
        return [NextStep(f"Write your part of {name}'s appraisal", url, order=9)]
    if a.status == Status.AWAITING_MANAGER:
        return [NextStep(f"Sign {name}'s appraisal", reverse("appraisals:sign", args=[a.pk]),
                         order=4)]  # fmt: skip
    if a.status == Status.AWAITING_PERSON and changed_by_other:
        text = f"{name} changed their appraisal after signing it: it waits for them to sign again"
        return [NextStep(text, url, order=12)]
    return []


def to_write_panel(request):
    rows = list(
        Appraisal.objects.filter(appraiser=request.user, status__in=OPEN)
        .exclude(person=request.user)
        .select_related("person")
        .order_by("person__family_name", "pk")
    )
    if not rows:
        return None
    return HomePanel(
        "Appraisals to write", "appraisals/appraisal/panels/to_write.html", {"rows": rows},
        order=24,
    )  # fmt: skip


def register():
    """Register this topic's navigation items, next steps and home panels."""
    register_nav(nav)
    register_next_steps(next_steps)
    register_home_panel(to_write_panel)
