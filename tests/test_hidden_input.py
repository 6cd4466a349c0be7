"""A hidden field drawn without Django's widget machinery draws what Django drew."""

from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from frontend.components.drawing import as_django_prints
from frontend.components.widgets import hidden_input


class Versions(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(widget=forms.HiddenInput, required=False)
    styled = forms.CharField(widget=forms.HiddenInput(attrs={"class": "x"}), required=False)
    locked = forms.CharField(widget=forms.HiddenInput, disabled=True, required=False)
    amount = forms.DecimalField(widget=forms.HiddenInput, localize=True, required=False)
    changed = forms.CharField(widget=forms.HiddenInput, show_hidden_initial=True, required=False)
    several = forms.MultipleChoiceField(
        widget=forms.MultipleHiddenInput, choices=[("a", "A"), ("b", "B")], required=False
    )


AWKWARD = "<a href='x'>\"&amp;\" é 😀</a>"
FORMS = [
    Versions(),
    Versions(initial={"version": 7, "text": AWKWARD, "amount": Decimal("1234.5")}),
    Versions(initial={"version": 0, "text": "", "several": ["a", "b"]}),
    Versions(initial={"text": mark_safe("<b>kept</b>"), "version": lambda: 3}),
    Versions({"version": "12", "text": AWKWARD, "amount": "9", "several": ["b"]}),
    Versions({"version": "not a number", "text": "  spaced  "}),
    Versions({}, prefix="q-4"),
    Versions(initial={"version": 2}, auto_id="field_%s"),
    Versions(initial={"version": 2}, auto_id=False),
    Versions(initial={"version": 2}, renderer=DjangoTemplates()),
]


@pytest.mark.parametrize("form", FORMS, ids=range(len(FORMS)))
def test_every_hidden_field_is_drawn_as_django_draws_it(form):
    for bound_field in form:
        assert hidden_input(bound_field) == str(bound_field), bound_field.name
        assert as_django_prints(bound_field) == str(bound_field), bound_field.name


def test_a_plain_hidden_field_is_drawn_without_its_widget(monkeypatch):
    # What saves the time: neither the widget nor a template is asked.
    form = Versions(initial={"version": 5})

    def refuse(*args, **kwargs):
        raise AssertionError("drawn by the widget")

    monkeypatch.setattr(forms.HiddenInput, "render", refuse)
    assert (
        hidden_input(form["version"])
        == '<input type="hidden" name="version" value="5" id="id_version">'
    )
    with pytest.raises(AssertionError):
        hidden_input(form["styled"])  # attributes of its own: Django draws it
