"""Radios and checkboxes in the `nhsuk` pack: item hints, dividers, disabled items, small
and inline styles, "None" and "All" boxes, and conditional reveals of other fields.

Each test renders a form as a page does and checks what a person (or their screen reader,
or nhsuk-frontend's JavaScript) relies on.
"""

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms

from frontend.layout import Field
from frontend.options import configure
from tests.test_form_pack import crispy, described_by, parse, render, summary_links

CONTACT = [("email", "Email"), ("phone", "Phone"), ("text", "Text message")]


def radios(**options):
    field = forms.ChoiceField(
        label="How should we contact you?", choices=CONTACT, widget=forms.RadioSelect
    )
    return configure(field, **options)


def boxes(choices=(*CONTACT, ("none", "None of these")), **options):
    field = forms.MultipleChoiceField(
        label="How should we contact you?",
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    return configure(field, **options)


def one_field_form(field, data=None):
    return type("F", (forms.Form,), {"contact": field})(data=data)


def item(dom, input_id):
    return dom.by_id(input_id).parent


# Item hints, dividers, styles, disabled items ---------------------------------------------


@pytest.mark.parametrize("make, module", [(radios, "radios"), (boxes, "checkboxes")])
def test_an_item_hint_sits_under_its_item_and_describes_its_input(make, module):
    dom = crispy(one_field_form(make(hints={"phone": "We call between 9am and 5pm"})))
    hint = item(dom, "id_contact_1").find(cls=f"nhsuk-{module}__hint")
    assert "nhsuk-hint" in hint.classes and hint.text == "We call between 9am and 5pm"
    assert described_by(dom.by_id("id_contact_1")) == [hint.attrs["id"]]
    assert "aria-describedby" not in dom.by_id("id_contact_0").attrs


@pytest.mark.parametrize("make, module", [(radios, "radios"), (boxes, "checkboxes")])
def test_a_divider_comes_before_the_item_it_names(make, module):
    dom = crispy(one_field_form(make(dividers={"text": "or"})))
    group = dom.find(cls=f"nhsuk-{module}")
    children = [c for c in group.children if not isinstance(c, str)]
    kinds = [c.classes[0] for c in children]
    assert kinds[1:4] == [f"nhsuk-{module}__item", f"nhsuk-{module}__divider", kinds[3]]
    assert children[2].text == "or"
    assert children[3].find("input").attrs["value"] == "text"


@pytest.mark.parametrize("make, module", [(radios, "radios"), (boxes, "checkboxes")])
def test_small_and_inline_style_the_group(make, module):
    dom = crispy(one_field_form(make(small=True, inline=True)))
    classes = dom.find(cls=f"nhsuk-{module}").classes
    assert {f"nhsuk-{module}--small", f"nhsuk-{module}--inline"} <= set(classes)


def test_one_item_can_be_disabled():
    dom = crispy(one_field_form(radios(disabled=["phone"])))
    states = {r.attrs["value"]: "disabled" in r.attrs for r in dom.find_all("input")}
    assert states == {"email": False, "phone": True, "text": False}


def test_a_label_of_nothing_leaves_out_the_fieldset_and_boxes_carry_the_hint():
    field = boxes()
    field.label, field.help_text = "", "Select all that apply"
    dom = crispy(one_field_form(field))
    assert dom.find_all("fieldset") == [] and dom.find_all("legend") == []
    assert described_by(dom.by_id("id_contact_0")) == ["id_contact-hint"]


# "None of these" and "All" ---------------------------------------------------------------


def test_a_none_box_is_exclusive_and_others_in_its_group_follow_it():
    field = boxes(exclusive=["none"], dividers={"none": "or"}, behaviour_group="contact")
    dom = crispy(one_field_form(field))
    behaviour = {b.attrs["value"]: b.attrs.get("data-behaviour") for b in dom.find_all("input")}
    assert behaviour == {"email": None, "phone": None, "text": None, "none": "exclusive"}
    groups = {b.attrs.get("data-behaviour-group") for b in dom.find_all("input")}
    assert groups == {"contact"}


def test_an_all_box_and_its_divider_are_hidden_where_the_javascript_cannot_run():
    field = boxes([("all", "All of these"), *CONTACT], dividers={"email": "or"}, inclusive=["all"])
    dom = crispy(one_field_form(field))
    hidden = "nhsuk-u-frontend-not-supported-hidden"
    all_box = dom.by_id("id_contact_0")
    assert all_box.attrs["data-behaviour"] == "inclusive" and hidden in all_box.parent.classes
    assert hidden in dom.find(cls="nhsuk-checkboxes__divider").classes
    assert hidden not in dom.by_id("id_contact_1").parent.classes


def test_yes_or_no_boxes_can_share_a_group_with_an_exclusive_none_box():
    def yes(label, **options):
        return configure(forms.BooleanField(label=label, required=False), **options)

    form_class = type(
        "F",
        (forms.Form,),
        {
            "by_email": yes("Email", behaviour_group="contact"),
            "by_phone": yes("Phone", behaviour_group="contact"),
            "none": yes("Do not contact me", behaviour_group="contact", exclusive=True),
        },
    )
    dom = crispy(form_class())
    boxes_ = dom.find_all("input", type="checkbox")
    assert [b.attrs.get("data-behaviour-group") for b in boxes_] == ["contact"] * 3
    assert [b.attrs.get("data-behaviour") for b in boxes_] == [None, None, "exclusive"]


def test_exclusive_is_for_checkboxes_only():
    with pytest.raises(ValueError, match="for checkboxes"):
        crispy(one_field_form(radios(exclusive=["text"])))


# Conditional reveals ---------------------------------------------------------------------


class ContactForm(forms.Form):
    contact = forms.ChoiceField(
        label="How should we contact you?", choices=CONTACT, widget=forms.RadioSelect
    )
    email = forms.EmailField(label="Email address", required=False)
    phone = forms.CharField(label="Phone number", required=False)
    mobile = forms.CharField(label="Mobile number", required=False)
    notes = forms.CharField(label="Anything else?", required=False)

    def __init__(self, *args, conditional=True, **kwargs):
        super().__init__(*args, **kwargs)
        if conditional:
            configure(
                self.fields["contact"],
                conditional={"email": "email", "phone": ["phone", "mobile"]},
            )

    def clean(self):
        if self.cleaned_data.get("contact") == "email" and not self.cleaned_data.get("email"):
            self.add_error("email", "Enter your email address")


def reveal_of(dom, input_id):
    return dom.by_id(dom.by_id(input_id).attrs["data-aria-controls"])


def test_revealed_fields_sit_under_their_item_and_nowhere_else():
    dom = crispy(ContactForm())
    email_reveal = reveal_of(dom, "id_contact_0")
    phone_reveal = reveal_of(dom, "id_contact_1")

    assert email_reveal.classes == [
        "nhsuk-radios__conditional",
        "nhsuk-radios__conditional--hidden",
    ]
    assert email_reveal.ancestor(cls="nhsuk-radios") is dom.find(cls="nhsuk-radios")
    assert email_reveal.find("label", **{"for": "id_email"}).text == "Email address"
    assert [i.attrs["id"] for i in phone_reveal.find_all("input")] == ["id_phone", "id_mobile"]
    assert "data-aria-controls" not in dom.by_id("id_contact_2").attrs
    # Each field once: the reveals' fields are not repeated after the radios.
    assert [i.attrs["name"] for i in dom.find_all("input")] == [
        "contact",
        "email",
        "contact",
        "phone",
        "mobile",
        "contact",
        "notes",
    ]


def test_the_chosen_items_reveal_is_shown():
    dom = crispy(ContactForm(data={"contact": "phone"}))
    assert "nhsuk-radios__conditional--hidden" not in reveal_of(dom, "id_contact_1").classes
    assert "nhsuk-radios__conditional--hidden" in reveal_of(dom, "id_contact_0").classes


def test_a_revealed_fields_error_shows_inside_its_reveal_and_the_summary_links_to_it():
    dom = crispy(ContactForm(data={"contact": "email", "email": ""}))
    reveal = reveal_of(dom, "id_contact_0")
    assert "nhsuk-radios__conditional--hidden" not in reveal.classes
    assert reveal.by_id("id_email-error").text == "Error: Enter your email address"
    assert "nhsuk-form-group--error" in reveal.by_id("id_email").parent.classes
    assert summary_links(dom) == [("Enter your email address", "#id_email")]


def test_a_field_with_an_error_under_an_item_not_chosen_is_shown_in_the_open():
    # nhsuk-frontend's script hides a reveal whose item is not chosen, so an error (and
    # the error summary's link) there would point at nothing anyone can see.
    form = ContactForm(data={"contact": "text", "phone": "x"})
    form.is_valid()
    form.add_error("phone", "Enter a phone number, like 01632 960 001")
    dom = crispy(form)
    reveal = reveal_of(dom, "id_contact_1")  # still holds the mobile number, no error
    assert reveal.find_all("input", name="mobile")
    assert not reveal.find_all("input", name="phone")
    assert len(dom.find_all("input", name="phone")) == 1


def test_checkboxes_reveal_under_each_ticked_box():
    class Form(forms.Form):
        contact = boxes(conditional={"email": "email", "phone": "phone"})
        email = forms.EmailField(label="Email address", required=False)
        phone = forms.CharField(label="Phone number", required=False)

    dom = crispy(Form(data={"contact": ["email", "phone"]}))
    for box in ("id_contact_0", "id_contact_1"):
        reveal = reveal_of(dom, box)
        assert reveal.classes == ["nhsuk-checkboxes__conditional"]
    assert len(dom.find_all("input", name="email")) == 1


def test_a_revealed_question_can_reveal_its_own_fields():
    class Form(forms.Form):
        contact = radios(conditional={"phone": "when"})
        when = forms.ChoiceField(
            label="When?",
            choices=[("day", "Daytime"), ("evening", "Evening")],
            widget=forms.RadioSelect,
            required=False,
        )
        evening = forms.CharField(label="From what time?", required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            configure(self.fields["when"], conditional={"evening": "evening"})

    dom = crispy(Form())
    inner = reveal_of(dom, "id_when_1")
    assert inner.ancestor(cls="nhsuk-radios__conditional") is reveal_of(dom, "id_contact_1")
    assert len(dom.find_all("input", name="evening")) == 1


def test_the_crispy_tag_without_a_layout_does_not_repeat_revealed_fields():
    html = render("{% crispy form %}", form=ContactForm())
    assert html.count('name="email"') == 1 and html.count('name="phone"') == 1
    assert reveal_of(parse(html), "id_contact_0").find_all("input", name="email")


def test_a_crispy_layout_can_set_the_reveal_and_unmentioned_fields_skip_the_revealed():
    form = ContactForm(conditional=False)
    form.helper = FormHelper()
    form.helper.layout = Layout(Field("contact", conditional={"phone": ["phone", "mobile"]}))
    form.helper.render_unmentioned_fields = True
    dom = parse(render("{% crispy form %}", form=form))

    reveal = reveal_of(dom, "id_contact_1")
    assert [i.attrs["id"] for i in reveal.find_all("input")] == ["id_phone", "id_mobile"]
    names = [i.attrs["name"] for i in dom.find_all("input") if i.attrs["type"] != "hidden"]
    assert names.count("phone") == 1 and names.count("mobile") == 1
    assert names[-2:] == ["email", "notes"]  # the unmentioned fields, after the layout's


@pytest.mark.parametrize(
    "conditional, message",
    [
        ({"email": "fax"}, "not a field"),
        ({"email": "contact"}, "cannot reveal itself"),
        ({"email": "notes", "phone": "notes"}, "more than one item"),
    ],
)
def test_a_reveal_that_could_not_render_is_refused(conditional, message):
    form = ContactForm(conditional=False)
    configure(form.fields["contact"], conditional=conditional)
    with pytest.raises(ValueError, match=message):
        crispy(form)


@pytest.mark.parametrize("layout", [False, True])
def test_reveals_that_loop_are_refused(layout):
    form = ContactForm(conditional=False)
    form.fields["notes"] = forms.ChoiceField(choices=CONTACT, widget=forms.RadioSelect)
    configure(form.fields["contact"], conditional={"email": "notes"})
    configure(form.fields["notes"], conditional={"email": "contact"})
    if layout:
        form.helper = FormHelper()
        form.helper.layout = Layout("contact")
    with pytest.raises(ValueError, match="loop"):
        render("{% crispy form %}", form=form)
