"""The `nhsuk` crispy template pack, DateInput/DateField and the error summary.

Each test renders a form the way a page does and checks what a person (or their
screen reader) relies on: classes the NHS.UK CSS and JavaScript look for, labels tied
to inputs, hints and errors announced, typed values kept, error links that land.
"""

import contextlib
from datetime import date
from html.parser import HTMLParser

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset as CrispyFieldset
from crispy_forms.layout import Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template

from frontend.fields import DateField
from frontend.layout import Fieldset
from frontend.widgets import DateInput

# A small DOM ---------------------------------------------------------------------------

VOID = {"input", "br", "hr", "img", "meta", "link", "source", "wbr", "col", "area"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def text(self):
        parts = (c if isinstance(c, str) else c.text for c in self.children)
        return " ".join(" ".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one {tag or ''}.{cls or ''} {attrs}, found {len(found)}"
        return found[0]

    def by_id(self, id_):
        return self.find(id=id_)

    def ancestor(self, tag=None, cls=None):
        node = self.parent
        while node and not (
            (tag is None or node.tag == tag) and (cls is None or cls in node.classes)
        ):
            node = node.parent
        return node


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#root", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node.parent and node.tag != tag:
            node = node.parent
        assert node.tag == tag, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def render(source, **context):
    template = Template("{% load crispy_forms_tags nhsuk %}" + source)
    return template.render(Context(context))


def crispy(form):
    return parse(render("{% nhsuk_error_summary form %}{{ form|crispy }}", form=form))


def described_by(element):
    return element.attrs.get("aria-describedby", "").split()


# Forms used across the tests -----------------------------------------------------------

COLOURS = [("red", "Red"), ("green", "Green"), ("blue", "Blue")]


class ProfileForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        help_text="As it appears on your ID badge",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-20", "autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput({"autocomplete": "email"})
    )
    summary = forms.CharField(
        label="Summary", max_length=200, widget=forms.Textarea, help_text="Keep it brief"
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)
    colour = forms.ChoiceField(
        label="Favourite colour", choices=COLOURS, widget=forms.RadioSelect, help_text="Pick one"
    )
    skills = forms.MultipleChoiceField(
        label="Skills", choices=COLOURS, widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="I agree to the terms", help_text="You must agree")
    band = forms.ChoiceField(
        label="Pay band", choices=[("", "Choose a band"), ("5", "Band 5"), ("6", "Band 6")]
    )
    started = DateField(label="Start date", help_text="For example, 27 3 2024")


VALID = {
    "name": "Ann Smith",
    "email": "ann@example.com",
    "summary": "Ward sister",
    "colour": "green",
    "skills": ["red", "blue"],
    "agree": "on",
    "band": "6",
    "started_0": "27",
    "started_1": "3",
    "started_2": "2024",
}


def invalid_profile(**overrides):
    data = {**VALID, **overrides}
    return ProfileForm(data={k: v for k, v in data.items() if v is not None})


# Inputs ---------------------------------------------------------------------------------


def test_text_input_has_label_hint_and_keeps_widget_attributes():
    dom = crispy(ProfileForm())
    field = dom.by_id("id_name")
    label = dom.find("label", **{"for": "id_name"})
    group = field.ancestor(cls="nhsuk-form-group")

    assert label.text == "Full name"  # no asterisk, no colon
    assert "nhsuk-label" in label.classes
    assert label.ancestor(cls="nhsuk-form-group") is group
    assert {"nhsuk-input", "nhsuk-input--width-20"} <= set(field.classes)
    assert field.attrs["type"] == "text"
    assert field.attrs["autocomplete"] == "name"
    hint = group.find(cls="nhsuk-hint")
    assert hint.text == "As it appears on your ID badge"
    assert described_by(field) == [hint.attrs["id"]]


@pytest.mark.parametrize(
    ("widget", "input_type"),
    [
        (forms.TextInput, "text"),
        (forms.EmailInput, "email"),
        (forms.PasswordInput, "password"),
        (forms.NumberInput, "number"),
    ],
)
def test_input_keeps_the_widget_type(widget, input_type):
    form = type("F", (forms.Form,), {"answer": forms.CharField(widget=widget)})()
    field = crispy(form).by_id("id_answer")
    assert field.attrs["type"] == input_type
    assert "nhsuk-input" in field.classes


def test_input_error_is_shown_announced_and_the_typed_value_kept():
    form = invalid_profile(email="not-an-email")
    dom = crispy(form)
    field = dom.by_id("id_email")
    group = field.ancestor(cls="nhsuk-form-group")
    message = group.find(cls="nhsuk-error-message")

    assert "nhsuk-form-group--error" in group.classes
    assert "nhsuk-input--error" in field.classes
    assert field.attrs["value"] == "not-an-email"
    assert message.find(cls="nhsuk-u-visually-hidden").text == "Error:"
    assert message.text == "Error: Enter a valid email address."
    assert message.attrs["id"] in described_by(field)


def test_valid_fields_are_not_marked_as_errors():
    dom = crispy(invalid_profile(email="not-an-email"))
    group = dom.by_id("id_name").ancestor(cls="nhsuk-form-group")
    assert "nhsuk-form-group--error" not in group.classes
    assert not group.find_all(cls="nhsuk-error-message")


def test_label_is_the_field_label_verbatim():
    dom = crispy(ProfileForm())
    assert dom.find("label", **{"for": "id_notes"}).text == "Notes (optional)"
    assert "*" not in dom.find("label", **{"for": "id_summary"}).text


@pytest.mark.parametrize("bound", [False, True])
def test_every_aria_describedby_points_at_an_element_that_exists(bound):
    dom = crispy(invalid_profile(name="", colour=None, started_1="") if bound else ProfileForm())
    referenced = [id_ for e in dom.iter() for id_ in described_by(e)]
    assert referenced, "nothing is described: hints and errors would not be announced"
    for id_ in referenced:
        dom.by_id(id_)


def test_ids_are_unique():
    dom = crispy(invalid_profile(name="", colour=None))
    ids = [e.attrs["id"] for e in dom.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids))


