"""Reminders in the Django admin: what went to whom each week, read-only (a failed or
unconfirmed reminder shows why), and people's weekly-digest choices."""

from django.contrib import admin

from .models import ReminderPreference, ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "week", "items", "outcome", "claimed_at"]
    list_filter = ["kind", "week"]
    search_fields = ["person__email", "person__family_name"]
    date_hierarchy = "week"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "weekly_digest", "updated_at"]
    autocomplete_fields = ["person"]  # a search, not every person in a drop-down
    list_filter = ["weekly_digest"]
    search_fields = ["person__email", "person__family_name"]
