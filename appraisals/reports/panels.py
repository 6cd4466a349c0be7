"""HR's and administrators' home panel: the latest cycles' management information.
Registered by appraisals/cycles/panels.register()."""

from people.navigation import HomePanel, register_home_panel

from .. import access
from ..models import AppraisalCycle

LATEST = 5


def reports_panel(request):
    """Up to five opened cycles `request.user` may read figures for, newest first; one
    query for HR and administrators, none for anyone else."""
    if not access.can_read_reports(request.user):
        return None
    cycles = list(
        access.report_cycles_for(request.user)
        .exclude(status=AppraisalCycle.Status.DRAFT)
        .order_by("-year", "-opens_on", "-pk")[:LATEST]
    )
    if not cycles:
        return None
    return HomePanel("Appraisal management information",
                     "appraisals/reports/panel.html", {"cycles": cycles}, order=32)  # fmt: skip


def register():
    register_home_panel(reports_panel)
