"""Appraisals URLs: cycles (HR), the appraisal (the person and their appraiser), the booklet."""

from django.urls import path

from .cycles import views as cycles

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
appraisal_urls = []


# The booklet ------------------------------------------------------------------
booklet_urls = []


urlpatterns = [*cycle_urls, *appraisal_urls, *booklet_urls]
