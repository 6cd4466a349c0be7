"""Date input parts, month-and-year dates and the select's dividers and disabled options.

Rendered as pages render forms (``{% nhsuk_error_summary form %}{{ form|crispy }}``) and
checked for what a person sees: which boxes there are, what they say, which are marked.
"""

from datetime import date

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms

from frontend.fields import DateField, today
from frontend.layout import Button, Field
from frontend.widgets import DateInput
from tests.test_form_pack import crispy, described_by, parse, render


def month_form(**data):
    hint = "For example, 11 2023"
    field = DateField(label="Start date", parts=("month", "year"), help_text=hint)
    return type("F", (forms.Form,), {"started": field})(data=data or None)


def boxes(dom):
    group = dom.find(cls="nhsuk-date-input")
    return [
        (item.find("label").text, item.find("input"))
        for item in group.find_all(cls="nhsuk-date-input__item")
    ]


def marked(dom):
    return [label for label, box in boxes(dom) if "nhsuk-input--error" in box.classes]


def test_a_month_and_year_has_two_boxes():
    dom = crispy(month_form())
    found = boxes(dom)
    assert [label for label, _ in found] == ["Month", "Year"]
    assert [box.attrs["name"] for _, box in found] == ["started_0", "started_1"]
    assert [box.attrs["id"] for _, box in found] == ["id_started_0", "id_started_1"]
    assert "nhsuk-input--width-2" in found[0][1].classes
    assert "nhsuk-input--width-4" in found[1][1].classes
    fieldset = found[0][1].ancestor("fieldset")
    assert described_by(fieldset) == ["id_started-hint"]


def test_a_month_and_year_cleans_to_the_first_of_the_month():
    form = month_form(started_0="11", started_1="2023")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["started"] == date(2023, 11, 1)


def test_a_month_and_year_shows_its_initial_date():
    form = type("F", (forms.Form,), {"started": DateField(parts=("month", "year"))})(
        initial={"started": date(2024, 8, 1)}
    )
    assert [box.attrs.get("value") for _, box in boxes(crispy(form))] == ["8", "2024"]


def test_a_missing_year_marks_only_the_year_and_the_summary_links_to_the_first_box():
    dom = crispy(month_form(started_0="11", started_1=""))
    assert dom.by_id("id_started-error").text == "Error: Start date must include a year"
    assert marked(dom) == ["Year"]
    summary = dom.find(cls="nhsuk-error-summary")
    link = summary.find("a")
    assert (link.text, link.attrs["href"]) == ("Start date must include a year", "#id_started_0")


@pytest.mark.parametrize(
    ("typed", "message", "wrong"),
    [
        (("13", "2023"), "Start date must be a real date", ["Month"]),
        (("x", "2023"), "Start date must be a real date", ["Month"]),
        (("11", "23"), "Start date year must include 4 numbers", ["Year"]),
        (("12", "1949"), "Start date must be the same as or after January 1950", None),
    ],
)
def test_a_month_and_year_is_checked_with_nhsuk_messages(typed, message, wrong):
    form = month_form(started_0=typed[0], started_1=typed[1])
    assert form.errors["started"] == [message]
    assert marked(crispy(form)) == (wrong or ["Month", "Year"])


def test_a_month_that_cannot_be_in_the_future():
    now = today()
    next_month = date(now.year + now.month // 12, now.month % 12 + 1, 1)
    field = DateField(label="Start date", parts=("month", "year"), latest=today)
    form = type("F", (forms.Form,), {"started": field})
    this = form(data={"started_0": str(now.month), "started_1": str(now.year)})
    assert this.is_valid(), this.errors
    later = form(data={"started_0": str(next_month.month), "started_1": str(next_month.year)})
    assert later.errors["started"] == ["Start date must be this month or in the past"]


def test_the_boxes_can_be_named_in_another_language():
    widget = DateInput(labels={"day": "Dydd", "month": "Mis", "year": "Blwyddyn"})
    form = type("F", (forms.Form,), {"dob": DateField(label="Dyddiad geni", widget=widget)})()
    assert [label for label, _ in boxes(crispy(form))] == ["Dydd", "Mis", "Blwyddyn"]


@pytest.mark.parametrize("parts", [("year", "month"), ("day",), ("day", "week"), ()])
def test_the_parts_are_some_of_day_month_and_year_in_order(parts):
    with pytest.raises(ValueError, match="parts"):
        DateInput(parts=parts)


def test_a_date_field_is_a_whole_date_or_a_month():
    with pytest.raises(ValueError, match="month and year"):
        DateField(parts=("day", "month"))
    with pytest.raises(ValueError, match="widget asks for"):
        DateField(parts=("month", "year"), widget=DateInput())


# Select --------------------------------------------------------------------------------

SORTS = [
    ("first-up", "First name (A to Z)"),
    ("first-down", "First name (Z to A)"),
    ("last-up", "Last name (A to Z)"),
    ("last-down", "Last name (Z to A)"),
]


class SortForm(forms.Form):
    sort = forms.ChoiceField(label="Sort by", choices=SORTS)

    def __init__(self, *args, **options):
        super().__init__(*args)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("sort", **options))


def select_children(dom):
    select = dom.find("select")
    return [(e.tag, e.attrs.get("value"), "disabled" in e.attrs) for e in select.iter()]


def test_a_select_can_have_a_line_between_options_and_options_that_cannot_be_chosen():
    dom = parse(render("{% crispy form %}", form=SortForm(dividers=["last-up"])))
    assert select_children(dom) == [
        ("option", "first-up", False),
        ("option", "first-down", False),
        ("hr", None, False),
        ("option", "last-up", False),
        ("option", "last-down", False),
    ]
    form = SortForm({"sort": "first-down"}, disabled_choices=["last-down"])
    dom = parse(render("{% crispy form %}", form=form))
    assert [c for c in select_children(dom) if c[2]] == [("option", "last-down", True)]
    assert "selected" in dom.find("option", value="first-down").attrs


def test_dividers_and_disabled_options_keep_djangos_optgroups():
    groups = [("Names", SORTS[:2]), ("Surnames", SORTS[2:])]
    field = forms.ChoiceField(label="Sort by", choices=groups)
    field.widget.nhsuk = {"dividers": {"last-up": ""}, "disabled_choices": ["first-up"]}
    form = type("F", (forms.Form,), {"sort": field})()
    dom = crispy(form)
    assert [g.attrs["label"] for g in dom.find_all("optgroup")] == ["Names", "Surnames"]
    surnames = dom.find("optgroup", label="Surnames")
    assert [e.tag for e in surnames.iter()] == ["hr", "option", "option"]
    assert "disabled" in dom.find("option", value="first-up").attrs


def test_a_select_can_have_its_button_beside_it():
    button = Button("Show", variant="secondary", small=True)
    form = SortForm(button=button)
    dom = parse(render("{% crispy form %}", form=form))
    wrapper = dom.find(cls="nhsuk-input-wrapper")
    assert [e.tag for e in wrapper.children if not isinstance(e, str)] == ["select", "button"]
    shown = wrapper.find("button")
    assert shown.text == "Show"
    assert shown.classes == ["nhsuk-button", "nhsuk-button--secondary", "nhsuk-button--small"]
    assert wrapper.ancestor(cls="nhsuk-form-group") is dom.find("select").ancestor(
        cls="nhsuk-form-group"
    )
