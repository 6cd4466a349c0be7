"""Header navigation and home-page panels, contributed by each app.

Each app's `AppConfig.ready()` registers what it adds, so the base layout
and the home page never name another app. Providers decide visibility with
their app's access rules; templates only render what they are given.
"""

from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from .sql import Compiled


@dataclass(frozen=True)
class NavItem:
    """One item of the header's menu. `covers`: further URL prefixes whose pages are in
    this item's section (Learning covers /learning/, its CPD pages too). `own`: the
    reader's own records ("Your journal"), never current on a page about someone else.
    `team`: the section of the pages about the people the reader line manages, where no
    other item covers the page. `lands`: the URLs its link sends the reader on to, which
    are its own page too ("Your journal" goes on to this year's journal). `current`:
    "page" on the item's own page, "true" on a page in its section (aria-current's two
    values), else ""."""

    label: str
    url: str
    order: int = 100
    current: str = ""
    covers: tuple = ()
    own: bool = False
    team: bool = False
    lands: tuple = ()


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
_home_read_providers = []
_extra_covers = []  # (menu item's label, URL name, path segments)


def register_nav(provider):
    """`provider(request)` returns a list of NavItem for that person."""
    _nav_providers.append(provider)
    return provider


def register_covers(label, name, segments):
    """Put the pages under URL `name`'s first `segments` path segments (see `covering`)
    in the section of the menu item labelled `label`, an item another app draws: the
    reminder emails page (/appraisals/reminders/preferences/) is a setting of the
    person's own, in Your details, not part of Your appraisal."""
    _extra_covers.append((label, name, segments))


def register_home_panel(provider):
    """`provider(request)` returns a HomePanel, or None when it has nothing to say."""
    _panel_providers.append(provider)
    return provider


def register_home_reads(provider):
    """`provider(request)` returns the people.sql.Read statements that the app's home
    panels and next steps will fetch for that person, to be sent together before the
    page is drawn (docs/adr/0074). A read declared and not made costs a statement; a
    read made and not declared is read when made."""
    _home_read_providers.append(provider)
    return provider


def home_reads_for(request):
    """Every app's home reads for `request` (a list of people.sql.Read)."""
    return [read for provider in _home_read_providers for read in provider(request)]


def register_next_steps(provider):
    """`provider(request)` returns a list of NextStep for that person (maybe empty)."""
    _next_step_providers.append(provider)
    return provider


def next_steps_for(request):
    steps = [step for provider in _next_step_providers for step in provider(request)]
    return sorted(steps, key=lambda step: step.order)


def nav_items_for(request):
    """The menu for `request` (a list of NavItem, in order), one item marked current:
    the item whose URL, or a prefix it covers, is the longest start of the page's path;
    on a tie the reader's own item, then the first. A page that showed someone else's
    record (people.audit.shown) marks none of the reader's own items, and falls back on
    My team when nothing else covers it (docs/adr/0084)."""
    from .audit import shows_others  # audit imports models; this module is imported early

    items = [NavItem("Home", link("home"), order=0)]
    for provider in _nav_providers:
        items.extend(provider(request))
    items.sort(key=lambda item: item.order)
    for label, name, segments in _extra_covers:
        more = covering(name, segments=segments)
        items = [replace(i, covers=(*i.covers, more)) if i.label == label else i for i in items]
    path, others = request.path, shows_others(request)
    best, current = None, None
    for item in items[1:]:
        if item.own and others:
            continue
        for prefix in (item.url, *item.covers):
            if path.startswith(prefix):
                rank = (len(prefix), item.own, -item.order)
                if best is None or rank > best:
                    best, current = rank, item
    if path == items[0].url:  # the home page, under the script prefix
        current = items[0]
    elif current is None and others:
        current = next((item for item in items if item.team), None)
    # Items are made with current="": only the current one is copied.
    return [replace(i, current=_current(i, path)) if i is current else i for i in items]


def _current(item, path):
    return "page" if path == item.url or path in item.lands else "true"


def home_panels_for(request):
    panels = [panel for provider in _panel_providers if (panel := provider(request))]
    return sorted(panels, key=lambda panel: panel.order)


# A long list on the home page shows this many, and says how many more there are.
SHOWN = 10


def covering(name, *args, segments=1):
    """The start of the URL `name` (reversed with `args`) that keeps its first `segments`
    path segments after the script prefix, for NavItem.covers: covering("appraisals:yours")
    is "/appraisals/", covering("learning:cpd-team", 0, segments=3) "/learning/cpd/team/".
    Worked out once per process, as `link`'s URLs are."""
    return _kept((name, args, segments), _covering)


def _covering(key):
    name, args, segments = key
    prefix = get_script_prefix()
    parts = reverse(name, args=args)[len(prefix) :].split("/")[:segments]
    return prefix + "".join(f"{part}/" for part in parts)


def url_for(name):
    """reverse() once for a list whose links differ only in one key: `url_for(name)(pk)`
    (as careers.team: a reverse a row cost more than the rest of drawing it). The pattern
    is kept per process, as `link`'s URLs are."""
    return _kept(name, _pattern)


def link(name):
    """reverse(name) of a URL without arguments (a str), worked out once per process for
    each URL configuration and script prefix: the menu, header and footer reverse about
    fifteen on every page, each as long as drawing a line of a table."""
    return _kept(name, reverse)


def _pattern(name):
    marker = 9876543210
    return reverse(name, args=[marker]).replace(str(marker), "{}").format


_kept_urls = {}

# The URL configuration and script prefix of the request being answered, from its view
# on (UrlScopeMiddleware), else None. Django keeps both in asgiref Locals, and reading
# them took longer than the lookup they key: a home page asks for about forty links.
_scope = ContextVar("trellis_url_scope", default=None)


def url_scope():
    """(URL configuration, script prefix) of the request being answered (two str): what
    a link worked out once is kept for."""
    return _scope.get() or (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


class UrlScopeMiddleware:
    """Reads the request's URL configuration and script prefix once, when its view is
    known (Django has set both by then: a middleware may choose `request.urlconf`), for
    `url_scope`, and forgets them when the answer is made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            _scope.set(None)

    def process_view(self, request, view_func, view_args, view_kwargs):
        _scope.set((get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()))


def _kept(name, work_out):
    key = (work_out, *url_scope(), name)
    try:
        return _kept_urls[key]
    except KeyError:
        value = _kept_urls[key] = work_out(name)
        return value


class CompiledOnce:
    """A query whose shape is the same for everyone, compiled by the ORM once per
    process and database and then run with each person's key. Home asks every provider
    on every page, and building and compiling a query with subqueries cost the ORM
    several times what running it costs (docs/adr/0008, 0048); this keeps the rule in
    the queryset that states it. `build(pk)` returns the QuerySet for the person `pk`
    and may depend on nothing else (no dates, no settings read per request); with
    `everyone`, the query is the same for all (the key is ignored). people.sql.Compiled
    with the one key, `pk`."""

    def __init__(self, build, everyone=False):
        self._compiled = Compiled(lambda pk: build(pk), keys_optional=everyone)

    def rows(self, pk):
        """The query's rows (tuples, as the database gives them) for the person `pk`."""
        return self._compiled.rows(pk=pk)

    def read(self, pk):
        """The Read of `rows(pk)`, to send ahead (people.sql.read_ahead)."""
        return self._compiled.read(pk=pk)
