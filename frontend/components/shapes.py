"""A text box's HTML kept per process for each of its shapes, with the typed text put in.

A journal section draws five answer boxes, each a label, a hint, a character count and a
``<textarea>``; drawing one (describe(), the widget and the component templates) cost
about a sixth of the page. Everything in that HTML but the text in the box is the same
every time the same question is drawn without an error. So the first drawing of a shape
is done with a marker for the text, split around it, and kept; later drawings put the
escaped text between the two halves (docs/adr/0085).

A shape is kept only for a plain ``forms.CharField`` drawn as Django's own ``Textarea`` by
Trellis's form renderer, without errors, not disabled, not localized, with NHS.UK options
of plain values; its key holds every input describe(), the component templates and
`widget_html` read for such a field (`shape_key`). Any other field is drawn each time.
tests/test_text_box_shapes.py compares kept and drawn HTML.
"""

import copy

from django import forms
from django.forms import BoundField
from django.utils.safestring import mark_safe
from markupsafe import escape

from frontend.components.base import options_plain
from frontend.renderers import FormRenderer

# Not text a person can type into a form: a browser sends no NUL (Django's
# ProhibitNullCharactersValidator refuses it on every CharField).
MARKER = "\x00trellis-box\x00"
LIMIT = 5000  # shapes kept per process; past it the store starts again

_shapes = {}


def shape_key(crispy, bound_field):
    """The key (a tuple) of the HTML `bound_field` draws with crispy's settings `crispy`
    (a dict) but for its value, or None when its HTML is not kept."""
    field = bound_field.field
    widget = field.widget
    form = bound_field.form
    if (
        type(bound_field) is not BoundField  # a form's own bound field may draw more
        or type(field) is not forms.CharField
        or type(widget) is not forms.Textarea
        or type(form.renderer) is not FormRenderer
        or field.disabled
        or field.localize
        or widget.is_localized
        or field.show_hidden_initial
        or bound_field.errors  # shown, and marked aria-invalid even when crispy hides them
    ):
        return None
    options = options_plain(getattr(widget, "nhsuk", {}))
    attrs = options_plain(widget.attrs, ordered=True)  # written in their order
    settings = options_plain(crispy)
    if options is None or attrs is None or settings is None:
        return None
    return (
        type(form),  # a model form's model-field validators (the word limit) are its class's
        bound_field.html_name,
        bound_field.auto_id,
        type(bound_field.label),  # Markup prints as it is, a str escaped
        str(bound_field.label),
        type(bound_field.help_text),
        str(bound_field.help_text),
        _typed(field.max_length),  # 4000.0 prints otherwise than 4000, though equal
        _typed(field.min_length),
        field.required,
        form.use_required_attribute,
        tuple((type(v), _typed(getattr(v, "limit_value", None))) for v in field.validators),
        attrs,
        options,
        settings,
    )


def _typed(value):
    return type(value), value


def draw_kept(crispy, bound_field, draw):
    """The HTML (a SafeString) ``draw(crispy, bound_field)`` gives, from the kept halves of
    its shape when it has one (`shape_key`), else drawn."""
    key = shape_key(crispy, bound_field)
    if key is None:
        return draw(crispy, bound_field)
    halves = _shapes.get(key)
    if halves is None:
        marked = copy.copy(bound_field)  # the same field, with MARKER for its value
        marked.value = lambda: MARKER
        parts = str(draw(crispy, marked)).split(MARKER)
        if len(parts) != 2:  # the text shown elsewhere too: never kept
            return draw(crispy, bound_field)
        if len(_shapes) >= LIMIT:
            _shapes.clear()
        halves = _shapes[key] = tuple(parts)
    # What widget_html writes for a Textarea: the value as Textarea.format_value gives it.
    value = bound_field.value()
    text = "" if value is None or value == "" else escape(str(value))
    return mark_safe(f"{halves[0]}{text}{halves[1]}")


def forget():
    """Empty the store (for tests)."""
    _shapes.clear()
