"""Appraisals URLs: cycles (HR), the appraisal (the person and their appraiser), the booklet."""

from django.urls import path

from .booklet import views as booklet_views
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


urlpatterns = [*cycle_urls, *appraisal_urls, *booklet_urls]
