"""Errors that only mark a field, the error prefix, and a label's own id (frontend.options)."""

import re

from django import forms
from django.template import Context, Template

from frontend.options import configure
from frontend.templatetags.nhsuk import summary_errors

CRISPY = Template("{% load crispy_forms_tags %}{{ form|crispy }}")


class Dates(forms.Form):
    starts = forms.CharField(label="Start date")
    ends = forms.CharField(label="End date")


def _bound():
    form = Dates(data={"starts": "5 May", "ends": "1 May"})
    form.is_valid()
    form.add_error("ends", "End date must be after the start date")
    form.add_error("starts", "")  # marked: the one message covers both
    return form


def test_an_error_with_no_message_marks_the_field_but_says_nothing_of_its_own():
    html = CRISPY.render(Context({"form": _bound()}))
    starts = re.search(
        r'<div class="nhsuk-form-group[^"]*">\s*<label[^>]*for="id_starts".*?</div>', html, re.S
    )[0]
    assert "nhsuk-form-group--error" in starts
    assert "nhsuk-input--error" in starts and 'aria-invalid="true"' in starts
    assert "nhsuk-error-message" not in starts
    # No aria-describedby naming an element that does not exist (Django's own "_error").
    assert "aria-describedby" not in starts
    assert html.count('class="nhsuk-error-message"') == 1


def test_the_error_summary_lists_only_errors_with_words():
    assert summary_errors(_bound()) == [
        {"text": "End date must be after the start date", "href": "#id_ends"}
    ]


def test_every_aria_describedby_names_an_element_on_the_page():
    html = CRISPY.render(Context({"form": _bound()}))
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for value in re.findall(r'aria-describedby="([^"]+)"', html):
        assert set(value.split()) <= ids, value


def test_error_prefix_can_be_another_language_or_none():
    form = _bound()
    configure(form.fields["ends"], error_prefix="Gwall")
    html = CRISPY.render(Context({"form": form}))
    assert '<span class="nhsuk-u-visually-hidden">Gwall: </span>' in html
    form = _bound()
    configure(form.fields["ends"], error_prefix="")
    html = CRISPY.render(Context({"form": form}))
    assert "nhsuk-u-visually-hidden" not in html.split("nhsuk-error-message")[1][:80]


def test_a_label_and_a_legend_can_have_their_own_id():
    class Form(forms.Form):
        name = forms.CharField(label="Full name")
        contact = forms.ChoiceField(
            label="Contact", choices=[("a", "A")], widget=forms.RadioSelect
        )

    form = Form()
    configure(form.fields["name"], label_id="name-label")
    configure(form.fields["contact"], label_id="contact-legend")
    html = CRISPY.render(Context({"form": form}))
    assert re.search(r'<label[^>]*id="name-label"[^>]*for="id_name"', html)
    assert re.search(r'<legend[^>]*id="contact-legend"', html)
