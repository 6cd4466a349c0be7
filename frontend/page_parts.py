"""Parts of pages drawn by Jinja2: `{% drawn_by_jinja2 "app/name.html" %}` in a page's
Django template draws <app>/jinja2/app/name.html with the page's whole context.

A page's shell (its layout, title and blocks) stays a Django template; the part of it
that draws many rows (My team's table, the home page's panels) is Jinja2, which draws
the same bytes several times faster than Django's engine: timed on this machine, a
25-row, 6-column table took 451 µs in Django's engine and 69 µs in Jinja2 (docs/adr/0072).

The environment is set as frontend.components.drawing's (values printed and escaped as
Django prints them), loading from frontend/jinja2/ and from the `jinja2/` directory of each of
Trellis's apps. Inside a part, Django's tags become:

- ``{% url 'name' a b %}`` → ``{{ url('name', a, b) }}`` (`url` is always this helper:
  a page value of that name is not passed to a part); a link on every row of a list,
  ``{% url 'name' row.pk %}``, is ``{% set row_url = url_for('name') %}`` before the
  loop and ``{{ row_url(row.pk) }}`` in it (people.navigation.url_for: the URL's
  pattern worked out once, not a reverse a row)
- ``{{ n|pluralize }}``, ``{{ n|pluralize:"y,ies" }}`` → ``{{ n|pluralize }}``,
  ``{{ n|pluralize("y,ies") }}`` (Django's own filter)
- ``{{ x|default:"…" }}`` → ``{{ x or "…" }}`` (Jinja2's `default` only replaces
  what is undefined)
- ``{{ x.get_status_display }}`` → ``{{ x.get_status_display() }}``, ``{% if
  page.has_other_pages %}`` → ``{% if page.has_other_pages() %}``: Jinja2 calls nothing
  unasked. A method read from an object and then printed, tested, compared or looped
  over without being called raises TypeError (MethodNotCalled), rather than print
  "<bound method …>" or count as true.
- ``{{ d|date:"j F Y" }}``, ``{{ d|time:"H:i" }}``, ``{{ b|yesno:"Yes,No" }}``,
  ``{{ xs|join:", " }}`` → ``{{ d|date("j F Y") }}``, ``{{ d|time("H:i") }}``,
  ``{{ b|yesno("Yes,No") }}``, ``{{ xs|join(", ") }}``: Django's own filters (a date
  and time shown in Trellis's time zone, as Django's engine shows it; items joined and
  escaped as Django escapes them).
- ``{% csrf_token %}``, ``{% form_guard %}`` → ``{{ csrf_input() }}``,
  ``{{ form_guard() }}``; ``{{ field|as_crispy_field }}`` → ``{{ crispy_field(field) }}``;
  ``{% nhsuk_error_summary form %}`` → ``{{ error_summary(form) }}``; a Django partial
  that other Django templates share → ``{{ django_template("app/p.html", a=b) }}``.
- ``{% scrolling_table "id" %}…{% endscrolling_table %}`` → ``{% call
  scrolling_table("id") %}…{% endcall %}`` (frontend/templatetags/tables.py);
  ``forloop.counter``, ``.first``, ``.last`` → ``loop.index``, ``.first``, ``.last``;
  ``{% empty %}`` → ``{% else %}``.
"""

import types
from pathlib import Path

import jinja2
from django.apps import apps
from django.template.defaultfilters import date, join, pluralize, time, yesno
from django.template.loader import get_template
from django.urls import reverse
from django.utils.timezone import template_localtime
from markupsafe import Markup

from frontend.components.drawing import ENVIRONMENT, as_django_prints, draw_field
from frontend.inline_includes import InlineIncludes
from frontend.parse import MAX_DIGITS
from frontend.templatetags.nhsuk import nhsuk_error_summary
from people.navigation import link, url_for

_ROOT = Path(__file__).resolve().parent.parent


def url(name, *args):
    """The path (a str) of the URL `name` with positional `args`, as ``{% url %}``
    gives it. A URL without arguments, or with one whole number (a row's id), is worked
    out once per process (people.navigation.link, url_for): a list of forty links
    reversed each cost more than drawing its rows. Raises NoReverseMatch as
    ``{% url %}`` does."""
    if not args:
        return link(name)
    if len(args) == 1 and type(args[0]) is int and 0 <= args[0] < 10**MAX_DIGITS:
        return url_for(name)(args[0])
    return reverse(name, args=args)


def _directories():
    """frontend/jinja2/ first, then each of Trellis's apps' jinja2/ directories (an app
    of Trellis is a directory at the top of the project: not an installed package)."""
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path) / "jinja2"
        if Path(config.path).parent == _ROOT and path.is_dir() and path not in found:
            found.append(path)
    return sorted(found, key=lambda path: path.parent.name != "frontend")


class MethodNotCalled(TypeError):
    """A part used a method without calling it, where Django's engine would have."""


