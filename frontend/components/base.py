"""Helpers shared by the component builders: class and id tokens, widget rendering."""

import html

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import mark_safe

from frontend.components.widgets import widget_html

_OPTGROUPS = forms.Select.optgroups


def tokens(*values):
    """Join space-separated class names or ids, skipping blanks and repeats."""
    return " ".join(dict.fromkeys(t for value in values if value for t in str(value).split()))


def flat_attrs(attrs):
    """Django's ``flatatt(attrs)``, byte for byte (a SafeString): ``' key="value"'`` for
    each value, sorted, then `` key`` for each true boolean, sorted; None and False
    left out; keys and values escaped as Django's ``conditional_escape`` escapes them.
    Django's goes through ``format_html_join``, whose checks for lazy text cost a field
    drawn as a character count about a sixth of its time (docs/adr/0081)."""
    pairs, flags = [], []
    for key, value in attrs.items():
        if isinstance(value, bool):
            if value:
                flags.append(key)
        elif value is not None:
            pairs.append((key, value))
    pairs.sort()
    flags.sort()
    return mark_safe(
        "".join(f' {_escaped(key)}="{_escaped(value)}"' for key, value in pairs)
        + "".join(f" {_escaped(key)}" for key in flags)
    )


def _escaped(value):
    # django.utils.html.conditional_escape: its escape() is html.escape of str(value).
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def field_id(bound_field):
    """The id Django gives the field's element (or group), or '' when ids are off."""
    return bound_field.field.widget.attrs.get("id") or bound_field.auto_id or ""


def anchor(bound_field):
    """The error summary's link target: the input, or the first input of a group."""
    id_ = field_id(bound_field)
    if not id_:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, forms.MultiWidget):
        return f"#{id_}_0"
    if isinstance(widget, forms.RadioSelect):
        options = bound_field.subwidgets
        return f"#{options[0].id_for_label}" if options else f"#{id_}"
    return f"#{id_}"


def render_widget(bound_field, css, describedby, widget=None, **attrs):
    """Render the field's own widget (or ``widget``, a copy of it) with NHS.UK classes and
    ``describedby`` (space-separated ids), keeping its other attributes; returns HTML."""
    widget = widget or bound_field.field.widget
    choices = getattr(widget, "choices", None)
    if isinstance(choices, ModelChoiceIterator) and type(widget).optgroups is _OPTGROUPS:
        # A model's choices are read once: Django's select reads them for its "required"
        # test and again for its options, a query each. (A widget drawing its own
        # options, as people.choosers' do, reads them its own way.)
        # Through iter(): list() of the iterator itself would COUNT the rows first.
        widget.choices = list(iter(widget.choices))
    attrs["class"] = tokens(css, widget.attrs.get("class"))
    attrs["aria-describedby"] = tokens(widget.attrs.get("aria-describedby"), describedby)
    # As BoundField.as_widget, but with the pack's aria-describedby alone: Django would
    # otherwise add its own "<id>_error", which names no element when an error is only
    # a mark with no message (frontend.components.describe).
    if bound_field.field.localize:
        widget.is_localized = True
    final = bound_field.build_widget_attrs(attrs, widget)
    final["aria-describedby"] = attrs["aria-describedby"] or False
    if bound_field.auto_id and "id" not in widget.attrs:
        final.setdefault("id", bound_field.auto_id)
    return widget_html(widget, bound_field.html_name, bound_field.value(), final,
                       bound_field.form.renderer)  # fmt: skip


def input_html(bound_field, widget_context):
    """One <input> from Django's own input template (used for radio items and date parts)."""
    html = bound_field.form.renderer.render(
        "django/forms/widgets/input.html", {"widget": widget_context}
    )
    # Django's own input template has escaped every value.
    return mark_safe(html)


def simple(css, error_css, extra_group_class=""):
    """A builder for a component that is the widget itself with NHS.UK classes."""

    def build(bound_field, c):
        css_now = tokens(css, c["errors"] and error_css)
        control = render_widget(bound_field, css_now, c["describedby"])
        return {"control": control, "group_class": tokens(c["group_class"], extra_group_class)}

    return build


_PLAIN = (str, int, float, bool, type(None))


def options_plain(values, ordered=False):
    """`values` (a dict of options or attributes) as a tuple of (name, type, value) that
    can be a key, sorted by name unless `ordered` (attributes are written in their
    order), or None when a value is not plain: a str, number, bool or None, or a dict of
    them (one level, as the character count's plural messages are)."""
    pairs = []
    for key, value in values.items():
        if isinstance(value, dict):
            value = _flat(value)
            if value is None:
                return None
        elif not _is_plain(value):
            return None
        pairs.append((str(key), type(value), value))
    return tuple(pairs if ordered else sorted(pairs, key=_first))


def _is_plain(value):
    return type(value) in _PLAIN or isinstance(value, str)


def _flat(values):
    if not all(_is_plain(v) for v in values.values()):
        return None
    return tuple(sorted(((str(k), type(v), v) for k, v in values.items()), key=_first))


def _first(triple):
    return triple[0]
