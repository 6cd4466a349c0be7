from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and organisation"

    def ready(self):
        from . import middleware, panels  # noqa: F401 - middleware connects its sign-in signal
        from .navigation import (
            register_home_panel,
            register_home_reads,
            register_nav,
            register_next_steps,
        )

        register_nav(panels.nav)
        register_next_steps(panels.next_steps)
        for provider in (
            panels.lapsed_shares_panel,
            panels.reports_panel,
            panels.hr_panel,
            panels.details_panel,
        ):
            register_home_panel(provider)
        register_home_reads(panels.home_reads)