def test_hidden_labels_stay_available_to_screen_readers():
    form = ProfileForm()
    form.helper = FormHelper()
    form.helper.form_show_labels = False
    label = parse(render("{% crispy form %}", form=form)).find("label", **{"for": "id_name"})
    assert "nhsuk-u-visually-hidden" in label.classes


# Textarea and character count ----------------------------------------------------------


def test_textarea_without_a_limit_is_a_plain_textarea():
    dom = crispy(ProfileForm())
    textarea = dom.by_id("id_notes")
    assert textarea.tag == "textarea"
    assert "nhsuk-textarea" in textarea.classes
    assert textarea.ancestor(cls="nhsuk-character-count") is None


def test_textarea_with_max_length_becomes_a_character_count():
    dom = crispy(invalid_profile(summary="x" * 201))
    textarea = dom.by_id("id_summary")
    wrapper = textarea.ancestor(cls="nhsuk-character-count")

    assert wrapper is not None and "nhsuk-form-group" in wrapper.classes
    assert wrapper.attrs["data-module"] == "nhsuk-character-count"
    assert wrapper.attrs["data-maxlength"] == "200"
    assert {"nhsuk-textarea", "nhsuk-js-character-count", "nhsuk-textarea--error"} <= set(
        textarea.classes
    )
    # A hard maxlength would silently cut pasted text; the count explains instead.
    assert "maxlength" not in textarea.attrs
    info = dom.by_id("id_summary-info")
    assert "nhsuk-character-count__message" in info.classes
    assert info.text == "You can enter up to 200 characters"
    assert described_by(textarea) == ["id_summary-info", "id_summary-hint", "id_summary-error"]
    assert textarea.text == "x" * 201


# Radios, checkboxes and a single checkbox ---------------------------------------------


def choice_group(dom, first_id):
    return dom.by_id(first_id).ancestor("fieldset")


