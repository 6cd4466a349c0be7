"""Translator for nhsuk-frontend's radios fixtures (see tests/nhsuk_fixtures).

A fixture becomes a Django form: the radios are a ChoiceField (a MultipleChoiceField for
checkboxes, in checkboxes.py) and each conditional reveal's content, which the macro takes
as ready-made HTML, becomes the fields that HTML is a rendering of (read back from it:
label, input type and classes, error message, or a nested radios question), which the
pack then renders inside the reveal. The whole form is rendered with ``{{ form|crispy }}``,
so the revealed fields must appear under their item and nowhere else.
"""

from django import forms
from django.template import Context, Template
from django.test.html import parse_html

from tests.nhsuk_fixtures import Element, NotApplicable, walk
from tests.nhsuk_fixtures.allowances import drop_attribute
from tests.nhsuk_fixtures.common import text_of
from tests.nhsuk_fixtures.label import label_options

ALLOWED = [
    drop_attribute(
        "aria-invalid",
        "aria-invalid",
        'Django marks the inputs of a field with errors aria-invalid="true" '
        "(BoundField.build_widget_attrs), so a screen reader says the answer is invalid; "
        "NHS.UK's macro leaves it out",
    )
]

_FORM = Template("{% load crispy_forms_tags %}{{ form|crispy }}")


# Reading a conditional reveal's HTML back into the fields it shows ----------------------


def _classes(el):
    return dict(el.attributes).get("class", "").split()


def _find(tree, tag=None, cls=None):
    return next(
        (
            el
            for el in walk(tree)
            if (tag is None or el.name == tag) and (cls is None or cls in _classes(el))
        ),
        None,
    )


def _text(el):
    parts = (c if isinstance(c, str) else _text(c) for c in el.children)
    return " ".join(" ".join(parts).split())


def _error(group):
    message = _find(group, "span", "nhsuk-error-message")
    return _text(message).removeprefix("Error:").strip() if message else None


def _text_field(group):
    """A form group holding a label and a text input: (name, field, error)."""
    attrs = dict(_find(group, "input").attributes)
    own = {"nhsuk-input", "nhsuk-input--error"}
    widget_attrs = {"class": " ".join(c for c in attrs["class"].split() if c not in own)}
    if "spellcheck" in attrs:
        widget_attrs["spellcheck"] = attrs["spellcheck"]
    widget = forms.TextInput(attrs=widget_attrs)
    widget.input_type = attrs.get("type", "text")
    label = _text(_find(group, "label"))
    return [(attrs["name"], forms.CharField(label=label, required=False, widget=widget), None)]


def _radios_field(group):
    """A form group holding a radios question, with its own reveals: [(name, field, error)]."""
    legend = _find(group, "legend")
    size = next((c.rsplit("--", 1)[1] for c in _classes(legend) if "legend--" in c), None)
    hint = _find(group, "div", "nhsuk-hint")
    container = _find(group, "div", "nhsuk-radios")
    choices, conditional, revealed = [], {}, []
    current = None
    for child in (c for c in container.children if isinstance(c, Element)):
        if "nhsuk-radios__item" in _classes(child):
            radio = dict(_find(child, "input").attributes)
            current, name = radio["value"], radio["name"]
            choices.append((current, _text(_find(child, "label"))))
        elif "nhsuk-radios__conditional" in _classes(child):
            shown, fields = _conditional_fields(child)
            conditional[current] = shown
            revealed += fields
    field = forms.ChoiceField(
        label=_text(legend),
        help_text=_text(hint) if hint else "",
        choices=choices,
        widget=forms.RadioSelect,
        required=False,
    )
    field.widget.nhsuk = {"conditional": conditional, **({"label_size": size} if size else {})}
    return [(name, field, _error(group)), *revealed]


def _conditional_fields(tree):
    """(names of the fields a reveal shows, [(name, field, error)] of those and any fields
    they reveal in turn)."""
    shown, fields = [], []
    # parse_html gives a lone element itself, several under a root.
    groups = [tree] if "nhsuk-form-group" in _classes(tree) else tree.children
    for group in (c for c in groups if isinstance(c, Element)):
        if _find(group, "fieldset"):
            group_fields = _radios_field(group)
        else:
            name, field, _ = _text_field(group)[0]
            group_fields = [(name, field, _error(group))]
        shown.append(group_fields[0][0])
        fields += group_fields
    return shown, fields


# The question itself ---------------------------------------------------------------------


