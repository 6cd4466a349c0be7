"""A text box drawn from its kept shape (frontend.components.shapes, docs/adr/0085) is the
HTML drawing it afresh gives: whatever was typed in it, and whatever about the field
changed since its shape was kept (a question's words, its hint, its limit, its options,
its ids, crispy's settings)."""

import pytest
from django import forms
from markupsafe import Markup

from frontend.components import shapes
from frontend.components.drawing import _draw, draw_field
from frontend.layout import Button
from frontend.options import configure
from frontend.validators import MaxWordsValidator

from .test_form_fields_drawn_by_jinja2 import CRISPY, EveryKind

TYPED = [None, "", "plain", "<b>'bold'</b> & \"quoted\"", "\nstarts on a new line", "é ² 🙂"]


@pytest.fixture(autouse=True)
def empty_store():
    shapes.forget()
    yield
    shapes.forget()


class Answer(forms.Form):
    """One answer box whose words are set when the form is made, as a journal question's."""

    def __init__(self, *args, label="What went well?", hint="", limit=4000, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q1"] = forms.CharField(
            label=label,
            help_text=hint,
            max_length=limit,
            required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
        )


def _both(crispy, bound_field):
    """(drawn from the store, drawn afresh)."""
    return draw_field(crispy, bound_field), _draw(crispy, bound_field)


@pytest.mark.parametrize("crispy", CRISPY)
@pytest.mark.parametrize("name", ["notes", "summary", "reflection"])
def test_a_kept_box_holds_what_was_typed_as_a_fresh_drawing_does(crispy, name):
    draw_field(crispy, EveryKind(auto_id="id_%s")[name])  # keeps the shape
    assert shapes._shapes
    for typed in TYPED:
        form = EveryKind(data={name: typed} if typed is not None else None, auto_id="id_%s")
        if typed is not None:
            form.errors.pop(name, None)  # the other fields' errors do not matter here
        kept, fresh = _both(crispy, form[name])
        assert kept == fresh, typed
        assert isinstance(kept, Markup)


@pytest.mark.parametrize(
    "change",
    [
        {"label": "What was hard?"},
        {"label": Markup("<b>What</b> was hard?")},
        {"hint": "Think of one week"},
        {"limit": 500},
        {"prefix": "other"},
        {"auto_id": False},
        {"prefix": "other", "auto_id": False},
    ],
)
def test_a_change_to_the_field_is_drawn(change):
    draw_field({}, Answer(data={"q1": "My answer"})["q1"])
    kept, fresh = _both({}, Answer(data={"q1": "My answer"}, **change)["q1"])
    assert kept == fresh
    assert str(change.get("label", "")) in kept or "label" not in change
    if "hint" in change:
        assert "Think of one week" in kept
    if "limit" in change:
        assert "You can enter up to 500 characters" in kept


@pytest.mark.parametrize(
    "option",
    [
        {"threshold": 75},
        {"characters_at_limit": "None left"},
        {"heading": True, "label_size": "l", "caption": "Strengths"},
    ],
)
def test_an_option_set_on_the_box_is_drawn(option):
    draw_field({}, Answer()["q1"])
    form = Answer()
    configure(form.fields["q1"], **option)
    kept, fresh = _both({}, form["q1"])
    assert kept == fresh
    assert kept != draw_field({}, Answer()["q1"])


def test_a_word_limit_is_drawn():
    draw_field({}, Answer()["q1"])
    form = Answer()
    form.fields["q1"].validators.append(MaxWordsValidator(50))
    kept, fresh = _both({}, form["q1"])
    assert kept == fresh
    assert "You can enter up to 50 words" in kept


def test_a_box_with_an_error_is_drawn_afresh_and_not_kept():
    form = Answer(data={"q1": "x" * 4001})
    html = draw_field({}, form["q1"])
    assert "nhsuk-form-group--error" in html
    assert not shapes._shapes
    assert draw_field({}, Answer(data={"q1": "ok"})["q1"]) == _draw(
        {}, Answer(data={"q1": "ok"})["q1"]
    )


def test_a_box_with_an_option_not_plain_is_never_kept():
    form = Answer()
    configure(form.fields["q1"], button=Button("Show", variant="secondary"))
    draw_field({}, form["q1"])
    assert not shapes._shapes


def test_a_label_of_markup_is_drawn_as_markup_and_one_of_text_escaped():
    words = "<b>What</b> went well?"
    as_text = draw_field({}, Answer(label=words)["q1"])
    as_markup, fresh = _both({}, Answer(label=Markup(words))["q1"])
    assert as_markup == fresh
    assert "<b>What</b>" in as_markup
    assert "&lt;b&gt;What" in as_text


@pytest.mark.parametrize("crispy", CRISPY[1:])
def test_crispys_settings_are_drawn(crispy):
    draw_field({}, Answer()["q1"])
    kept, fresh = _both(crispy, Answer()["q1"])
    assert kept == fresh
    assert kept != draw_field({}, Answer()["q1"])


def test_the_boxs_name_is_drawn():
    draw_field({}, Answer(auto_id=False)["q1"])
    kept, fresh = _both({}, Answer(auto_id=False, prefix="other")["q1"])
    assert kept == fresh
    assert 'name="other-q1"' in kept


def test_a_box_that_must_be_answered_is_drawn_so():
    draw_field({}, Answer()["q1"])
    form = Answer()
    form.fields["q1"].required = True
    kept, fresh = _both({}, form["q1"])
    assert kept == fresh
    assert " required " in kept


def test_a_form_with_its_own_bound_field_is_drawn_each_time():
    """Django lets a form choose its bound field's class, which may add attributes."""

    class Owned(forms.BoundField):
        def build_widget_attrs(self, attrs, widget=None):
            return {**super().build_widget_attrs(attrs, widget), "data-owner": self.form.owner}

    def owned(owner, **kwargs):
        form = Answer(bound_field_class=Owned, **kwargs)
        form.owner = owner
        return form["q1"]

    draw_field({}, owned("alice"))
    kept, fresh = _both({}, owned("bob", data={"q1": "Bob's answer"}))
    assert kept == fresh and 'data-owner="bob"' in kept
    assert not shapes._shapes


def test_the_boxs_attributes_are_drawn_in_their_order():
    first, second = Answer(), Answer()
    first.fields["q1"].widget.attrs.update({"spellcheck": "true", "autocapitalize": "off"})
    second.fields["q1"].widget.attrs.update({"autocapitalize": "off", "spellcheck": "true"})
    draw_field({}, first["q1"])
    kept, fresh = _both({}, second["q1"])
    assert kept == fresh


def test_a_limit_of_another_type_is_drawn_as_it_prints():
    draw_field({}, Answer()["q1"])
    form = Answer()
    form.fields["q1"].max_length = 4000.0
    kept, fresh = _both({}, form["q1"])
    assert kept == fresh
