"""NHS.UK buttons from crispy layouts (frontend.layout.Button) and the error summary's options."""

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.safestring import mark_safe

from frontend.layout import Button
from tests.test_form_pack import invalid_profile, parse, render


class NameForm(forms.Form):
    name = forms.CharField(label="Full name")

    def __init__(self, *buttons, data=None, as_inputs=False):
        super().__init__(data)
        self.helper = FormHelper()
        if as_inputs:
            self.helper.layout = Layout("name")
            for button in buttons:
                self.helper.add_input(button)
        else:
            self.helper.layout = Layout("name", *buttons)


def buttons_of(*buttons, as_inputs=False):
    dom = parse(render("{% crispy form %}", form=NameForm(*buttons, as_inputs=as_inputs)))
    return dom.find_all("button") + dom.find_all("a")


@pytest.mark.parametrize("as_inputs", [False, True])
def test_a_plain_button_is_a_submit_button_with_no_name_value_or_id(as_inputs):
    (button,) = buttons_of(Button("Save and continue"), as_inputs=as_inputs)
    assert button.tag == "button"
    assert button.text == "Save and continue"
    assert button.attrs == {
        "class": "nhsuk-button",
        "data-module": "nhsuk-button",
        "type": "submit",
    }


def test_a_button_that_says_which_one_was_pressed():
    (button,) = buttons_of(Button("Delete", variant="warning", name="action", value="delete"))
    assert button.classes == ["nhsuk-button", "nhsuk-button--warning"]
    assert (button.attrs["name"], button.attrs["value"]) == ("action", "delete")


def test_variants_small_and_disabled():
    secondary, reverse, login = buttons_of(
        Button("Find", variant="secondary", small=True),
        Button("Log out", variant="reverse", disabled=True),
        Button("Continue", variant="login", css_class="nhsuk-u-margin-bottom-0"),
    )
    assert secondary.classes == ["nhsuk-button", "nhsuk-button--secondary", "nhsuk-button--small"]
    assert reverse.classes == ["nhsuk-button", "nhsuk-button--reverse"]
    assert "disabled" in reverse.attrs and reverse.attrs["aria-disabled"] == "true"
    assert login.classes == ["nhsuk-button", "nhsuk-button--login", "nhsuk-u-margin-bottom-0"]


def test_a_link_styled_as_a_button():
    (link,) = buttons_of(Button("Cancel", variant="secondary", href="/plans/"))
    assert link.tag == "a"
    assert link.text == "Cancel"
    assert link.attrs["href"] == "/plans/"
    assert (link.attrs["role"], link.attrs["draggable"]) == ("button", "false")
    assert "type" not in link.attrs


def test_double_clicks_can_be_prevented():
    on, off, unsaid = buttons_of(
        Button("Send", prevent_double_click=True),
        Button("Send", prevent_double_click=False),
        Button("Send"),
    )
    assert on.attrs["data-prevent-double-click"] == "true"
    assert off.attrs["data-prevent-double-click"] == "false"
    assert "data-prevent-double-click" not in unsaid.attrs


def test_an_icon_is_drawn_before_or_after_the_text_and_hidden_from_screen_readers():
    before, after = buttons_of(
        Button("Previous", icon="arrow-left"),
        Button("Next", icon="arrow-right", icon_placement="end"),
    )
    assert [c.tag for c in before.iter() if c.tag != "path"] == ["svg", "span"]
    assert [c.tag for c in after.iter() if c.tag != "path"] == ["span", "svg"]
    svg = after.find("svg")
    assert svg.classes == ["nhsuk-icon", "nhsuk-icon--arrow-right"]
    assert svg.attrs["aria-hidden"] == "true"
    assert after.find("span", cls="nhsuk-button__content").text == "Next"
    assert "nhsuk-button--icon" in after.classes


@pytest.mark.parametrize(
    "kwargs",
    [
        {"variant": "primary"},
        {"icon": "star"},
        {"icon": "arrow-left", "icon_placement": "middle"},
        {"href": "/", "name": "go"},
    ],
)
def test_a_button_refuses_options_it_cannot_draw(kwargs):
    with pytest.raises(ValueError):
        Button("Go", **kwargs)


# Error summary ---------------------------------------------------------------------------


def summary(source, **context):
    return parse(render(source, form=invalid_profile(name=""), **context)).find(
        cls="nhsuk-error-summary"
    )


def test_the_summary_can_have_its_own_title_and_a_description():
    found = summary(
        '{% nhsuk_error_summary form title="Check your answers" description=text %}',
        text="Correct the answers below <then save>",
    )
    assert found.find("h2").text == "Check your answers"
    body = found.find(cls="nhsuk-error-summary__body")
    paragraph = body.find("p")
    assert paragraph.text == "Correct the answers below <then save>"  # escaped, shown as typed
    assert [c.tag for c in body.children if not isinstance(c, str)] == ["p", "ul"]


def test_a_description_marked_safe_keeps_its_markup():
    found = summary(
        "{% nhsuk_error_summary form description=text %}",
        text=mark_safe("Correct <strong>the answers</strong>"),
    )
    assert found.find("p").find("strong").text == "the answers"


@pytest.mark.parametrize(("value", "expected"), [(True, "true"), (False, "false")])
def test_auto_focus_can_be_turned_off(value, expected):
    found = summary("{% nhsuk_error_summary form disable_auto_focus=value %}", value=value)
    assert found.attrs["data-disable-auto-focus"] == expected


def test_auto_focus_takes_only_true_or_false():
    with pytest.raises(ValueError, match="disable_auto_focus"):
        summary('{% nhsuk_error_summary form disable_auto_focus="yes" %}')


def test_a_crispy_submit_keeps_its_name_but_not_the_id_crispy_makes_up():
    form = NameForm(Submit("save", "Save and continue"), Submit("go", "Go", css_id="go-now"))
    save, go = parse(render("{% crispy form %}", form=form)).find_all("button")
    assert (save.attrs["name"], save.attrs["value"]) == ("save", "Save and continue")
    assert "id" not in save.attrs
    assert go.attrs["id"] == "go-now"
