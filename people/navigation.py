"""Header navigation and home-page panels, contributed by each app.

Each app's `AppConfig.ready()` registers what it adds, so the base layout
and the home page never name another app. Providers decide visibility with
their app's access rules; templates only render what they are given.
"""

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 100
    current: bool = False


@dataclass(frozen=True)
class HomePanel:
    """One block of the home page: a title and the template that draws it."""

    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class NextStep:
    """Something the person should do, most urgent first on the home page."""

    text: str
    url: str = ""
    due: str = ""
    order: int = 100


_nav_providers = []
_panel_providers = []
_next_step_providers = []


def register_nav(provider):
    """`provider(request)` returns a list of NavItem for that person."""
    _nav_providers.append(provider)
    return provider


def register_home_panel(provider):
    """`provider(request)` returns a HomePanel, or None when it has nothing to say."""
    _panel_providers.append(provider)
    return provider


def register_next_steps(provider):
    """`provider(request)` returns a list of NextStep for that person (maybe empty)."""
    _next_step_providers.append(provider)
    return provider


def next_steps_for(request):
    steps = [step for provider in _next_step_providers for step in provider(request)]
    return sorted(steps, key=lambda step: step.order)


def nav_items_for(request):
    items = [NavItem("Home", reverse("home"), order=0)]
    for provider in _nav_providers:
        items.extend(provider(request))
    items.sort(key=lambda item: item.order)
    # The longest matching URL is the current section.
    matches = [i for i in items if request.path.startswith(i.url) and i.url != "/"]
    current = max(matches, key=lambda i: len(i.url)) if matches else None
    if request.path == "/":
        current = items[0]
    return [NavItem(i.label, i.url, i.order, i is current) for i in items]


def home_panels_for(request):
    panels = [panel for provider in _panel_providers if (panel := provider(request))]
    return sorted(panels, key=lambda panel: panel.order)
