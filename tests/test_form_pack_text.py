"""The form pack's text inputs, textareas, character counts and fieldsets (NHS.UK options).

Each test renders a real form as a page does ({{ form|crispy }} or {% crispy form %}) and
checks what a person sees or their screen reader hears.
"""

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.apps.registry import Apps
from django.db import models
from django.utils.safestring import mark_safe

from frontend.layout import Field, Fieldset
from frontend.options import configure
from frontend.validators import MaxWordsValidator, count_words
from tests.test_form_pack import crispy, described_by, parse, render

# Text inputs ------------------------------------------------------------------------------


class CostForm(forms.Form):
    cost = forms.DecimalField(label="Cost per item, in pounds")
    weight = forms.CharField(label="Weight", required=False)
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        configure(self.fields["cost"], prefix="£", suffix="per item", width=5)
        configure(self.fields["weight"], suffix=mark_safe("<abbr>kg</abbr>"))
        configure(self.fields["nhs_number"], width=10, code=True)


def test_prefix_and_suffix_sit_either_side_of_the_input_hidden_from_screen_readers():
    dom = crispy(CostForm(data={"cost": "x"}))
    cost = dom.by_id("id_cost")
    wrapper = cost.parent
    assert wrapper.classes == ["nhsuk-input-wrapper"]
    parts = [c for c in wrapper.children if not isinstance(c, str)]
    assert [p.attrs.get("class") for p in parts] == [
        "nhsuk-input-wrapper__prefix",
        "nhsuk-input nhsuk-input--error nhsuk-input--width-5",
        "nhsuk-input-wrapper__suffix",
    ]
    assert parts[0].text == "£" and parts[2].text == "per item"
    assert parts[0].attrs["aria-hidden"] == "true" and parts[2].attrs["aria-hidden"] == "true"
    # The error message stays above the wrapper, as NHS.UK places it.
    assert wrapper.parent.find(cls="nhsuk-error-message") is not None
    # A suffix given as safe HTML is kept as HTML.
    suffix = dom.by_id("id_weight").parent.find(cls="nhsuk-input-wrapper__suffix")
    assert suffix.find("abbr").text == "kg"
    # Without a prefix or suffix there is no wrapper.
    assert dom.by_id("id_nhs_number").parent.classes == ["nhsuk-form-group"]


