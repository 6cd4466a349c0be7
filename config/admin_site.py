"""The Trellis admin site: administrators, and the LED team for reference data.

LED members are not administrators, but they curate reference data (the
question bank; the catalogue's vocabulary). They may open the admin; model
permissions granted to the LED group decide what they see there.
"""

from django.contrib.admin import AdminSite

from people.access import is_led


class TrellisAdminSite(AdminSite):
    site_header = "Trellis administration"
    site_title = "Trellis administration"

    def register(self, model_or_iterable, admin_class=None, **options):
        """As Django's, and every list counts its rows once: "N results (M total)"
        counted a growing table a second time on every page (docs/adr/0054). Applied
        here so the lists of other packages' models (axes, tasks) do the same."""
        super().register(model_or_iterable, admin_class, **options)
        for model_admin in self._registry.values():
            model_admin.show_full_result_count = False

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or is_led(user))
