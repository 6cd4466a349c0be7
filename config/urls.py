"""Trellis URLs. Every pattern here has a row in tests/test_access_matrix.py."""

from django.contrib import admin
from django.urls import include, path

# Every number in a Trellis URL is a `<num:...>` (registered by frontend's AppConfig, so
# it exists whichever URL module is imported first): one too long for the database is a 404.

urlpatterns = [
    path("", include("people.urls")),
    path("", include("careers.urls")),
    path("learning/", include("learning.urls")),
    path("appraisals/", include("appraisals.urls")),
    path("", include("privacy.urls")),
    path("", include("frontend.urls")),
    path("admin/", admin.site.urls),
]

# A database outage answers 503 with Retry-After; anything else the plain 500 page.
handler500 = "frontend.outage.server_error"
