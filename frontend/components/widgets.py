"""Django's plainest widgets written out directly, byte for byte as Trellis's form
renderer draws them (frontend/renderers.py: frontend/jinja2/frontend/input.html and
textarea.html, escaped by Jinja2's rules).

Django's way to a widget's HTML (the bound field, the widget's context, the renderer,
its template engine and the template) took about 20 µs for a hidden input, and a
quarter of drawing a character count's field; a journal section draws five of each
(docs/adr/0082). `widget_html` writes the same HTML for Django's own text, number,
e-mail, URL, search, telephone and hidden inputs and its textarea, asked of the widget
itself where Django asks it (`format_value`, `build_attrs`); any other widget, a
subclass of one of these, or a form with another renderer is drawn by Django.
tests/test_hidden_input.py and tests/test_form_fields_drawn_by_jinja2.py compare them.
"""

from django import forms
from django.utils.safestring import mark_safe
from markupsafe import escape

from frontend.renderers import FormRenderer

_WRITTEN = frozenset(
    {
        forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput,
        forms.SearchInput, forms.TelInput, forms.HiddenInput, forms.Textarea,
    }
)  # fmt: skip


def widget_html(widget, name, value, attrs, renderer):
    """What ``widget.render(name, value, attrs, renderer)`` gives (a SafeString): `name`
    the input's name, `value` the field's value (formatted by the widget), `attrs` the
    attributes beyond the widget's own (a dict; False leaves one out, True writes its
    name alone)."""
    kind = type(widget)
    if kind not in _WRITTEN or not isinstance(renderer, FormRenderer):
        return widget.render(name=name, value=value, attrs=attrs, renderer=renderer)
    value = widget.format_value(value)
    written = "".join(
        f" {escape(key)}" if given is True else f' {escape(key)}="{escape(given)}"'
        for key, given in widget.build_attrs(widget.attrs, attrs).items()
        if given is not False
    )
    if kind is forms.Textarea:
        text = escape(value) if value else ""
        return mark_safe(f'<textarea name="{escape(name)}"{written}>\n{text}</textarea>')
    shown = "" if value is None else f' value="{escape(value)}"'
    return mark_safe(f'<input type="{widget.input_type}" name="{escape(name)}"{shown}{written}>')


def hidden_input(bound_field):
    """The HTML (a SafeString) Django draws for a hidden field, ``str(bound_field)``,
    byte for byte, through `widget_html`: a journal section prints one for each
    question's version. A field that is disabled, localized or shows its initial value
    too, or whose widget has attributes of its own, is drawn by Django."""
    field = bound_field.field
    widget = field.widget
    if (
        type(widget) is not forms.HiddenInput
        or widget.attrs
        or field.disabled
        or field.localize
        or field.show_hidden_initial  # Django adds a second input, of the initial value
    ):
        return str(bound_field)
    auto_id = bound_field.auto_id
    attrs = {"id": auto_id} if auto_id else {}
    return widget_html(
        widget, bound_field.html_name, bound_field.value(), attrs, bound_field.form.renderer
    )
