from django.urls import path

from . import security_txt, views

urlpatterns = [
    path(".well-known/security.txt", security_txt.security_txt, name="security-txt"),
    path("downloads/<uuid:token>/", views.download_progress, name="download-progress"),
    path("downloads/<uuid:token>/pdf", views.download_file, name="download-file"),
]
