"""URLs of a person's data out (included by privacy/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("your-data/", views.your_data, name="your-data"),
    path("your-data/<uuid:token>/", views.progress, name="your-data-progress"),
    path("your-data/<uuid:token>/download/", views.download, name="your-data-download"),
    path("people/<num:pk>/subject-access/", views.subject_access, name="subject-access"),
]
