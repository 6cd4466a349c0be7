"""Appraisals URLs: cycles (HR), the appraisal (the person and their appraiser), the booklet."""

from django.urls import path

from .appraisal import autosave
from .appraisal import views as appraisal
from .appraisal import views_signing as signing
from .booklet import views as booklet_views
from .cycles import views as cycles
from .esr import views as esr
from .exports import views as exports
from .reminders import views as reminders
from .reports.urls import urlpatterns as report_urls  # management information

app_name = "appraisals"

# Appraisal cycles ------------------------------------------------------------
cycle_urls = [
    path("cycles/", cycles.cycle_list, name="cycle-list"),
    path("cycles/new/", cycles.cycle_create, name="cycle-create"),
    path("cycles/<num:pk>/", cycles.cycle_detail, name="cycle-detail"),
    path("cycles/<num:pk>/change/", cycles.cycle_edit, name="cycle-edit"),
    path("cycles/<num:pk>/open/", cycles.cycle_open, name="cycle-open"),
    path("cycles/<num:pk>/joiners/", cycles.cycle_joiners, name="cycle-joiners"),
    path("cycles/<num:pk>/runs/<num:run_pk>/", cycles.run_progress, name="cycle-run"),
]


# The appraisal ----------------------------------------------------------------
one = "<num:pk>/"
objective = one + "objectives/<num:objective_pk>/"
appraisal_urls = [
    path("yours/", appraisal.your_appraisal, name="yours"),
    path("to-write/", appraisal.to_write, name="to-write"),
    path(one, appraisal.appraisal_detail, name="appraisal"),
    path(one + "start/", appraisal.appraisal_start, name="start"),
    path(one + "self-assessment/", appraisal.self_assessment, name="self-assessment"),
    path(
        one + "self-assessment/autosave/",
        autosave.self_assessment_autosave,
        name="self-assessment-autosave",
    ),
    path(one + "assessment/", appraisal.manager_assessment, name="manager-assessment"),
    path(
        one + "assessment/autosave/",
        autosave.manager_assessment_autosave,
        name="manager-assessment-autosave",
    ),
    path(one + "values/<num:discussion_pk>/", appraisal.value_edit, name="value"),
    path(one + "reviews/<num:review_pk>/", appraisal.review_edit, name="review"),
    path(one + "objectives/new/", appraisal.objective_edit, name="objective-add"),
    path(objective, appraisal.objective_edit, name="objective-edit"),
    path(objective + "remove/", appraisal.objective_remove, name="objective-remove"),
    path(one + "wellbeing/", appraisal.wellbeing, name="wellbeing"),
    path(one + "pay-progression/", appraisal.pay_progression, name="pay-progression"),
    path(one + "dates/", appraisal.dates, name="dates"),
    path(one + "check/", signing.check, name="check"),
    path(one + "sign/", signing.sign, name="sign"),
    path(one + "reopen/", appraisal.reopen, name="reopen"),
    path(one + "appraiser/", appraisal.assign_appraiser, name="assign-appraiser"),
]


# The booklet ------------------------------------------------------------------
booklet_urls = [
    path("<num:pk>/booklet/", booklet_views.booklet, name="appraisal-booklet"),
    path("<num:pk>/booklet/download/", booklet_views.booklet_pdf, name="appraisal-booklet-pdf"),
    path(
        "<num:pk>/booklet/sealed/<num:sealed_pk>/",
        booklet_views.booklet_sealed,
        name="appraisal-booklet-sealed",
    ),
    path("booklets/check/", booklet_views.booklet_check, name="booklet-check"),
]


# The ESR export of a cycle (HR) -------------------------------------------------
esr_urls = [
    path("cycles/<num:pk>/esr/", esr.esr_export, name="cycle-esr"),
    path("cycles/<num:pk>/esr/download/", esr.esr_download, name="cycle-esr-download"),
]


# Reminder emails ---------------------------------------------------------------
reminder_urls = [
    path("reminders/preferences/", reminders.preferences, name="reminder-preferences"),
]


# Bulk booklet exports (HR) ------------------------------------------------------
export_urls = [
    path("cycles/<num:pk>/booklets/", exports.export_start, name="booklet-export-start"),
    path("exports/<uuid:token>/", exports.export_progress, name="booklet-export"),
    path(
        "exports/<uuid:token>/download/", exports.export_download, name="booklet-export-download"
    ),
]


urlpatterns = [
    *cycle_urls,
    *appraisal_urls,
    *booklet_urls,
    *esr_urls,
    *reminder_urls,
    *report_urls,
    *export_urls,
]
