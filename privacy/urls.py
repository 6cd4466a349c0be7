"""Privacy URLs: a person's data out, who has read their records, erasure."""

from django.urls import include, path

app_name = "privacy"

urlpatterns = [
    path("", include("privacy.your_data.urls")),
]
