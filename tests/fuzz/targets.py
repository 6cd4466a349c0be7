"""Every place Trellis reads a request, found from the URL resolver and the access matrix.

For each non-admin URL pattern (tests/test_access_matrix.py has a row for every one):
the pages a role opens with a 200, with the fields of each form on them (POST and GET)
and the query names in their links; the POST-only URLs with the body their row sends;
and each URL's numbers, to swap for odd ones. A new page, form or parameter is fuzzed
without any change here.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from tests.forms_walk import Form, FormParser
from tests.matrix import ROLES
from tests.test_access_matrix import TABLE, all_patterns, build_path

# Sign-out ends the signed-in session the rest of the walk needs.
SKIPPED = ("sign-out/",)
# PDFs render on the request path: slow, so they get fewer examples.
SLOW = ("pdf/", ".pdf")


@dataclass
class Target:
    method: str  # "get" or "post"
    role: str
    path: str
    route: str
    baseline: dict = field(default_factory=dict)  # name -> [values] a browser sends
    htmx: bool = False

    @property
    def slow(self):
        return self.route.endswith(SLOW)

    def __str__(self):
        return f"{self.method.upper()} {self.path} as {self.role}"


class AllForms(FormParser):
    """POST forms as tests/forms_walk.py reads them, GET forms too, and link queries."""

    def __init__(self, page):
        super().__init__(page)
        self.get_forms, self.query_names, self.htmx = [], set(), set()

    def handle_starttag(self, tag, attrs):
        named = {k: v or "" for k, v in attrs}
        if tag == "form" and named.get("method", "get").lower() == "get":
            self.form = Form(self.page, named.get("action") or self.page)
            self.get_forms.append(self.form)
            return
        if tag == "a" and "?" in named.get("href", ""):
            self.query_names |= {name for name, _ in parse_qsl(urlsplit(named["href"]).query)}
        for name in ("hx-post", "hx-get"):
            if named.get(name):
                self.htmx.add((name[3:], named[name]))
        super().handle_starttag(tag, attrs)


def routes():
    for route in all_patterns():
        if not route.startswith("admin/") and not route.endswith(SKIPPED):
            yield route, TABLE[route]


def reaching(row, codes=(200,)):
    """The roles whose request reaches the view with the row's own arguments."""
    return [role for role in ROLES if row.expect[role] in codes]


def login(client, world, role):
    client.logout()
    if role in world:
        client.force_login(world[role])


def find(client, world):
    """Every Target, read from the pages as they are now."""
    targets, seen = [], set()
    for route, row in routes():
        kwargs = row.kwargs(world)
        path = build_path(route, dict(kwargs))
        if row.method == "post":
            roles = reaching(row, (200, 302)) or reaching(row, (400, 403, 404))
            if roles:
                data = {k: [str(v)] for k, v in row.data(world).items()}
                targets.append(Target("post", roles[-1], path, route, data))
            continue
        for number, role in enumerate(reaching(row)):
            login(client, world, role)
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                if number == 0:
                    targets.append(Target("get", role, path, route))
                continue
            parser = AllForms(path)
            parser.feed(response.content.decode())
            names = set(parser.query_names)
            for form in parser.get_forms:
                names |= {f[0] for f in form.fields}
            if number == 0:
                query = {name: [""] for name in sorted(names)}
                targets.append(Target("get", role, path, route, query))
            for form in parser.forms:
                if form.action.rstrip("/").endswith("sign-out"):
                    continue
                signature = (route, form.action, tuple(sorted({f[0] for f in form.fields})))
                if signature not in seen:
                    seen.add(signature)
                    targets.append(Target("post", role, form.action, route, form.data()))
            for method, url in sorted(parser.htmx):
                if (url, method) not in seen:
                    seen.add((url, method))
                    targets.append(Target(method, role, url, route, {}, htmx=True))
    return targets


def numbered(world):
    """(route, role, kwargs) for each URL with numbers in it: the numbers to swap."""
    for route, row in routes():
        if re.search(r"<num:\w+>", route):
            signed_in = [r for r in ROLES if r in world]
            roles = [r for r in reaching(row, (200, 302)) if r in world] or signed_in
            yield route, roles[0], row


def ids(world):
    """Every record id in the world, as text: other people's, to tamper with."""
    found = {str(v.pk) for v in world.values() if hasattr(v, "pk") and v.pk}
    found |= {str(v) for v in world.get("twins", {}).values()}
    return found
