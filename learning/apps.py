"""The 70/20/10 catalogue, recommendations, CPD log, evaluations."""

from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning catalogue"

    def ready(self):
        from people.navigation import register_home_panel, register_nav

        from . import panels

        register_nav(panels.nav)
        register_home_panel(panels.led_panel)
