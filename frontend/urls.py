from django.urls import path

from . import security_txt, statements, views

urlpatterns = [
    path("accessibility/", statements.accessibility_statement, name="accessibility"),
    path(".well-known/security.txt", security_txt.security_txt, name="security-txt"),
    path("downloads/<uuid:token>/", views.download_progress, name="download-progress"),
    path("downloads/<uuid:token>/pdf", views.download_file, name="download-file"),
]
