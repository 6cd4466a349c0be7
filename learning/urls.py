from django.urls import path

from . import views, views_cpd, views_evaluation

app_name = "learning"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<num:pk>/", views.initiative_detail, name="initiative-detail"),
    path("catalogue/<num:pk>/save/", views.bookmark_add, name="bookmark-add"),
    path("catalogue/<num:pk>/unsave/", views.bookmark_remove, name="bookmark-remove"),
    path("saved/", views.saved, name="saved"),
    path("curate/", views.curate_list, name="curate-list"),
    path("curate/new/", views.curate_create, name="curate-create"),
    path("curate/insights/", views.curate_insights, name="curate-insights"),
    path("curate/insights.csv", views.curate_insights_csv, name="curate-insights-csv"),
    path("curate/import/", views.curate_import, name="curate-import"),
    path("curate/export.csv", views.curate_export, name="curate-export"),
    path("curate/export.xlsx", views.curate_export_xlsx, name="curate-export-xlsx"),
    path("curate/<num:pk>/", views.curate_preview, name="curate-preview"),
    path("curate/<num:pk>/edit/", views.curate_edit, name="curate-edit"),
    path("curate/<num:pk>/results/", views.curate_results, name="curate-results"),
    path("curate/<num:pk>/results.csv", views.curate_results_csv, name="curate-results-csv"),
    path("curate/<num:pk>/results.xlsx", views.curate_results_xlsx, name="curate-results-xlsx"),
    path("curate/<num:pk>/publish/", views.curate_publish, name="curate-publish"),
    path("curate/<num:pk>/retire/", views.curate_retire, name="curate-retire"),
    path("cpd/", views_cpd.cpd_log, name="cpd-log"),
    path("cpd/new/", views_cpd.cpd_create, name="cpd-create"),
    path("cpd/export.csv", views_cpd.cpd_export_csv, name="cpd-export-csv"),
    path("cpd/export.pdf", views_cpd.cpd_export_pdf, name="cpd-export-pdf"),
    path("cpd/<num:pk>/", views_cpd.cpd_detail, name="cpd-detail"),
    path("cpd/<num:pk>/edit/", views_cpd.cpd_edit, name="cpd-edit"),
    path("cpd/<num:pk>/evidence/", views_cpd.cpd_evidence_add, name="cpd-evidence-add"),
    path("cpd/<num:pk>/evaluate/", views_evaluation.evaluate, name="cpd-evaluate"),
    path("cpd/<num:pk>/follow-up/", views_evaluation.follow_up, name="cpd-follow-up"),
    path("cpd/evidence/<num:pk>/", views_cpd.cpd_evidence, name="cpd-evidence"),
    path(
        "cpd/evidence/<num:pk>/remove/", views_cpd.cpd_evidence_remove, name="cpd-evidence-remove"
    ),
    path("cpd/team/<num:person_pk>/", views_cpd.cpd_team, name="cpd-team"),
]
