"""Management-information URLs, included by appraisals/urls.py under a cycle."""

from django.urls import path

from . import views

urlpatterns = [
    path("cycles/<num:pk>/reports/", views.dashboard, name="reports"),
    path("cycles/<num:pk>/reports/overdue/", views.overdue, name="reports-overdue"),
    path("cycles/<num:pk>/reports/appraisers/", views.appraisers, name="reports-appraisers"),
    path(
        "cycles/<num:pk>/reports/<slug:table>.<slug:fmt>", views.download, name="reports-download"
    ),
]
