from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers and reflection journal"

    def ready(self):
        from frontend.documents import register
        from people.navigation import (
            register_home_panel,
            register_home_reads,
            register_nav,
            register_next_steps,
        )

        from . import booklet_sections, panels
        from .journal import pdf as journal_pdf

        register(journal_pdf.DOCUMENT)
        booklet_sections.register_sections()

        register_nav(panels.nav)
        register_next_steps(panels.next_steps)
        register_next_steps(panels.career_steps)
        register_home_panel(panels.shared_with_me_panel)
        register_home_reads(panels.home_reads)
