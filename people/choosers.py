"""Choosing organisation units on Trellis' own forms, by search (docs/adr/0050).

A trust has a thousand units or more, and a form never draws them all. A unit chooser
draws the units already chosen, the top two levels of those the reader may choose
(a cycle or an export is most often of the whole trust or a directorate), and those
whose name holds every word searched for, at most OFFERED of each. Any unit the
reader may choose is still accepted: the field's queryset stays the whole of their
choices (HR's scope, a cycle's units) and is what the form validates against; only
what is drawn is cut.

The search is a text box beside the chooser (``find_field``) with a Search button
(``search_button``). Without JavaScript the button sends the form back and the view
draws it again with what was found, saving nothing (``searching`` and
``show_without_errors``); with JavaScript, htmx sends the same request as the person
types and puts the chooser it gets back in place of the old one.
"""

import json

from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import connections

from frontend.layout import Button
from frontend.options import configure
from frontend.parse import whole_number
from frontend.text import SingleLineField

# The most units a chooser draws of the top levels, and of a search's matches.
OFFERED = 25
# The name of the Search button; its value is the name of the chooser searched.
SEARCH = "search"
FIND_MAX_LENGTH = 100


def find_name(name):
    """The name of the search box of the chooser called `name`."""
    return f"{name}_find"


def words_of(term):
    return (term or "").split()[:10]


def drawn(queryset, chosen, term):
    """The units of `queryset` a chooser draws, in tree order: those `chosen` (pks, as
    posted or saved), the top two levels of `queryset` and those whose name holds
    every word of `term`, at most OFFERED of each of the last two. Returns an iterable
    of model instances (a RawQuerySet, or a list when `queryset` is empty)."""
    pks = [pk for pk in map(whole_number, chosen or ()) if pk is not None]
    meta = queryset.model._meta
    qn = connections[queryset.db].ops.quote_name
    columns = [field.attname for field in meta.concrete_fields]
    key, path, depth = qn(meta.pk.attname), qn("path"), qn("depth")
    # One statement naming the reader's choices once (WITH): a queryset nested in each
    # part, as Django nests it, was copied, compiled and planned four times (access
    # rules are deep queries), most of the time a page spent on its chooser.
    try:
        allowed, params = _sql(queryset.order_by().values(*columns))
    except EmptyResultSet:  # .none(): nothing to choose
        return []
    parts = [
        f"SELECT pk FROM (SELECT {key} AS pk FROM allowed WHERE {depth} <= "
        f"(SELECT MIN({depth}) FROM allowed) + 1 ORDER BY {path} LIMIT %s) AS highest"
    ]
    params = [*params, OFFERED]
    if pks:
        parts.append(f"SELECT {key} FROM allowed WHERE {key} IN ({', '.join(['%s'] * len(pks))})")
        params += pks
    words = words_of(term)
    if words:
        matches = queryset.order_by("path")
        for word in words:
            matches = matches.filter(name__icontains=word)
        sql, more = _sql(matches.values("pk")[:OFFERED])
        parts.append(f"SELECT pk FROM ({sql}) AS matches")
        params += more
    listed = ", ".join(qn(column) for column in columns)
    return queryset.model._default_manager.db_manager(queryset.db).raw(
        f"WITH allowed ({listed}) AS ({allowed}) SELECT * FROM allowed "
        f"WHERE {key} IN ({' UNION '.join(parts)}) ORDER BY {path}",
        params,
    )


def _sql(queryset):
    return queryset.query.get_compiler(queryset.db).as_sql()


class DrawsSome:
    """Mixin for a ModelChoiceField's ChoiceWidget: it draws only the units `drawn`
    gives for its value and `term` (set by `find_field`), and the field's empty
    choice, if it has one."""

    term = ""

    def optgroups(self, name, value, attrs=None):
        every = self.choices
        some = [every.choice(unit) for unit in drawn(every.queryset, value, self.term)]
        if every.field.empty_label is not None:
            some.insert(0, ("", every.field.empty_label))
        self.choices = some
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every


class UnitCheckboxes(DrawsSome, forms.CheckboxSelectMultiple):
    pass


class UnitRadios(DrawsSome, forms.RadioSelect):
    pass


class UnitSelect(DrawsSome, forms.Select):
    pass


def search_button(name, text="Search"):
    """The Search button of the chooser called `name`."""
    return Button(text, variant="secondary", small=True, name=SEARCH, value=name,
                  prevent_double_click=True)  # fmt: skip


def find_field(label="Find a unit", help_text=None):
    """The search box a chooser is searched with: declare it as ``<name>_find``."""
    return SingleLineField(
        label=label,
        required=False,
        max_length=FIND_MAX_LENGTH,
        help_text=help_text
        or "Type a word of its name, then choose Search. The units that match are added "
        "to the list to choose from.",
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),  # fmt: skip
    )


def chooser_class(name):
    """The class of the element that holds the chooser's items (what htmx replaces)."""
    return f"trellis-chooser-{name}"


def attach(form, name, method="post"):
    """Give the chooser `name` of `form` its search: what the person typed in its box
    (``<name>_find``), the Search button beside the box, and, for htmx, the request the
    box sends as the person types (`method` is the form's) and where the answer goes.
    Returns the form."""
    find = find_name(name)
    term = form.data.get(form.add_prefix(find), "") if form.is_bound else ""
    chooser = form.fields[name].widget
    chooser.term = str(term)[:FIND_MAX_LENGTH]
    chooser.attrs["class"] = chooser_class(name)
    box = form.fields[find].widget
    box.attrs.update({
        f"hx-{method}": "",  # the page itself
        "hx-trigger": "input changed delay:500ms, search",
        "hx-include": "closest form",
        "hx-vals": json.dumps({SEARCH: name}),
        "hx-select": f".{chooser_class(name)}",
        "hx-target": f".{chooser_class(name)}",
        "hx-swap": "outerHTML",
    })  # fmt: skip
    configure(form.fields[find], button=search_button(name))
    return form


def searching(request):
    """Whether `request` is a Search (the button, or htmx as the person types), not a
    save: the view then draws the form again with what was found."""
    return bool((request.POST if request.method == "POST" else request.GET).get(SEARCH))


def show_without_errors(form):
    """A bound `form` drawn again as posted, none of its answers checked: a search
    saves nothing, so it says nothing is wrong."""
    form._errors = forms.utils.ErrorDict()
    form.cleaned_data = {}
    return form
