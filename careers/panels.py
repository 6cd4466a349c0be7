"""The careers app's header link, next steps and home-page panels."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from people.access import is_line_manager
from people.navigation import HomePanel, NavItem, NextStep

from . import access, team
from .journal import services
from .models import DevelopmentPlan, Placement, SectionState
from .plan import services as plans


def nav(request):
    items = [
        NavItem("Your journal", reverse("journal-home"), order=10),
        NavItem("Your career", reverse("career-record", args=[request.user.pk]), order=15),
    ]
    if is_line_manager(request.user):
        items.append(NavItem("My team", reverse("my-team"), order=5))
    return items


def career_steps(request):
    """Placements and plans waiting for this person's agreement, and plan reviews
    that are due."""
    user, year, today = request.user, services.appraisal_year(), timezone.localdate()
    steps = []
    waiting = (
        Placement.objects.filter(year=year, status=Placement.Status.PROPOSED)
        .filter(person__in=team.self_and_reports(user, active=False))
        .exclude(proposed_by=user)
        .select_related("person")
    )
    for placement in waiting:
        whose = "your" if placement.person_id == user.pk else f"{placement.person.full_name}'s"
        steps.append(
            NextStep(
                f"Agree or disagree {whose} Scope for Growth placement",
                reverse("career-record", args=[placement.person_id]),
                order=5,
            )
        )
    for plan in plans.awaiting_agreement_of(user, year):
        whose = "your" if plan.person_id == user.pk else f"{plan.person.full_name}'s"
        steps.append(
            NextStep(
                f"Agree {whose} development plan", reverse("plan", args=[plan.person_id]), order=6
            )  # fmt: skip
        )
    steps.extend(_manager_steps(user, year, today))
    plan = DevelopmentPlan.objects.filter(person=user, year=year).first()
    if plan and plan.review_date:
        due = plan.review_date.strftime("%-d %B %Y")
        if plan.review_date <= today + timedelta(days=30):
            steps.append(
                NextStep(
                    "Review your development plan with your line manager",
                    reverse("plan", args=[user.pk]),
                    due=due,
                    order=15,
                )
            )
    return steps


def next_steps(request):
    year = services.appraisal_year()
    journal = access.own_journals(request.user).filter(year=year).first()
    if journal is None:
        return [NextStep("Start your reflection journal", reverse("journal-home"), order=20)]
    if journal.status == journal.Status.READY:
        return []
    states = journal.section_states.all()
    done = sum(s.status == SectionState.Status.COMPLETED for s in states)
    text = f"Continue your reflection journal ({done} of {len(states)} sections completed)"
    return [NextStep(text, reverse("journal-tasks", args=[year]), order=20)]


def shared_with_me_panel(request):
    journals = list(access.reports_sharing_with(request.user).order_by("person__family_name"))
    if not journals:
        return None
    people = list({j.person.pk: j.person for j in journals}.values())
    return HomePanel(
        "Journals shared with you", "careers/panels/shared.html", {"people": people}, order=25
    )


def _manager_steps(user, year, today):
    """For line managers: how many career conversations are due in their team."""
    if not is_line_manager(user):
        return []
    rows = team.team_overview(manager=user, year=year, today=today)
    due = sum(team.CONVERSATION_DUE in row.overdue for row in rows)
    if not due:
        return []
    text = f"{due} career conversation{'s are' if due > 1 else ' is'} due in your team"
    return [NextStep(text, reverse("my-team"), order=8)]
