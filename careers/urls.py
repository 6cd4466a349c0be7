from django.urls import path

from . import views

section = "journal/<int:year>/sections/<slug:key>/"

urlpatterns = [
    path("journal/", views.journal_home, name="journal-home"),
    path("journal/start/", views.journal_start, name="journal-start"),
    path("journal/<int:year>/", views.journal_tasks, name="journal-tasks"),
    path("journal/<int:year>/check/", views.journal_check, name="journal-check"),
    path("journal/<int:year>/pdf/", views.journal_pdf, name="journal-pdf"),
    path(section, views.journal_section, name="journal-section"),
    path(section + "autosave/", views.journal_autosave, name="journal-autosave"),
    path(section + "share/", views.journal_share, name="journal-share"),
    path(section + "withdraw/", views.journal_withdraw, name="journal-withdraw"),
    path("journal/shared/<int:person_pk>/", views.shared_journal, name="shared-journal"),
    path(
        "journal/shared/<int:person_pk>/<int:year>/<slug:key>/",
        views.shared_section,
        name="shared-section",
    ),
]