def test_width_and_code_options_and_the_widgets_own_attributes():
    # A width class the widget sets itself wins over the option.
    field = configure(
        forms.CharField(widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4"})), width=30
    )
    form = type("F", (forms.Form,), {"code": configure(field, code=True)})()
    own = crispy(form).by_id("id_code")
    assert set(own.classes) == {"nhsuk-input", "nhsuk-input--width-4", "nhsuk-input--code"}

    box = crispy(CostForm()).by_id("id_nhs_number")
    assert set(box.classes) == {"nhsuk-input", "nhsuk-input--width-10", "nhsuk-input--code"}
    assert box.attrs["inputmode"] == "numeric"
    assert box.attrs["spellcheck"] == "false"


def test_an_unknown_width_is_refused():
    form = type("F", (forms.Form,), {"code": configure(forms.CharField(), width=7)})()
    with pytest.raises(ValueError, match="width"):
        crispy(form)


# Textareas --------------------------------------------------------------------------------


class NotesForm(forms.Form):
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    address = forms.CharField(
        label="Address", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


def test_a_textarea_is_five_rows_and_the_css_sets_its_width():
    dom = crispy(NotesForm())
    notes = dom.by_id("id_notes")
    assert notes.attrs["rows"] == "5"
    assert "cols" not in notes.attrs
    assert dom.by_id("id_address").attrs["rows"] == "3"


# Character count --------------------------------------------------------------------------


class StoryForm(forms.Form):
    story = forms.CharField(
        label="What happened?",
        help_text="Do not include personal information",
        widget=forms.Textarea,
        validators=[MaxWordsValidator(150)],
    )
    summary = forms.CharField(label="Summary", widget=forms.Textarea, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        configure(self.fields["summary"], threshold=75)


def test_count_words_counts_runs_between_whitespace():
    assert count_words("  one two\nthree\t four  ") == 4
    assert count_words("") == 0


def test_max_words_validator_refuses_too_many_words_in_plain_words():
    form = StoryForm(data={"story": "word " * 151, "summary": "ok"})
    assert not form.is_valid()
    assert form.errors["story"] == ["Your answer must be 150 words or fewer"]
    assert StoryForm(data={"story": "word " * 150, "summary": "ok"}).is_valid()


def test_trellis_forms_name_the_field_in_the_word_limit_message():
    from frontend import forms as plain

    class Named(plain.Form):
        reason = forms.CharField(
            label="Reason", widget=forms.Textarea, validators=[MaxWordsValidator(3)]
        )

    form = Named(data={"reason": "one two three four"})
    assert not form.is_valid()
    assert form.errors["reason"] == ["Reason must be 3 words or fewer"]


def test_a_word_limit_makes_a_character_count_by_words():
    dom = crispy(StoryForm(data={"story": "word " * 151, "summary": "ok"}))
    story = dom.by_id("id_story")
    group = story.ancestor(cls="nhsuk-character-count")
    assert group is not None and group.attrs["data-module"] == "nhsuk-character-count"
    assert group.attrs["data-maxwords"] == "150"
    assert group.attrs["data-count-type"] == "words"
    assert "data-maxlength" not in group.attrs
    assert "nhsuk-js-character-count" in story.classes
    assert story.attrs["rows"] == "5"
    assert dom.by_id("id_story-info").text == "You can enter up to 150 words"
    assert described_by(story) == ["id_story-info", "id_story-hint", "id_story-error"]


def test_a_word_limit_on_the_model_field_also_makes_a_count():
    class Reflection(models.Model):
        text = models.TextField(validators=[MaxWordsValidator(300)])

        class Meta:
            apps = Apps([])  # a registry of its own: no other test sees this model
            app_label = "frontend"

        def __str__(self):
            return self.text

    # A ModelForm's field does not carry the model field's validators; the pack looks.
    form_class = forms.modelform_factory(Reflection, fields=["text"])
    group = crispy(form_class()).by_id("id_text").ancestor(cls="nhsuk-character-count")
    assert group.attrs["data-maxwords"] == "300"


def test_threshold_shows_the_count_only_near_the_limit():
    group = crispy(StoryForm()).by_id("id_summary").ancestor(cls="nhsuk-character-count")
    assert group.attrs["data-maxlength"] == "200"
    assert group.attrs["data-threshold"] == "75"
    assert "data-count-type" not in group.attrs


def test_the_count_can_be_worded_by_the_form():
    field = configure(
        forms.CharField(label="Manylion", widget=forms.Textarea, max_length=200),
        textarea_description="Gallwch ddefnyddio hyd at %{count} nod",
        characters_under_limit={
            "one": "Mae gennych %{count} nod ar ôl",
            "other": "%{count} ar ôl",
        },
        characters_at_limit="Mae gennych 0 nod ar ôl",
    )
    dom = crispy(type("F", (forms.Form,), {"manylion": field})())
    group = dom.by_id("id_manylion").ancestor(cls="nhsuk-character-count")
    assert dom.by_id("id_manylion-info").text == "Gallwch ddefnyddio hyd at 200 nod"
    assert group.attrs["data-i18n.characters-under-limit.one"] == "Mae gennych %{count} nod ar ôl"
    assert group.attrs["data-i18n.characters-under-limit.other"] == "%{count} ar ôl"
    assert group.attrs["data-i18n.characters-at-limit"] == "Mae gennych 0 nod ar ôl"


# Fieldset ---------------------------------------------------------------------------------


class AddressForm(forms.Form):
    line1 = forms.CharField(label="Address line 1")
    postcode = forms.CharField(label="Postcode")

    def __init__(self, *args, legend=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset("What is your address?", "line1", Field("postcode", width=10), **legend)
        )


def test_a_fieldset_legend_can_be_the_page_heading_with_a_caption():
    legend = {"legend_size": "l", "heading": True, "caption": "About you"}
    dom = parse(render("{% crispy form %}", form=AddressForm(legend=legend)))
    fieldset = dom.by_id("id_line1").ancestor("fieldset")
    legend_el = fieldset.find("legend")
    assert legend_el.classes == ["nhsuk-fieldset__legend", "nhsuk-fieldset__legend--l"]
    heading = legend_el.find("h1", cls="nhsuk-fieldset__heading")
    assert heading.find("span", cls="nhsuk-caption-l").text == "About you"
    assert heading.text == "About you What is your address?"
    assert "nhsuk-input--width-10" in dom.by_id("id_postcode").classes


def test_a_fieldset_legend_can_be_body_size():
    dom = parse(render("{% crispy form %}", form=AddressForm(legend={"legend_size": None})))
    legend_el = dom.find("legend")
    assert legend_el.classes == ["nhsuk-fieldset__legend"]
    assert legend_el.find_all("h1") == []
    assert legend_el.text == "What is your address?"
