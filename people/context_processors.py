from functools import partial

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import nav_items_for


def layout(request):
    """What the base layout needs: the organisation's name and this person's menu.

    The menu (a list of people.navigation.NavItem) is worked out when a template first
    reads it: Django's admin renders its pages with these context processors too but
    draws no Trellis menu, and asking every app for its items (and the person's roles,
    a query) cost each admin page about 0.4 ms for nothing."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "nav_items": SimpleLazyObject(partial(nav_items_for, request)) if signed_in else [],
    }