def test_radios_are_a_fieldset_with_the_label_as_legend():
    dom = crispy(invalid_profile(colour=None))
    fieldset = choice_group(dom, "id_colour_0")
    radios = fieldset.find(cls="nhsuk-radios")

    assert "nhsuk-fieldset" in fieldset.classes
    assert fieldset.find("legend", cls="nhsuk-fieldset__legend").text == "Favourite colour"
    assert radios.attrs["data-module"] == "nhsuk-radios"
    assert fieldset.ancestor(cls="nhsuk-form-group").classes[-1] == "nhsuk-form-group--error"
    assert described_by(fieldset) == ["id_colour-hint", "id_colour-error"]
    items = radios.find_all(cls="nhsuk-radios__item")
    assert [i.find("input").attrs["id"] for i in items] == [
        "id_colour_0",
        "id_colour_1",
        "id_colour_2",
    ]
    for item in items:
        radio = item.find("input")
        label = item.find("label")
        assert radio.attrs["type"] == "radio" and "nhsuk-radios__input" in radio.classes
        assert {"nhsuk-label", "nhsuk-radios__label"} <= set(label.classes)
        assert label.attrs["for"] == radio.attrs["id"]
    assert [i.find("label").text for i in items] == ["Red", "Green", "Blue"]


def test_radios_keep_the_choice_after_an_error():
    dom = crispy(invalid_profile(name=""))
    checked = [
        r.attrs["value"] for r in dom.find_all("input", type="radio") if "checked" in r.attrs
    ]
    assert checked == ["green"]


def test_radio_widget_class_styles_the_group():
    widget = forms.RadioSelect(attrs={"class": "nhsuk-radios--inline"})
    form = type("F", (forms.Form,), {"yes": forms.ChoiceField(choices=COLOURS, widget=widget)})()
    dom = crispy(form)
    assert "nhsuk-radios--inline" in dom.find(cls="nhsuk-radios").classes
    assert dom.by_id("id_yes_0").classes == ["nhsuk-radios__input"]


def test_checkboxes_are_a_fieldset_and_keep_every_ticked_box():
    dom = crispy(invalid_profile(name=""))
    fieldset = choice_group(dom, "id_skills_0")
    group = fieldset.find(cls="nhsuk-checkboxes")

    assert fieldset.find("legend").text == "Skills"
    assert group.attrs["data-module"] == "nhsuk-checkboxes"
    boxes = group.find_all("input")
    assert all(
        b.attrs["type"] == "checkbox" and "nhsuk-checkboxes__input" in b.classes for b in boxes
    )
    for box in boxes:
        label = box.parent.find("label")
        assert label.attrs["for"] == box.attrs["id"] and "nhsuk-checkboxes__label" in label.classes
    assert [b.attrs["value"] for b in boxes if "checked" in b.attrs] == ["red", "blue"]


def test_checkbox_errors_link_from_the_fieldset():
    dom = crispy(invalid_profile(skills=None))
    fieldset = choice_group(dom, "id_skills_0")
    assert described_by(fieldset) == ["id_skills-error"]
    assert fieldset.by_id("id_skills-error").text == "Error: This field is required."


def test_single_checkbox_is_one_checkboxes_item():
    dom = crispy(invalid_profile(name=""))
    box = dom.by_id("id_agree")
    item = box.ancestor(cls="nhsuk-checkboxes__item")
    label = item.find("label")

    assert box.attrs["type"] == "checkbox" and "nhsuk-checkboxes__input" in box.classes
    assert item.ancestor(cls="nhsuk-checkboxes").attrs["data-module"] == "nhsuk-checkboxes"
    assert label.attrs["for"] == "id_agree" and label.text == "I agree to the terms"
    assert "nhsuk-checkboxes__hint" in dom.by_id("id_agree-hint").classes
    assert "checked" in box.attrs


def test_unticked_required_checkbox_shows_its_error():
    dom = crispy(invalid_profile(agree=None))
    box = dom.by_id("id_agree")
    assert "checked" not in box.attrs
    assert described_by(box) == ["id_agree-hint", "id_agree-error"]
    assert "nhsuk-form-group--error" in box.ancestor(cls="nhsuk-form-group").classes


