"""The home panel of bulk booklet exports, and the worker's periodic clean-up of them
(both registered by appraisals/cycles/panels.register)."""

from datetime import timedelta

from django.utils import timezone

from people.navigation import CompiledOnce, HomePanel, register_home_panel, register_home_reads

from .. import access

RECENT = timedelta(days=14)


def exports_panel(request):
    """HR's booklet exports of the last two weeks (newest first, at most five)."""
    user = request.user
    # Nobody else asks for any; and most of HR have none left (clean_up removes them):
    # that is found by a query compiled once (people.navigation).
    if not access.can_run_cycles(user) or not _any_asked_for.rows(user.pk):
        return None
    exports = list(
        access.exports_visible_to(user)
        .filter(created_at__gte=timezone.now() - RECENT)
        .select_related("unit", "cycle")[:5]
    )
    if not exports:
        return None
    return HomePanel("Booklets you asked for", "appraisals/exports/panel.html",
                     {"exports": exports}, order=32)  # fmt: skip


def _asked_for(pk):
    from ..models import BookletExport

    return BookletExport.objects.filter(requested_by=pk).values_list("pk").order_by()[:1]


_any_asked_for = CompiledOnce(_asked_for)


def home_reads(request):
    """What exports_panel fetches first (people.navigation, register_home_reads)."""
    if not access.can_run_cycles(request.user):
        return []
    return [_any_asked_for.read(request.user.pk)]


def clean_up():
    from .assembly import clean_up

    return clean_up()


def register():
    from frontend.management.commands.run_worker import every_few_minutes

    register_home_panel(exports_panel)
    register_home_reads(home_reads)
    every_few_minutes(clean_up)
