"""The careers app's header link, next steps and home-page panels."""

from django.urls import reverse

from people.navigation import HomePanel, NavItem, NextStep

from . import access, services
from .models import SectionState


def nav(request):
    return [NavItem("Your journal", reverse("journal-home"), order=10)]


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
