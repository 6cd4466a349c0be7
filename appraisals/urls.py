"""Appraisals URLs: cycles (HR), the appraisal (the person and their appraiser), the booklet."""

app_name = "appraisals"

# Appraisal cycles ------------------------------------------------------------
cycle_urls = []


# The appraisal ----------------------------------------------------------------
appraisal_urls = []


# The booklet ------------------------------------------------------------------
booklet_urls = []


urlpatterns = [*cycle_urls, *appraisal_urls, *booklet_urls]
