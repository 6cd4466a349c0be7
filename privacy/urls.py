"""Privacy URLs: a person's data out, who has read their records, erasure."""

from django.urls import include, path

from .erasure import views as erasure

app_name = "privacy"

urlpatterns = [
    path("", include("privacy.your_data.urls")),
    path("people/<num:pk>/erase/", erasure.erase_person, name="erase-person"),
]
