"""No page offers every unit or every person of the organisation as a form's choices.

A form that chooses a unit or a person sends the choices the reader could want now:
those already chosen, a few to start from and what they searched for, or an
autocomplete that asks as they type (docs/adr/0050). Every unit of a trust drawn as a
checkbox, radio or drop-down option made HR's cycle form 47 to 51 times the bare page
at 20,000 people (1,100 units), and the admin's unit "add" page 27 times, through
django-treebeard's "Relative to" drop-down.

The walk is of pages, not form classes, so that a form is seen with the choices its
view gives it (HR's scope, the cycle's units), and a drop-down built by hand or by a
library is seen too: every GET page of the resolver (tests/url_registry.py, the
admin's included), read by the role that uses it, has its choices counted by name
(the options of a select, the boxes and radios of a group). Then every unit of the
organisation's foot gains units, each with a person in it, and the pages are read
again: a group that grew with the organisation offers every unit or person, and fails.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django import forms
from django.core.cache import cache
from django.test import Client

from people.choosers import OFFERED
from people.models import OrganisationUnit
from tests.factories import PersonFactory
from tests.url_registry import build_world, pages

pytestmark = pytest.mark.django_db

# Groups of choices that grow with the organisation by design, and why.
GROWS = {}
# Names of groups that grow on every page they are on, and why.
ROWS = {
    # The admin's lists: a box to select each row of the page for an action, and the
    # list is paged (ModelAdmin.list_per_page).
    "_selected_action": "the rows of a page of an admin list",
}


class Choices(HTMLParser):
    """Counts the choices a page offers, by the name they are sent under."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.select = Counter(), None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select = attrs.get("name") or ""
            self.found[self.select] += 0
        elif tag == "option" and self.select is not None:
            self.found[self.select] += 1
        elif tag == "input" and (attrs.get("type") or "").lower() in ("checkbox", "radio"):
            self.found[attrs.get("name") or ""] += 1

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def choices_on_pages(world):
    """{(route, name): number of choices} for every GET page that answers its role."""
    cache.clear()
    clients, found = {}, {}
    for page in pages(world):
        if page.missing:
            continue
        if page.role not in clients:
            clients[page.role] = Client()
            if page.role in world:
                clients[page.role].force_login(world[page.role])
        response = clients[page.role].get(page.url)
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith("text/html"):
            continue
        parser = Choices()
        parser.feed(response.content.decode())
        for name, count in parser.found.items():
            found[(page.route, name)] = count
    return found


def grow(leaves, units):
    """`units` more units below each of `leaves` (pks), and a person in each."""
    for pk in leaves:
        for n in range(units):
            unit = OrganisationUnit.objects.get(pk=pk)  # paths move as units are added
            added = {"name": f"zz Added {n} below {unit.name}", "kind": unit.kind}
            PersonFactory(unit=OrganisationUnit.objects.add_child(unit, added))


def test_no_page_offers_every_unit_or_every_person(cast, organisation):
    """The organisation is grown first past what a chooser draws to start with (the top
    levels of the tree, at most OFFERED units), so that what still grows is unbounded."""
    world = build_world(cast, organisation)
    leaves = list(OrganisationUnit.objects.filter(numchild=0).values_list("pk", flat=True))
    grow(leaves, OFFERED + 1)
    before = choices_on_pages(world)
    grow(leaves, 2)
    after = choices_on_pages(world)
    grew = {
        f"{route} {name}: {before.get((route, name), 0)} -> {count}"
        for (route, name), count in after.items()
        if count > before.get((route, name), 0) and (route, name) not in GROWS
        and name not in ROWS
    }  # fmt: skip
    assert sorted(grew) == [], "\n".join(sorted(grew))


def test_the_walk_counts_every_kind_of_choice():
    """A select's options, a group of checkboxes and of radios, by name."""

    class Every(forms.Form):
        one = forms.ChoiceField(choices=[(1, "A"), (2, "B")])
        many = forms.MultipleChoiceField(
            choices=[(1, "A"), (2, "B"), (3, "C")], widget=forms.CheckboxSelectMultiple
        )
        either = forms.ChoiceField(choices=[(1, "A")], widget=forms.RadioSelect)

    parser = Choices()
    parser.feed(str(Every()))
    assert parser.found == {"one": 2, "many": 3, "either": 1}
