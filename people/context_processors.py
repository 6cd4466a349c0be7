from django.conf import settings

from .navigation import nav_items_for


def layout(request):
    """What the base layout needs: the organisation's name and this person's menu."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "nav_items": nav_items_for(request) if signed_in else [],
    }
