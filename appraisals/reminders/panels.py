"""The home panel that links to the reminder preferences page (registered in
AppConfig.ready())."""

from people.navigation import HomePanel, register_home_panel

from .services import WEEKDAYS, digest_weekday, weekly_digest_for


def reminders_panel(request):
    context = {
        "weekly": weekly_digest_for(request.user),
        "weekday": WEEKDAYS[digest_weekday()],
    }
    return HomePanel("Reminder emails", "appraisals/reminders/panel.html", context, order=90)


def register():
    register_home_panel(reminders_panel)
