"""Every kind of field is drawn by frontend/jinja2/nhsuk/components/ (docs/adr/0065) as
it was drawn when those templates were Django's: errors, hints, captions, headings, options
and crispy's settings, byte for byte.

tests/data/form_fields_drawn.json holds what Django's templates drew for each field below,
written while both engines' templates existed and drew the same bytes. When a component's
markup changes on purpose, run this module with WRITE_DRAWN=1 to write the file afresh,
and read the difference before committing it.
"""

import json
import os
from pathlib import Path

import pytest
from django import forms
from django.forms.utils import flatatt
from django.template import Context, Template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from frontend.components.base import flat_attrs
from frontend.fields import DateField
from frontend.layout import Button
from frontend.options import configure
from frontend.validators import MaxWordsValidator

DRAWN = Path(__file__).resolve().parent / "data" / "form_fields_drawn.json"
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


CRISPY = [
    {},
    {"form_show_errors": False, "form_show_labels": False},
    {"label_class": "extra-label", "wrapper_class": "extra-wrapper"},
]


def _with_errors():
    data = {"contact": "phone", "topics": ["a", "none"], "started_0": "13", "born_2": "x"}
    form = EveryKind(data=data)
    assert not form.is_valid()
    form.add_error("phone", "Enter a 'phone' <number>")
    form.add_error("phone", "")  # a mark with no message
    form.add_error("agree", 'Tick "agree"')
    form.add_error("meeting", "Enter a time")
    return form


def drawn():
    """{"<case> <crispy settings> <field>": HTML} of every field in every case."""
    cases = {
        "blank": lambda: EveryKind(auto_id="id_%s"),
        "errors": _with_errors,
        "no-ids": lambda: EveryKind(auto_id=False),
    }
    found = {}
    for case, make in cases.items():
        for i, crispy in enumerate(CRISPY if case != "no-ids" else CRISPY[:1]):
            for field in make():
                context = Context({"field": field, **crispy})
                found[f"{case} {i} {field.name}"] = OURS.render(context)
    return found


@pytest.mark.skipif(not os.environ.get("WRITE_DRAWN"), reason="writes the expected HTML")
def test_write_what_each_field_draws():
    DRAWN.write_text(json.dumps(drawn(), indent=1, ensure_ascii=False) + "\n")


def test_every_kind_of_field_is_drawn_as_before():
    expected = json.loads(DRAWN.read_text())
    found = drawn()
    assert found.keys() == expected.keys()
    for key, html in found.items():
        assert html == expected[key], key


def test_an_error_under_a_revealed_field_is_drawn_under_its_item():
    drawn_contact = OURS.render(Context({"field": _with_errors()["contact"]}))
    assert "Enter a &#x27;phone&#x27; &lt;number&gt;" in drawn_contact
    assert 'nhsuk-radios__conditional"' in drawn_contact


@pytest.mark.parametrize(
    "attrs",
    [
        {},
        {"data-module": "nhsuk-character-count", "data-maxlength": 4000},
        {"data-i18n.words-under-limit.other": "You have %{count} words & 'more' \"left\" <"},
        {"b": True, "a": "x", "c": False, "d": None, "e": True, "data-x": 0},
        {"title": mark_safe("<b>kept</b>"), "lazy": gettext_lazy("Error"), "n": 1.5},
        {"we<ird": "key", "z": "last", "a": "first"},
    ],
)
def test_flat_attrs_writes_what_djangos_flatatt_writes(attrs):
    """The character count's data attributes: the same bytes as django.forms.utils.flatatt."""
    drawn = flat_attrs(attrs)
    assert drawn == flatatt(attrs)
    assert isinstance(drawn, SafeString)
