"""The home panel that links to the reminder preferences page (registered in
AppConfig.ready())."""

from people.navigation import (
    CompiledOnce,
    HomePanel,
    register_covers,
    register_home_panel,
    register_home_reads,
)

from ..models import ReminderPreference
from .services import WEEKDAYS, digest_weekday


def _weekly(pk):
    """services.weekly_digest_for, as a query compiled once (people.navigation)."""
    return ReminderPreference.objects.filter(person=pk, weekly_digest=True).values_list("pk")[:1]


_weekly_digest = CompiledOnce(_weekly)


def reminders_panel(request):
    context = {
        "weekly": bool(_weekly_digest.rows(request.user.pk)),
        "weekday": WEEKDAYS[digest_weekday()],
    }
    return HomePanel("Reminder emails", "appraisals/reminders/panel.html", context, order=90)


def home_reads(request):
    """What reminders_panel fetches (people.navigation, register_home_reads)."""
    return [_weekly_digest.read(request.user.pk)]


def register():
    register_home_panel(reminders_panel)
    register_home_reads(home_reads)
    # A setting of the person's own: in Your details' section, not Your appraisal's.
    register_covers("Your details", "appraisals:reminder-preferences", segments=3)
