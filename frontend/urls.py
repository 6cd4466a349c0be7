from django.urls import path

from . import views

urlpatterns = [
    path("downloads/<uuid:token>/", views.download_progress, name="download-progress"),
    path("downloads/<uuid:token>/pdf", views.download_file, name="download-file"),
]
