"""Every POST form Trellis shows, found by walking the pages of the access matrix.

Each non-admin URL pattern has a row in tests/test_access_matrix.py; every page a
role opens with a 200 is read here, and each `<form method="post">` on it is parsed
into the fields a browser would send. A new page or form is walked without any change
here. tests/test_forms_kept.py and tests/test_forms_once.py post these forms.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

from people.choosers import SEARCH
from tests.matrix import ANON
from tests.test_access_matrix import TABLE, all_patterns, build_path

# Sign-in and password forms hold no text worth keeping, and passwords are never kept.
NOT_WALKED = ("sign-in/", "account/")
# Downloads (PDF, CSV, spreadsheets) hold no forms.
DOWNLOADS = ("pdf/", ".pdf", ".csv", ".xlsx")
TEXT_TYPES = {"", "text", "email", "url", "search"}
# Optional boxes that are wrong when filled in with the other defaults (a free initiative).
LEFT_EMPTY = {"cost_amount"}


@dataclass
class Form:
    page: str
    action: str
    fields: list = field(default_factory=list)  # [name, value, kind, attrs]
    radios: dict = field(default_factory=dict)  # name -> first value
    checked: set = field(default_factory=set)
    buttons: list = field(default_factory=list)  # [name, value, attrs]

    def has(self, name):
        return any(f[0] == name for f in self.fields)

    def text_names(self):
        """The boxes a person types free text into (not numbers, not date parts)."""
        return [
            name
            for name, _value, kind, attrs in self.fields
            if kind == "textarea"
            or (kind in TEXT_TYPES and attrs.get("inputmode") not in ("numeric", "decimal"))
        ]

    def data(self, text=None):
        """What a browser sends with every choice made: defaults, then `text` in empty boxes
        (or in every text box when `text` is a dict of name -> text)."""
        out = {}
        texts = text if isinstance(text, dict) else {}
        for name, value, kind, attrs in self.fields:
            if kind in ("checkbox", "radio", "file"):
                continue
            if name in texts:
                value = texts[name]
            elif not value and kind not in ("hidden", "select") and name not in LEFT_EMPTY:
                value = filler(name, kind, attrs, text)
            out.setdefault(name, []).append(value)
        for name, values in self._choices().items():
            out[name] = values
        # A Search button (people/choosers.py) draws the form again: the form is sent as
        # its own button sends it, though Search comes first on the page.
        buttons = [button for button in self.buttons if button[0] != SEARCH]
        if buttons and buttons[0][0]:
            out.setdefault(buttons[0][0], []).append(buttons[0][1])
        return out

    def _choices(self):
        chosen = {}
        for name, value, kind, _attrs in self.fields:
            if kind == "checkbox" and (name, value) in self.checked:
                chosen.setdefault(name, []).append(value)
        for name, value in self.radios.items():
            picked = [v for n, v in self.checked if n == name]
            chosen[name] = picked[:1] or [value]
        return chosen


def filler(name, kind, attrs, text):
    """A valid answer for an empty box: a date (today; a month ahead for targets and
    reviews), a number, an address, text."""
    day = date.today()
    if name.startswith(("target", "review")):
        day += timedelta(days=30)
    part = {"_0": day.day, "_1": day.month, "_2": day.year}
    if attrs.get("inputmode") == "numeric" and name[-2:] in part:
        return str(part[name[-2:]])
    if attrs.get("inputmode") in ("numeric", "decimal") or kind == "number":
        return "1"
    if kind == "url":
        return "https://example.org/learning"
    if kind == "email":
        return "someone@example.org"
    return text if isinstance(text, str) and text else "Something I wrote"


class FormParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page, self.forms, self.form, self.open = page, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self.form = Form(self.page, attrs.get("action") or self.page)
            self.forms.append(self.form)
        if self.form is None or "name" not in attrs and tag in ("input", "textarea", "select"):
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            self.form.fields.append([attrs["name"], value, kind, attrs])
            if kind == "radio":
                self.form.radios.setdefault(attrs["name"], value)
            if kind in ("checkbox", "radio") and "checked" in attrs:
                self.form.checked.add((attrs["name"], value))
            if kind == "submit":
                self.form.buttons.append([attrs["name"], value, attrs])
        elif tag == "textarea":
            self.open = [attrs["name"], "", "textarea", attrs]
            self.form.fields.append(self.open)
        elif tag == "select":
            self.open = [attrs["name"], None, "select", attrs]
            self.form.fields.append(self.open)
        elif tag == "option" and self.open and self.open[2] == "select":
            value = attrs.get("value", "")
            if "selected" in attrs or (self.open[1] in (None, "") and value):
                self.open[1] = value
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self.form.buttons.append([attrs.get("name", ""), attrs.get("value", ""), attrs])

    def handle_data(self, data):
        if self.open and self.open[2] == "textarea":
            self.open[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        if tag in ("textarea", "select"):
            if self.open and self.open[1] is None:
                self.open[1] = ""
            if self.open and self.open[2] == "textarea":  # a browser drops the first newline
                self.open[1] = self.open[1].removeprefix("\n")
            self.open = None


def post_forms(html, page):
    """The POST forms on a page, except the header's sign-out."""
    parser = FormParser(page)
    parser.feed(html)
    return [f for f in parser.forms if not f.action.rstrip("/").endswith("sign-out")]


def guard_fields(html):
    """The hidden form-guard fields of the first POST form on a page."""
    form = post_forms(html, "/")[0]
    return {name: value for name, value, *_ in form.fields if name.startswith("form_")}


def pages():
    """(route, role) for every page a signed-in role opens with a 200, admin aside."""
    for route in all_patterns():
        if route.startswith(("admin/", *NOT_WALKED)) or route.endswith(DOWNLOADS):
            continue
        row = TABLE[route]
        if row.method != "get":
            continue
        for role, status in row.expect.items():
            if role != ANON and status == 200:
                yield route, role


def open_page(client, world, route, role):
    """Sign in as `role`, open the page; answer its path and POST forms."""
    path = build_path(route, TABLE[route].kwargs(world))
    client.force_login(world[role])
    response = client.get(path)
    # The access matrix checks the answers; a form sent earlier in a walk may have removed
    # the record a page shows (a file), so that page has no forms now.
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return path, []
    return path, post_forms(response.content.decode(), path)


def walk(client, world):
    """(path, role, form) for every POST form on every page, read as the page is now.

    A form that one role already met on a page is not met again with the next role.
    """
    seen = set()
    for route, role in list(pages()):
        path, forms = open_page(client, world, route, role)
        for form in forms:
            signature = (route, form.action, tuple(sorted({f[0] for f in form.fields})))
            if signature not in seen:
                seen.add(signature)
                yield path, role, form
