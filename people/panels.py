"""The people app's header links and home-page panels."""

from django.db.models import Exists, OuterRef

from . import access, consent
from .models import HRScope, OrganisationUnit, Person
from .navigation import SHOWN, CompiledOnce, HomePanel, NavItem, NextStep, covering, link, url_for


def nav(request):
    user = request.user
    # A person's pages (/people/<pk>/…): one's own in Your details, others' for HR in
    # Organisation.
    mine, people = url_for("person-detail")(user.pk), covering("person-me")
    items = [NavItem("Your details", link("person-me"), order=90, covers=(mine,), own=True)]
    # HR's scope paths: one query per request, which the home page's panels read again.
    if access.is_administrator(user) or access.hr_scope_paths(user):
        items.append(NavItem("Organisation", link("unit-list"), order=80, covers=(people,)))
        items.append(NavItem("Import from ESR", link("esr-import"), order=81))
    if access.is_administrator(user):
        items.append(NavItem("Administration", link("admin:index"), order=200))
    return items


def reports_panel(request):
    # The roles already say whether there are any active reports (no query if not).
    if not access.is_line_manager(request.user):
        return None
    rows = _reports.rows(request.user.pk)
    if not rows:
        return None
    # Names and titles only, of the first few: My team lists everyone. Each name opens
    # the report's career record, as on My team (their staff record has nothing to do).
    url = url_for("career-record")
    reports = [
        {"url": url(pk), "full_name": f"{given} {family}".strip() or email, "job_title": title}
        for pk, given, family, email, title in rows[:SHOWN]
    ]
    context = {
        "reports": reports,
        "count": len(rows),
        "more": len(rows) - len(reports),
        "team_url": link("my-team"),
    }
    return HomePanel("Your direct reports", "people/panels/reports.html", context, order=20)


def _reports_of(pk):
    return (
        access.direct_reports(pk)
        .order_by("family_name", "given_name", "pk")
        .values_list("pk", "given_name", "family_name", "email", "job_title")
    )


_reports = CompiledOnce(_reports_of)


def _hr_units_of(pk):
    """The top units of the person `pk`'s HR scope (access.hr_units, for HR)."""
    scopes = HRScope.objects.filter(person=pk).values("unit")
    return OrganisationUnit.objects.filter(pk__in=scopes).values_list("pk", "name", "kind")


_hr_units = CompiledOnce(_hr_units_of)


def hr_panel(request):
    if not access.hr_scope_paths(request.user):
        return None
    units = [
        {"pk": pk, "name": name, "kind": OrganisationUnit.Kind(kind).label}
        for pk, name, kind in _hr_units.rows(request.user.pk)
    ]
    if not units:
        return None
    return HomePanel("People you support in HR", "people/panels/hr.html", {"units": units}, 30)


def _own_of(pk):
    """The person `pk`'s team and line manager by name (details_panel), then for each
    shareable model whether they have a lapsed share of it (consent.lapsed: the question
    consent.lapsed_shares_of asks first). One row; one statement for both panels, where
    there were two."""
    lapsed = {
        f"lapsed_{n}": Exists(
            model.objects.filter(consent.lapsed(model), **{model.owner_path: OuterRef("pk")})
        )
        for n, model in enumerate(consent.shareable_models())
    }
    return (
        Person.objects.filter(pk=pk)
        .annotate(**lapsed)
        .values_list(
            "unit__name",
            "line_manager__given_name",
            "line_manager__family_name",
            "line_manager__email",
            *lapsed,
        )
    )


_own = CompiledOnce(_own_of)
_OWN_CACHE = "_trellis_people_own"


def _own_row(user):
    """_own_of's row for `user`, read once per request object."""
    row = getattr(user, _OWN_CACHE, None)
    if row is None:
        rows = _own.rows(user.pk)
        row = rows[0] if rows else (None, None, None, None)
        setattr(user, _OWN_CACHE, row)
    return row


def lapsed_shares_panel(request):
    """What the person shared with a former line manager, to share again or not. Most
    people have none: that is found with their details (_own_of), and only someone with
    lapsed shares has them read as records."""
    if not any(_own_row(request.user)[4:]):
        return None
    groups = consent.lapsed_shares_of(request.user)
    if not groups:
        return None
    context = {"groups": groups, "manager": request.user.line_manager}
    return HomePanel("Your line manager has changed", "people/panels/lapsed.html", context, 1)


def details_panel(request):
    """The person's job title, team and line manager: the names of the last two read
    with whether they have lapsed shares (_own_of), not a model each as the template
    reads them (docs/adr/0048)."""
    person = request.user
    unit, given, family, email = _own_row(person)[:4]
    manager = f"{given or ''} {family or ''}".strip() or email
    context = {"job_title": person.job_title, "unit": unit or "", "line_manager": manager or ""}
    return HomePanel("Your details", "people/panels/details.html", context, 90)


def home_reads(request):
    """What this app's home panels fetch for the person (people.navigation,
    register_home_reads): their details and lapsed shares, their reports, their HR units."""
    user = request.user
    reads = [] if hasattr(user, _OWN_CACHE) else [_own.read(user.pk)]
    if access.is_line_manager(user):
        reads.append(_reports.read(user.pk))
    if access.hr_scope_paths(user):
        reads.append(_hr_units.read(user.pk))
    return reads


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