# Select ----------------------------------------------------------------------------------


def test_select_has_label_and_keeps_the_selection():
    dom = crispy(invalid_profile(name=""))
    select = dom.by_id("id_band")
    assert select.tag == "select" and "nhsuk-select" in select.classes
    assert dom.find("label", **{"for": "id_band"}).text == "Pay band"
    assert [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs] == ["6"]


def test_select_error():
    dom = crispy(invalid_profile(band=""))
    select = dom.by_id("id_band")
    assert "nhsuk-select--error" in select.classes
    assert described_by(select) == ["id_band-error"]


# Date input ----------------------------------------------------------------------------------


def date_form(required=True, label="Date of birth", **data):
    form_class = type("F", (forms.Form,), {"dob": DateField(label=label, required=required)})
    return form_class(data=data)


def test_date_input_markup():
    dom = crispy(ProfileForm())
    fieldset = dom.by_id("id_started_0").ancestor("fieldset")
    group = fieldset.find(cls="nhsuk-date-input")
    items = group.find_all(cls="nhsuk-date-input__item")

    assert fieldset.attrs["role"] == "group"
    assert fieldset.find("legend", cls="nhsuk-fieldset__legend").text == "Start date"
    assert described_by(fieldset) == ["id_started-hint"]
    assert [i.find("label").text for i in items] == ["Day", "Month", "Year"]
    widths = []
    for index, item in enumerate(items):
        box = item.find("input")
        assert box.attrs["id"] == f"id_started_{index}"
        assert box.attrs["name"] == f"started_{index}"
        assert item.find("label").attrs["for"] == box.attrs["id"]
        assert "nhsuk-date-input__label" in item.find("label").classes
        assert box.attrs["inputmode"] == "numeric"
        assert {"nhsuk-input", "nhsuk-date-input__input"} <= set(box.classes)
        widths += [c for c in box.classes if c.startswith("nhsuk-input--width-")]
    assert widths == ["nhsuk-input--width-2", "nhsuk-input--width-2", "nhsuk-input--width-4"]


def test_date_input_shows_an_initial_date():
    form = type("F", (forms.Form,), {"dob": DateField()})(initial={"dob": date(1984, 3, 15)})
    dom = crispy(form)
    assert [dom.by_id(f"id_dob_{i}").attrs.get("value") for i in range(3)] == ["15", "3", "1984"]


def test_date_input_keeps_what_was_typed_and_marks_only_the_missing_part():
    dom = crispy(date_form(dob_0="31", dob_1="", dob_2="2025"))
    day, month, year = (dom.by_id(f"id_dob_{i}") for i in range(3))

    assert (day.attrs.get("value"), month.attrs.get("value"), year.attrs.get("value")) == (
        "31",
        None,
        "2025",
    )
    assert "nhsuk-input--error" in month.classes
    assert "nhsuk-input--error" not in day.classes + year.classes
    assert month.attrs["aria-invalid"] == "true"
    boxes_in_error = [
        box.attrs["id"]
        for box in (day, month, year)
        if "nhsuk-form-group--error" in box.ancestor(cls="nhsuk-form-group").classes
    ]
    assert boxes_in_error == ["id_dob_1"]
    assert "aria-invalid" not in day.attrs and "aria-invalid" not in year.attrs
    message = dom.by_id("id_dob-error")
    assert message.text == "Error: Date of birth must include a month"
    assert "id_dob-error" in described_by(month.ancestor("fieldset"))


