"""The 70/20/10 catalogue, recommendations, CPD log, evaluations."""

from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning catalogue"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from people.navigation import (
            register_home_panel,
            register_home_reads,
            register_nav,
            register_next_steps,
        )

        from . import browse, panels

        for sender in browse.SIGNALLED:
            signal = m2m_changed if sender._meta.auto_created else None
            if signal:
                signal.connect(browse.catalogue_changed, sender=sender, weak=False)
            else:
                post_save.connect(browse.catalogue_changed, sender=sender, weak=False)
                post_delete.connect(browse.catalogue_changed, sender=sender, weak=False)

        from .models import Evaluation

        for signal in (post_save, post_delete):
            signal.connect(browse.ratings_changed, sender=Evaluation, weak=False)

        from . import uptake_stamp

        uptake_stamp.connect()

        from frontend.documents import register

        from . import booklet_sections, cpd_pdf

        register(cpd_pdf.DOCUMENT)
        booklet_sections.register_sections()
        register_nav(panels.nav)
        register_home_panel(panels.led_panel)
        register_next_steps(panels.next_steps)
        register_home_reads(panels.home_reads)
