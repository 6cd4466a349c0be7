"""The administrator's view of the catalogue's vocabulary and initiatives.

LED curate initiatives in Trellis itself (learning/curate/); the admin is where
administrators edit the shared vocabulary (labels, descriptions, shares)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GrowthDirection, ImpactLevel, Initiative, LearningCategory


class VocabularyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "order"]
    ordering = ["order", "name"]

    def get_readonly_fields(self, request, obj=None):
        # Code refers to terms by slug: it is set once, when a term is added.
        return ["slug"] if obj else []


@admin.register(LearningCategory)
class LearningCategoryAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "share_percent", "order"]


@admin.register(GrowthDirection)
class GrowthDirectionAdmin(VocabularyAdmin):
    pass


@admin.register(ImpactLevel)
class ImpactLevelAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "colour", "order"]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "category", "format", "status", "updated_at"]
    list_filter = ["status", "category", "directions", "levels", "format", "cost_type"]
    search_fields = ["title", "summary", "tags"]
    list_select_related = ["category"]
    filter_horizontal = ["directions", "levels"]
    readonly_fields = ["status", "published_at", "retired_at", "version"]
    raw_id_fields = ["owner"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # an open edit page in Trellis then refuses a stale save
        super().save_model(request, obj, form, change)
