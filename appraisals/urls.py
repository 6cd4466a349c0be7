"""Appraisals URLs: cycles (HR), the appraisal (the person and their appraiser), the booklet."""

from django.urls import path

from .booklet import views as booklet_views

app_name = "appraisals"

# Appraisal cycles ------------------------------------------------------------
cycle_urls = []


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
