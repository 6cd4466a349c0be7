"""The learning app's header links and home-page panel."""

from django.db.models import Count
from django.urls import reverse

from people.navigation import HomePanel, NavItem

from . import access


def nav(request):
    items = [NavItem("Learning", reverse("learning:catalogue"), order=40)]
    if access.can_curate(request.user):
        items.append(NavItem("Curate catalogue", reverse("learning:curate-list"), order=45))
    return items


def led_panel(request):
    if not access.can_curate(request.user):
        return None
    rows = access.initiatives_curated_by(request.user).values("status").annotate(n=Count("pk"))
    counts = {"draft": 0, "published": 0, "retired": 0}
    counts.update({row["status"]: row["n"] for row in rows.order_by()})
    return HomePanel("The learning catalogue", "learning/panels/led.html", {"counts": counts}, 40)