class _Method:
    """A method read in a part: it can be called, and nothing else. Django's engine
    calls a method it is given; Jinja2 would print it, or test it as true."""

    __slots__ = ("_method",)

    def __init__(self, method):
        self._method = method

    def __call__(self, *args, **kwargs):
        return self._method(*args, **kwargs)

    def _refuse(self, *args):
        name = getattr(self._method, "__name__", "a method")
        raise MethodNotCalled(f"A page part uses {name} without calling it: write {name}().")

    __bool__ = __str__ = __html__ = __iter__ = __len__ = __eq__ = _refuse
    __hash__ = None


class _PartsEnvironment(jinja2.Environment):
    """Looks values up as Django's engine does first (a dict's key before its method,
    as ``{{ counts.items }}``), wrapping each method it finds in _Method."""

    def getattr(self, obj, attribute):
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return _guarded(super().getattr(obj, attribute))

    def getitem(self, obj, argument):
        return _guarded(super().getitem(obj, argument))


# A bound method and a built-in one (inspect.ismethod and isbuiltin): neither type can be
# subclassed, so a look-up of the value's type tells, for every attribute a part reads.
_METHOD_TYPES = frozenset({types.MethodType, types.BuiltinFunctionType})


def _guarded(value):
    return _Method(value) if type(value) in _METHOD_TYPES else value


def _printed(value):
    """`value` as ``{{ }}`` prints it in a part (as Django would); raises
    MethodNotCalled for a method or function, which Django's engine would have called."""
    if type(value) is str:  # most values: neither undefined nor a method
        return as_django_prints(value)
    if isinstance(value, jinja2.Undefined):
        return ""  # as Django's engine prints a value that is not there
    if isinstance(value, _Method):
        value._refuse()
    if callable(value) and not isinstance(value, str):
        raise MethodNotCalled(f"A page part prints {value!r} uncalled: call it.")
    return as_django_prints(value)


PAGE_PARTS = _PartsEnvironment(
    loader=jinja2.FileSystemLoader(_directories()),
    autoescape=ENVIRONMENT.autoescape,
    keep_trailing_newline=ENVIRONMENT.keep_trailing_newline,
    finalize=_printed,
    undefined=jinja2.ChainableUndefined,  # a.b.c with no a prints "", as in Django
    auto_reload=ENVIRONMENT.auto_reload,
    cache_size=-1,
    extensions=[InlineIncludes],  # as ENVIRONMENT's (docs/adr/0082)
)


def _date(value, arg=None):
    # Django's engine turns an aware datetime into the current time zone before its
    # `date` filter formats it (the filter's expects_localtime); so does a part. A value
    # that is not there prints nothing, as in Django.
    if isinstance(value, jinja2.Undefined):
        return ""
    return date(template_localtime(value), arg)


def _time(value, arg=None):
    # As _date: Django's `time` filter, in Trellis's time zone.
    if isinstance(value, jinja2.Undefined):
        return ""
    return time(template_localtime(value), arg)


# What ``{{ field|as_crispy_field }}`` gives the nhsuk pack's field.html for a form
# without a crispy helper (crispy_forms_filters.as_crispy_field).
_AS_CRISPY_FIELD = {"form_show_errors": True, "form_show_labels": True, "label_class": ""}


def crispy_field(bound_field):
    """``{{ crispy_field(field) }}``: the HTML (Markup) ``{{ field|as_crispy_field }}``
    draws in a Django template, byte for byte (templates/nhsuk/field.html, whose last
    line break it keeps), without Django's engine around the field. Raises ValueError
    for a field of a form with a crispy helper, whose settings this does not read."""
    if getattr(bound_field.form, "helper", None) is not None:
        raise ValueError("crispy_field() draws fields of forms without a crispy helper")
    return Markup(draw_field(_AS_CRISPY_FIELD, bound_field) + "\n")


def error_summary(*forms_):
    """``{{ error_summary(form) }}``: what ``{% nhsuk_error_summary form %}`` draws
    (Markup; frontend/templatetags/nhsuk.py), with its default title and focus."""
    values = nhsuk_error_summary(*forms_)
    return Markup(get_template("includes/error_summary.html").render(values))


def django_template(name, **values):
    """``{{ django_template("app/partial.html", a=b) }}``: a Django template drawn with
    `values` alone (Markup), for a partial that pages still drawn by Django's engine
    share (the journal's answer status, which autosave answers with too)."""
    return Markup(get_template(name).render(values))


def scrolling_table(caption_id, caller):
    """``{% call scrolling_table("caption-id") %}<table>…</table>{% endcall %}``: the
    table inside NHS.UK's scrolling box (Markup), as the Django tag draws it
    (frontend/templatetags/tables.py)."""
    box = PAGE_PARTS.get_template("includes/scrolling_table.html")
    return Markup(box.render(caption_id=caption_id, table=caller()))


PAGE_PARTS.globals.update(
    url=url,
    url_for=url_for,
    scrolling_table=scrolling_table,
    crispy_field=crispy_field,
    error_summary=error_summary,
    django_template=django_template,
)
PAGE_PARTS.filters.update(pluralize=pluralize, date=_date, time=_time, yesno=yesno, join=join)
