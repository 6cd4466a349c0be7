"""The administrator's view of the catalogue's vocabulary and initiatives.

LED curate initiatives in Trellis itself (learning/curate/); the admin is where
administrators edit the shared vocabulary (labels, descriptions, shares)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from config.admin_site import FieldsNamedOnce
from frontend.admin_deletes import CountedDeletes

from .models import (
    FOLLOW_UP_MAX_ATTEMPTS,
    Evaluation,
    GrowthDirection,
    ImpactLevel,
    Initiative,
    LearningCategory,
)


class VocabularyAdmin(FieldsNamedOnce, CountedDeletes, SimpleHistoryAdmin):
    # A term in use is not deleted: not even the catalogue's tags, whose removal would
    # leave the catalogue's cached pages showing it (browse.SIGNALLED hears no delete).
    in_use_advice = (
        "Change the records that use it to another term first, or change its name and "
        "description instead."
    )
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
class InitiativeAdmin(FieldsNamedOnce, CountedDeletes, SimpleHistoryAdmin):
    # People's bookmarks would go with it (CASCADE): in use, like its CPD entries.
    in_use_advice = (
        "Retire it in Trellis instead: it leaves the catalogue, and the records that use "
        "it keep it."
    )
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


class FollowUpFailed(admin.SimpleListFilter):
    title = "follow-up email"
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [("failed", "Failed"), ("given_up", "Not sent, no more tries")]

    def queryset(self, request, queryset):
        unsent = queryset.filter(follow_up_sent_at__isnull=True, follow_up_failed_at__isnull=False)
        if self.value() == "failed":
            return unsent
        if self.value() == "given_up":
            return unsent.filter(follow_up_attempts__gte=FOLLOW_UP_MAX_ATTEMPTS)
        return queryset


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """Where each follow-up email stands, for LED and administrators. Read only, and
    without the person: evaluations are LED's without names."""

    list_display = [
        "initiative",
        "evaluated_at",
        "follow_up_due",
        "follow_up_email",
        "follow_up_attempts",
        "follow_up_error",
    ]
    list_filter = [FollowUpFailed]
    list_select_related = ["initiative"]

    def get_queryset(self, request):
        # The page names the initiative evaluated: read with the evaluation.
        return super().get_queryset(request).select_related("initiative")

    fields = readonly_fields = [
        "initiative",
        "evaluated_at",
        "follow_up_due",
        "follow_up_email",
        "follow_up_queued_at",
        "follow_up_sending_at",
        "follow_up_sent_at",
        "follow_up_attempts",
        "follow_up_failed_at",
        "follow_up_error",
    ]
    actions = ["try_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Try the follow-up email again", permissions=["view"])
    def try_again(self, request, queryset):
        count = queryset.filter(follow_up_sent_at__isnull=True, applied_at__isnull=True).update(
            follow_up_attempts=0,
            follow_up_queued_at=None,
            follow_up_sending_at=None,  # the person checked: it did not go
            follow_up_failed_at=None,
        )
        emails = "email" if count == 1 else "emails"
        self.message_user(request, f"{count} follow-up {emails} will be tried again.")
