from django.urls import path
from django.views.generic import RedirectView

from .conversation import views as talk
from .journal import views
from .plan import views as plan

section = "journal/<num:year>/sections/<slug:key>/"
career = "career/<num:person_pk>/"
objective = career + "plan/objectives/<num:objective_pk>/"

urlpatterns = [
    path("journal/", views.journal_home, name="journal-home"),
    path("journal/start/", views.journal_start, name="journal-start"),
    path("journal/<num:year>/", views.journal_tasks, name="journal-tasks"),
    path("journal/<num:year>/check/", views.journal_check, name="journal-check"),
    path("journal/<num:year>/pdf/", views.journal_pdf, name="journal-pdf"),
    path(section, views.journal_section, name="journal-section"),
    path(section + "autosave/", views.journal_autosave, name="journal-autosave"),
    path(section + "share/", views.journal_share, name="journal-share"),
    path(section + "withdraw/", views.journal_withdraw, name="journal-withdraw"),
    # Under My team: a report's shared journal is the manager's team, not their own journal
    # (the menu marks the longest URL the page is under as the current section).
    path("team/<num:person_pk>/journal/", views.shared_journal, name="shared-journal"),
    path(
        "team/<num:person_pk>/journal/<num:year>/<slug:key>/",
        views.shared_section,
        name="shared-section",
    ),
    # Their addresses before, kept for bookmarks and for the reads recorded with them
    # (people.audit.what_was_read names a read by its address): each sends on, and the
    # page it sends to decides who may read it.
    path(
        "journal/shared/<num:person_pk>/",
        RedirectView.as_view(pattern_name="shared-journal", permanent=True),
        name="shared-journal-moved",
    ),
    path(
        "journal/shared/<num:person_pk>/<num:year>/<slug:key>/",
        RedirectView.as_view(pattern_name="shared-section", permanent=True),
        name="shared-section-moved",
    ),
    path("team/", talk.my_team, name="my-team"),
    path(career, talk.career_record, name="career-record"),
    path(career + "conversations/new/", talk.conversation_start, name="conversation-start"),
    path("conversations/<num:pk>/", talk.conversation_detail, name="conversation"),
    path("conversations/<num:pk>/notes/", talk.conversation_note, name="conversation-note"),
    path("conversations/<num:pk>/cancel/", talk.conversation_cancel, name="conversation-cancel"),
    path(
        "conversations/<num:pk>/preparation/",
        talk.conversation_preparation,
        name="conversation-preparation",
    ),
    path(career + "placement/", talk.placement_propose, name="placement-propose"),
    path(career + "placement/respond/", talk.placement_respond, name="placement-respond"),
    path(career + "plan/", plan.plan_detail, name="plan"),
    path(career + "plan/objectives/new/", plan.objective_edit, name="objective-add"),
    path(objective, plan.objective_edit, name="objective-edit"),
    path(objective + "actions/", plan.action_add, name="action-add"),
    path(objective + "actions/<num:action_pk>/", plan.action_edit, name="action-edit"),
    path(objective + "progress/", plan.progress_add, name="progress-add"),
    path(career + "plan/suggestions/", plan.suggestion_add, name="suggestion-add"),
    path(career + "plan/agree/", plan.plan_agree, name="plan-agree"),
]
