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

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or is_led(user))
