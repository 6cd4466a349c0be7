from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/", views.initiative_detail, name="initiative-detail"),
    path("catalogue/<int:pk>/save/", views.bookmark_add, name="bookmark-add"),
    path("catalogue/<int:pk>/unsave/", views.bookmark_remove, name="bookmark-remove"),
    path("saved/", views.saved, name="saved"),
    path("curate/", views.curate_list, name="curate-list"),
    path("curate/new/", views.curate_create, name="curate-create"),
    path("curate/import/", views.curate_import, name="curate-import"),
    path("curate/export.csv", views.curate_export, name="curate-export"),
    path("curate/<int:pk>/", views.curate_preview, name="curate-preview"),
    path("curate/<int:pk>/edit/", views.curate_edit, name="curate-edit"),
    path("curate/<int:pk>/publish/", views.curate_publish, name="curate-publish"),
    path("curate/<int:pk>/retire/", views.curate_retire, name="curate-retire"),
]
