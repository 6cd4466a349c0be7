"""The people app's header links and home-page panels."""

from django.urls import reverse

from . import access, consent
from .models import Person
from .navigation import HomePanel, NavItem, NextStep


def nav(request):
    user = request.user
    items = [NavItem("Your details", reverse("person-me"), order=90)]
    # HR's scope paths: one query per request, which the home page's panels read again.
    if access.is_administrator(user) or access.hr_scope_paths(user):
        items.append(NavItem("Organisation", reverse("unit-list"), order=80))
        items.append(NavItem("Import from ESR", reverse("esr-import"), order=81))
    if access.is_administrator(user):
        items.append(NavItem("Administration", reverse("admin:index"), order=200))
    return items


def reports_panel(request):
    # The roles already say whether there are any active reports (no query if not).
    if not access.is_line_manager(request.user):
        return None
    reports = list(access.direct_reports(request.user))
    if not reports:
        return None
    return HomePanel(
        "Your direct reports",
        "people/panels/reports.html",
        {"reports": reports},
        order=20,
    )


def hr_panel(request):
    if not access.hr_scope_paths(request.user):
        return None
    units = list(access.hr_units(request.user))
    if not units:
        return None
    return HomePanel("People you support in HR", "people/panels/hr.html", {"units": units}, 30)


def lapsed_shares_panel(request):
    """What the person shared with a former line manager, to share again or not."""
    groups = consent.lapsed_shares_of(request.user)
    if not groups:
        return None
    context = {"groups": groups, "manager": request.user.line_manager}
    return HomePanel("Your line manager has changed", "people/panels/lapsed.html", context, 1)


def details_panel(request):
    # Team and line manager in the one query, not one each as the template reads them.
    person = Person.objects.select_related("unit", "line_manager").get(pk=request.user.pk)
    return HomePanel("Your details", "people/panels/details.html", {"person": person}, 90)


def next_steps(request):
    """Gaps in a person's own record stop later work (no manager: no conversation)."""
    person = request.user
    steps = []
    if person.line_manager_id is None and not person.is_staff:
        steps.append(
            NextStep(
                "Your record has no line manager. Ask HR to add one so you can share "
                "your reflection journal and hold your career conversation.",
                order=10,
            )
        )
    if person.unit_id is None and not person.is_staff:
        steps.append(NextStep("Your record has no team. Ask HR to add one.", order=11))
    return steps
