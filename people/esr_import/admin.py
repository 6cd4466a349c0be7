"""The ESR import's column mapping in the administration site (docs/esr-import.md)."""

from django.contrib import admin

from .models import EsrColumnMapping


@admin.register(EsrColumnMapping)
class EsrColumnMappingAdmin(admin.ModelAdmin):
    """One mapping is active at a time; with none, the ESR staff list's headings are
    used (each field's default)."""

    list_display = ["name", "is_active"]
    fieldsets = (
        (None, {"fields": ("name", "is_active")}),
        (
            "People",
            {
                "fields": (
                    "employee_number",
                    "assignment_number",
                    "title",
                    "first_name",
                    "last_name",
                    "email",
                    "position_title",
                    "supervisor",
                    "pay_band",
                    "staff_group",
                    "start_date",
                )
            },
        ),  # fmt: skip
        (
            "Organisation",
            {
                "fields": (
                    "org_level_1",
                    "org_level_2",
                    "org_level_3",
                    "org_level_4",
                    "org_level_5",
                    "org_level_6",
                    "org_path",
                    "path_separator",
                )
            },
        ),  # fmt: skip
        ("Leavers", {"fields": ("status", "leaver_statuses", "absent_are_leavers")}),
    )
