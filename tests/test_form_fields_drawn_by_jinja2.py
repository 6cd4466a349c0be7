"""A field is drawn by the Jinja2 copies of templates/nhsuk/components/ (docs/adr/0065),
and draws exactly what the Django templates draw: every component, with errors, hints,
captions, headings, options and crispy's settings, byte for byte."""

from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template

from frontend.fields import DateField
from frontend.layout import Button
from frontend.options import configure
from frontend.validators import MaxWordsValidator

# templates/nhsuk/field.html as it was: the component's Django template.
DJANGOS = Template(
    "{% load nhsuk %}{% if field.is_hidden %}{{ field }}{% else %}"
    "{% nhsuk_field field as component %}{% include component.template %}{% endif %}\n"
)
OURS = Template('{% include "nhsuk/field.html" %}')
HINT = 'Say "why" & <how> – it\'s yours'  # quotes, apostrophe, markup: escaped alike


class EveryKind(forms.Form):
    """One field of each component, with the options Trellis uses."""

    name = forms.CharField(label="Your 'name'", help_text=HINT, max_length=None)
    email = forms.EmailField(required=False)
    cost = forms.DecimalField(label="Cost", required=False)
    notes = forms.CharField(widget=forms.Textarea, required=False, help_text=HINT)
    summary = forms.CharField(widget=forms.Textarea, max_length=200, help_text=HINT)
    reflection = forms.CharField(
        widget=forms.Textarea, required=False, validators=[MaxWordsValidator(50)]
    )
    kind = forms.ChoiceField(choices=[("", "Choose"), ("a", "A's"), ("b", 'B "b"')])
    team = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    evidence = forms.FileField(required=False, help_text=HINT)
    agree = forms.BooleanField(label="I agree it's right", help_text=HINT)
    contact = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[("email", "Email"), ("phone", "Phone"), ("none", "Neither")],
        help_text=HINT,
    )
    phone = forms.CharField(required=False, label="Phone number")
    topics = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        choices=[("a", "A"), ("b", "B"), ("all", "All"), ("none", "None")],
        required=False,
    )
    silent = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, choices=[("a", "A")], label="", help_text=HINT
    )
    started = DateField(label="Start date", parts=("month", "year"), help_text=HINT)
    born = DateField(label="Date of birth", required=False)
    meeting = forms.SplitDateTimeField(required=False, help_text=HINT)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        configure(f["name"], heading=True, label_size="l", caption="About 'you'", prefix="£")
        configure(f["email"], caption="Contact", caption_placement="end", width=20, code=True)
        configure(f["cost"], caption="Money", caption_placement="before", suffix="per year")
        configure(f["notes"], caption="After", caption_placement="after", label_id="notes-l")
        configure(f["summary"], threshold=75, characters_at_limit="None left")
        configure(f["kind"], dividers=["b"], disabled_choices=["a"], error_prefix="")
        configure(f["team"], button=Button("Show", variant="secondary"))
        configure(f["agree"], exclusive=True, behaviour_group="g")
        configure(
            f["contact"],
            hints={"email": "We'll write"},
            dividers={"none": "or"},
            conditional={"phone": "phone"},
            inline=True,
        )
        configure(f["topics"], exclusive=["none"], inclusive=["all"], small=True)
        configure(f["started"], heading=2, caption="Dates", caption_placement="before")


def _pair(field, **context):
    values = {"field": field, **context}
    return DJANGOS.render(Context(values)), OURS.render(Context(values))


CRISPY = [
    {},
    {"form_show_errors": False, "form_show_labels": False},
    {"label_class": "extra-label", "wrapper_class": "extra-wrapper"},
]


@pytest.mark.parametrize("crispy", CRISPY)
def test_every_kind_of_field_is_drawn_as_the_django_templates_draw_it(crispy):
    form = EveryKind(auto_id="id_%s")
    for field in form:
        theirs, ours = _pair(field, **crispy)
        assert ours == theirs, field.name


@pytest.mark.parametrize("crispy", CRISPY)
def test_fields_with_errors_are_drawn_as_the_django_templates_draw_them(crispy):
    data = {"contact": "phone", "topics": ["a", "none"], "started_0": "13", "born_2": "x"}
    form = EveryKind(data=data)
    assert not form.is_valid()
    form.add_error("phone", "Enter a 'phone' <number>")
    form.add_error("phone", "")  # a mark with no message
    form.add_error("agree", 'Tick "agree"')
    form.add_error("meeting", "Enter a time")
    for field in form:
        theirs, ours = _pair(field, **crispy)
        assert ours == theirs, field.name
    drawn = OURS.render(Context({"field": form["contact"]}))
    assert "Enter a &#x27;phone&#x27; &lt;number&gt;" in drawn  # revealed, under its item
    assert 'nhsuk-radios__conditional"' in drawn


def test_a_field_without_ids_is_drawn_as_the_django_templates_draw_it():
    form = EveryKind(auto_id=False)
    for field in form:
        theirs, ours = _pair(field)
        assert ours == theirs, field.name


def test_each_component_template_has_its_jinja2_copy():
    django_dir = Path(settings.BASE_DIR) / "templates/nhsuk/components"
    jinja_dir = Path(settings.BASE_DIR) / "frontend/jinja2/nhsuk/components"
    from frontend.components import KINDS

    drawn = {f"{template}.html" for template, _ in KINDS.values()}
    partials = {"_label.html", "_label_text.html", "_legend.html", "_caption.html", "_hint.html"}
    for name in drawn | partials | {"_error_message.html"}:
        assert (django_dir / name).exists() and (jinja_dir / name).exists(), name