@pytest.mark.parametrize(
    ("typed", "marked"),
    [(("31", "2", "2025"), [0]), (("40", "3", "2025"), [0]), (("1", "13", "2025"), [1]),
     (("1", "1", "0000"), [2]), (("9" * 5000, "3", "2025"), [0, 1, 2])],
)  # fmt: skip
def test_an_impossible_date_marks_the_box_that_makes_it_impossible(typed, marked):
    dom = crispy(date_form(dob_0=typed[0], dob_1=typed[1], dob_2=typed[2]))
    wrong = [i for i in range(3) if "nhsuk-input--error" in dom.by_id(f"id_dob_{i}").classes]
    assert wrong == marked


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter date of birth"),
        (("", "3", "1984"), "Date of birth must include a day"),
        (("15", "", "1984"), "Date of birth must include a month"),
        (("15", "3", ""), "Date of birth must include a year"),
        (("", "", "1984"), "Date of birth must include a day and month"),
        (("31", "2", "2025"), "Date of birth must be a real date"),
        (("31", "4", "2025"), "Date of birth must be a real date"),
        (("1", "13", "2025"), "Date of birth must be a real date"),
        (("0", "1", "2025"), "Date of birth must be a real date"),
        (("ab", "cd", "efgh"), "Date of birth must be a real date"),
        (("1", "March", "2025"), "Date of birth must be a real date"),
        (("-1", "3", "2025"), "Date of birth must be a real date"),
        (("1_0", "3", "2025"), "Date of birth must be a real date"),
        (("²", "3", "2025"), "Date of birth must be a real date"),
        (("9" * 5000, "3", "2025"), "Date of birth must be a real date"),
        (("9" * 20, "3", "2025"), "Date of birth must be a real date"),
        (("1", "1", "0000"), "Date of birth must be a real date"),
        (("15", "3", "84"), "Date of birth year must include 4 numbers"),
        (("15", "3", "19845"), "Date of birth year must include 4 numbers"),
    ],
)
def test_date_field_messages(parts, message):
    form = date_form(**{f"dob_{i}": part for i, part in enumerate(parts)})
    assert not form.is_valid()
    assert form.errors["dob"] == [message]


def test_date_field_accepts_a_real_date_with_spaces_and_leading_zeros():
    form = date_form(dob_0=" 05 ", dob_1="03", dob_2="1984")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["dob"] == date(1984, 3, 5)


def test_leap_day():
    assert date_form(dob_0="29", dob_1="2", dob_2="2024").is_valid()
    assert not date_form(dob_0="29", dob_1="2", dob_2="2025").is_valid()


def test_optional_date_may_be_left_empty_but_not_half_filled():
    empty = date_form(required=False, dob_0="", dob_1="", dob_2="")
    assert empty.is_valid() and empty.cleaned_data == {"dob": None}
    assert date_form(required=False).is_valid()
    form = date_form(required=False, dob_0="1")
    assert form.errors["dob"] == ["Date of birth must include a month and year"]


def test_date_messages_use_the_field_name_when_there_is_no_label():
    form = type("F", (forms.Form,), {"start_date": DateField()})(data={})
    assert form.errors["start_date"] == ["Enter start date"]


def test_date_messages_keep_acronyms():
    form = date_form(label="NHS start date")
    assert form.errors["dob"] == ["Enter NHS start date"]


@pytest.mark.parametrize(
    "value",
    [None, "", "2025-02-03", "nonsense", "2025-02-30", ["1", "2"], ["1", "2", "3", "4"], 42, {}],
)
def test_date_field_never_raises_anything_but_a_validation_error(value):
    field = DateField(label="Date", required=False)
    with contextlib.suppress(ValidationError):
        field.clean(value)


def test_date_field_reads_iso_strings_and_dates():
    field = DateField(required=False)
    assert field.clean("2025-02-03") == date(2025, 2, 3)
    assert field.clean(date(2025, 2, 3)) == date(2025, 2, 3)


def test_date_input_autocomplete_for_a_date_of_birth():
    context = DateInput(autocomplete="bday").get_context("dob", None, {"id": "id_dob"})
    parts = context["widget"]["subwidgets"]
    assert [p["attrs"]["autocomplete"] for p in parts] == ["bday-day", "bday-month", "bday-year"]


# Error summary ----------------------------------------------------------------------------