def legend_options(fieldset):
    """(legend text, NHS.UK options) from the macro's ``fieldset`` option."""
    legend = fieldset.get("legend")
    if isinstance(legend, str):
        legend = {"text": legend}
    if fieldset.get("describedBy") or fieldset.get("classes") or fieldset.get("attributes"):
        raise NotApplicable("fieldset attributes are the pack's, not the form's")
    text, options = label_options(legend)
    if legend.get("id"):
        options["label_id"] = legend["id"]
    return text, options


def item_options(items, module):
    """(choices, NHS.UK options, values checked by the items themselves) from ``items``."""
    choices, options, checked = [], {}, []
    divider = None
    for item in items:
        if not item:
            continue
        if item.get("divider"):
            divider = item["divider"]
            continue
        if item.get("name"):
            raise NotApplicable(
                "items with their own names are separate yes/no fields, which the pack renders "
                "each in its own form group (they can share a behaviour_group), not one fieldset"
            )
        value = item["value"]
        choices.append((value, text_of(item.get("label")) or item.get("text") or item.get("html")))
        if divider:
            options.setdefault("dividers", {})[value] = divider
            divider = None
        if item.get("hint"):
            options.setdefault("hints", {})[value] = text_of(item["hint"])
        behaviour = "exclusive" if item.get("exclusive") else item.get("behaviour")
        if behaviour:
            options.setdefault(behaviour, []).append(value)
        group = item.get("behaviourGroup") or item.get("exclusiveGroup")
        if group:
            options["behaviour_group"] = group
        if item.get("checked"):
            checked.append(value)
        if item.get("conditional"):
            options.setdefault("conditional", {})[value] = item["conditional"]["html"]
    groups = {i.get("behaviourGroup") or i.get("exclusiveGroup") for i in items if i.get("value")}
    if len(groups) > 1:
        raise NotApplicable("a group shared by only some items is not one Django field")
    return choices, options, checked


def build_choices(fixture, module, field_class):
    """Our HTML for a radios or checkboxes fixture (``module``), as a whole form."""
    ctx = fixture.context
    if ctx.get("formGroup") or ctx.get("attributes") or ctx.get("classes"):
        raise NotApplicable("classes and attributes are the pack's, not the form's")
    choices, options, checked = item_options(ctx["items"], module)
    if ctx.get("fieldset"):
        label, label_opts = legend_options(ctx["fieldset"])
        options.update(label_opts)
    else:
        label = ""  # no legend: the pack then renders no fieldset, as the macro does
    for name in ("small", "inline"):
        if ctx.get(name):
            options[name] = True

    # Fields the reveals show, read back from the HTML the macro was given.
    revealed = []
    for value, html in options.get("conditional", {}).items():
        shown, fields = _conditional_fields(parse_html(html))
        options["conditional"][value] = shown
        revealed += fields

    items = [i for i in ctx["items"] if i and not i.get("divider")]
    disabled_items = [i["value"] for i in items if i.get("disabled")]
    whole = bool(ctx.get("disabled")) and not any(i.get("disabled") is False for i in items)
    if ctx.get("disabled") and not whole:
        disabled_items = [i["value"] for i in items if i.get("disabled") is not False]
    if disabled_items:
        options["disabled"] = disabled_items

    name = ctx["name"]
    widget = forms.RadioSelect if module == "radios" else forms.CheckboxSelectMultiple
    field = field_class(
        label=label,
        help_text=text_of(ctx.get("hint")) or "",
        choices=choices,
        widget=widget,
        required=False,
        disabled=whole,
    )
    field.widget.nhsuk = options
    fields = {name: field, **{n: f for n, f, _ in revealed}}
    form_class = type("FixtureForm", (forms.Form,), fields)

    if module == "radios":
        chosen = ctx.get("value") or (checked[0] if checked else None)
    else:
        chosen = ctx.get("values") or checked or None
    errors = {n: e for n, _, e in revealed if e}
    if ctx.get("errorMessage") is True:
        errors[name] = ""  # marked with no message of its own
    elif ctx.get("errorMessage"):
        errors[name] = text_of(ctx["errorMessage"])
    if chosen is None and name not in errors and not any(errors.values()):
        form = form_class(auto_id="%s")
    else:
        form = form_class(data={name: chosen} if chosen else {}, auto_id="%s")
        form.is_valid()
        form.errors.clear()
        for field_name, message in errors.items():
            form.add_error(field_name, message)
    return _FORM.render(Context({"form": form}))


def build(fixture):
    return build_choices(fixture, "radios", forms.ChoiceField)
