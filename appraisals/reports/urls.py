"""Management-information URLs, included by appraisals/urls.py under a cycle."""

from django.urls import path

from . import equality_views, views

urlpatterns = [
    path("cycles/<num:pk>/reports/", views.dashboard, name="reports"),
    path("cycles/<num:pk>/reports/overdue/", views.overdue, name="reports-overdue"),
    path("cycles/<num:pk>/reports/appraisers/", views.appraisers, name="reports-appraisers"),
    path("cycles/<num:pk>/reports/equality/", equality_views.page, name="reports-equality"),
    path(
        "cycles/<num:pk>/reports/equality/<slug:table>.<slug:fmt>",
        equality_views.download,
        name="reports-equality-download",
    ),
    path(
        "cycles/<num:pk>/reports/<slug:table>.<slug:fmt>", views.download, name="reports-download"
    ),
]