def test_error_summary_renders_nothing_without_errors():
    assert render("{% nhsuk_error_summary form %}", form=ProfileForm()).strip() == ""
    assert render("{% nhsuk_error_summary form %}", form=invalid_profile()).strip() == ""


def summary_links(dom):
    summary = dom.find(cls="nhsuk-error-summary")
    return [(a.text, a.attrs["href"]) for a in summary.find_all("a")]


def test_error_summary_markup():
    dom = crispy(invalid_profile(name=""))
    summary = dom.find(cls="nhsuk-error-summary")
    assert summary.attrs["data-module"] == "nhsuk-error-summary"
    # nhsuk-frontend 10.6.1 renders no tabindex: its script adds tabindex="-1" when it
    # focuses the summary and takes it away on blur, so it is no tab stop afterwards.
    assert "tabindex" not in summary.attrs
    assert "data-disable-auto-focus" not in summary.attrs
    alert = summary.find(role="alert")
    assert alert.find("h2", cls="nhsuk-error-summary__heading").text == "There is a problem"
    assert alert.find("ul", cls="nhsuk-error-summary__list")


def test_error_summary_links_every_error_in_field_order_to_an_element_that_exists():
    form = invalid_profile(
        name="", email="nope", colour=None, skills=None, agree=None, band="", started_1=""
    )
    dom = crispy(form)
    links = summary_links(dom)
    assert [href for _, href in links] == [
        "#id_name",
        "#id_email",
        "#id_colour_0",
        "#id_skills_0",
        "#id_agree",
        "#id_band",
        "#id_started_0",
    ]
    assert links[-1][0] == "Start date must include a month"
    for _, href in links:
        target = dom.by_id(href[1:])
        assert target.tag in {"input", "select", "textarea"}


def test_non_field_errors_link_to_the_first_field_and_appear_once():
    class ShiftForm(forms.Form):
        start = forms.CharField()
        end = forms.CharField()

        def clean(self):
            self.add_error(None, "The shift must end after it starts")
            self.add_error(None, "The shift must end after it starts")
            raise ValidationError("The shift must end after it starts")

    dom = crispy(ShiftForm(data={"start": "9", "end": "8"}))
    assert summary_links(dom) == [("The shift must end after it starts", "#id_start")]
    dom.by_id("id_start")


def test_error_text_that_echoes_input_is_escaped():
    dom = crispy(invalid_profile(colour="<b>bold</b>"))
    assert not dom.find_all("b")
    assert "<b>bold</b> is not one of the available choices" in summary_links(dom)[0][0]


def test_hidden_field_errors_point_at_the_first_visible_field():
    form_class = type(
        "F",
        (forms.Form,),
        {"token": forms.CharField(widget=forms.HiddenInput), "name": forms.CharField()},
    )
    dom = crispy(form_class(data={"name": "Ann"}))
    assert summary_links(dom) == [("This field is required.", "#id_name")]
    assert not dom.by_id("id_token").ancestor(cls="nhsuk-form-group")


def test_error_summary_with_a_prefix():
    form = ProfileForm(prefix="profile", data={"profile-email": "bad"})
    dom = crispy(form)
    hrefs = [href for _, href in summary_links(dom)]
    assert hrefs[:3] == ["#id_profile-name", "#id_profile-email", "#id_profile-summary"]
    assert "#id_profile-colour_0" in hrefs and "#id_profile-started_0" in hrefs
    for href in hrefs:
        dom.by_id(href[1:])


def test_error_summary_takes_several_forms():
    first = ProfileForm(prefix="a", data={})
    second = date_form()
    html = render(
        "{% nhsuk_error_summary first second %}{{ first|crispy }}{{ second|crispy }}",
        first=first,
        second=second,
    )
    dom = parse(html)
    hrefs = [href for _, href in summary_links(dom)]
    assert hrefs[0] == "#id_a-name" and hrefs[-1] == "#id_dob_0"
    for href in hrefs:
        dom.by_id(href[1:])


