"""Appraisals URLs: cycles (HR), the appraisal (the person and their appraiser), the booklet."""

from django.urls import path

from .appraisal import autosave
from .appraisal import views as appraisal

app_name = "appraisals"

# Appraisal cycles ------------------------------------------------------------
cycle_urls = []


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
    path(one + "check/", appraisal.check, name="check"),
    path(one + "sign/", appraisal.sign, name="sign"),
    path(one + "reopen/", appraisal.reopen, name="reopen"),
]


# The booklet ------------------------------------------------------------------
booklet_urls = []


urlpatterns = [*cycle_urls, *appraisal_urls, *booklet_urls]
