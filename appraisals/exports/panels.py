"""The home panel of bulk booklet exports, and the worker's periodic clean-up of them
(both registered by appraisals/cycles/panels.register)."""

from datetime import timedelta

from django.utils import timezone

from people.navigation import HomePanel, register_home_panel

from .. import access

RECENT = timedelta(days=14)


def exports_panel(request):
    """HR's booklet exports of the last two weeks (newest first, at most five)."""
    if not access.can_run_cycles(request.user):
        return None  # nobody else asks for any: not even a queryset to build
    exports = list(
        access.exports_visible_to(request.user)
        .filter(created_at__gte=timezone.now() - RECENT)
        .select_related("unit", "cycle")[:5]
    )
    if not exports:
        return None
    return HomePanel("Booklets you asked for", "appraisals/exports/panel.html",
                     {"exports": exports}, order=32)  # fmt: skip


def clean_up():
    from .assembly import clean_up

    return clean_up()


def register():
    from frontend.management.commands.run_worker import every_few_minutes

    register_home_panel(exports_panel)
    every_few_minutes(clean_up)