def test_error_summary_takes_a_formset():
    formset = forms.formset_factory(ProfileForm)(
        data={"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-email": "bad"}
    )
    dom = parse(render("{% nhsuk_error_summary formset %}{{ formset|crispy }}", formset=formset))
    hrefs = [href for _, href in summary_links(dom)]
    assert hrefs and hrefs[0] == "#id_form-0-name"
    for href in hrefs:
        dom.by_id(href[1:])


# crispy tag and layout ----------------------------------------------------------------------


class DetailsForm(forms.Form):
    name = forms.CharField(label="Full name")
    email = forms.EmailField(label="Email address")
    phone = forms.CharField(label="Phone number", required=False)

    def __init__(self, *args, legend_size=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        group = (
            Fieldset("Your details", "name", "email", legend_size=legend_size)
            if legend_size
            else CrispyFieldset("Your details", "name", "email")
        )
        self.helper.layout = Layout(group, "phone", Submit("save", "Save and continue"))


@pytest.mark.parametrize(("legend_size", "expected"), [(None, "m"), ("l", "l")])
def test_crispy_fieldset_renders_an_nhsuk_fieldset(legend_size, expected):
    dom = parse(render("{% crispy form %}", form=DetailsForm(legend_size=legend_size)))
    form = dom.find("form")
    fieldset = dom.by_id("id_name").ancestor("fieldset")
    legend = fieldset.find("legend")

    assert "novalidate" in form.attrs and form.attrs["method"] == "post"
    assert "nhsuk-fieldset" in fieldset.classes
    assert legend.text == "Your details"
    assert legend.classes == ["nhsuk-fieldset__legend", f"nhsuk-fieldset__legend--{expected}"]
    assert dom.by_id("id_email").ancestor("fieldset") is fieldset
    assert dom.by_id("id_phone").ancestor("fieldset") is None


def test_fieldset_rejects_an_unknown_legend_size():
    with pytest.raises(ValueError, match="legend_size"):
        Fieldset("Your details", "name", legend_size="huge")


def test_crispy_submit_is_an_nhsuk_button():
    button = parse(render("{% crispy form %}", form=DetailsForm())).find("button")
    assert button.classes == ["nhsuk-button"]
    assert button.attrs["type"] == "submit"
    assert button.attrs["data-module"] == "nhsuk-button"
    assert button.text == "Save and continue"


def test_crispy_tag_shows_errors_and_keeps_values():
    form = DetailsForm(data={"name": "Ann", "email": "nope"})
    dom = parse(render("{% nhsuk_error_summary form %}{% crispy form %}", form=form))
    assert dom.by_id("id_name").attrs["value"] == "Ann"
    assert dom.by_id("id_email-error").text == "Error: Enter a valid email address."
    assert summary_links(dom) == [("Enter a valid email address.", "#id_email")]


# Content-Security-Policy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(lambda: render("{{ form|crispy }}", form=ProfileForm()), id="unbound"),
        pytest.param(
            lambda: render(
                "{% nhsuk_error_summary form %}{{ form|crispy }}",
                form=invalid_profile(name="", colour=None, started_0=""),
            ),
            id="errors",
        ),
        pytest.param(lambda: render("{% crispy form %}", form=DetailsForm()), id="crispy-tag"),
    ],
)
def test_nothing_inline_that_the_content_security_policy_would_block(html):
    dom = parse(html())
    for element in dom.iter():
        assert "style" not in element.attrs, element.tag
        assert not any(name.startswith("on") for name in element.attrs), element.tag
        assert not (element.tag == "script" and "src" not in element.attrs)
        assert element.tag != "style"


@pytest.mark.parametrize("field", [forms.CharField, forms.BooleanField])
def test_a_hint_is_text_not_markup(field):
    """Hints can hold stored text (a hint names a person's former line manager), so
    they are escaped like every other value, in text boxes and single checkboxes."""

    class HintForm(forms.Form):
        answer = field(label="Answer", help_text="Shared with <script>alert(1)</script> Ann")

    html = render("{{ form|crispy }}", form=HintForm())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ann" in html
