"""A person's data out, who has read their records, erasure and retention (UK GDPR)."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Data protection"

    def ready(self):
        # Each topic registers its own periodic work.
        from .retention import schedule
        from .your_data import hooks as your_data_hooks

        your_data_hooks.register()  # expired copies of data removed
        schedule.register()  # the retention rules, daily from the worker
