"""Appraisal cycles, the values-based appraisal, sign-off and the sealed booklet."""

from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "appraisals"
    verbose_name = "Appraisals"

    def ready(self):
        # Each topic registers its own navigation, home panels and booklet sections.
        from .appraisal import panels as appraisal_panels
        from .booklet import sections as booklet_sections
        from .cycles import panels as cycle_panels
        from .reminders import panels as reminder_panels

        cycle_panels.register()
        appraisal_panels.register()
        booklet_sections.register()
        reminder_panels.register()
        from .reports import stamp

        stamp.connect()
