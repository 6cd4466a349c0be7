"""The form renderer (frontend/renderers.py, docs/adr/0060): Django's widget templates
are drawn by Jinja2, and every other template a widget names (the admin's, Trellis's
own) is still found."""

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Template as Jinja2Template
from django.urls import reverse

from frontend.options import set_options
from tests.factories import PersonFactory


def test_django_widget_templates_are_drawn_by_jinja2():
    renderer = get_default_renderer()
    for name in ("django/forms/widgets/input.html", "django/forms/widgets/select.html",
                 "frontend/select_option.html"):  # fmt: skip
        assert isinstance(renderer.get_template(name), Jinja2Template), name


def test_a_template_only_django_has_is_found_and_one_neither_has_is_refused():
    renderer = get_default_renderer()
    assert renderer.get_template("admin/widgets/related_widget_wrapper.html")
    with pytest.raises(TemplateDoesNotExist):
        renderer.get_template("frontend/no-such-widget.html")


class Pick(forms.Form):
    colour = forms.ChoiceField(
        choices=[("red", "Red"), ("blue", "Blue & green")],
        widget=set_options(forms.Select(), dividers=["blue"]),
    )


def test_a_select_draws_its_options_and_a_divider_before_the_marked_one():
    from crispy_forms.utils import render_crispy_form

    html = render_crispy_form(Pick(initial={"colour": "blue"}))
    assert '<option value="red">Red</option>' in html
    assert '<hr>\n  <option value="blue" selected>Blue &amp; green</option>' in html


class Selects(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "Choose"), ("Group <1>", [(1, "x & y"), (2, "z")]), (3, 'w "q"')],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[(i, f"Choice {i}") for i in range(5)])
    marked = forms.ChoiceField(
        choices=[("red", "Red"), ("blue", "Blue"), ("grey", "Grey")],
        widget=set_options(forms.Select(attrs={"data-x": "<1>", "disabled": True,
                                               "hidden": False}),
                           dividers=["blue"], disabled_choices=["grey"]),
    )  # fmt: skip


def _widgets():
    """(widget, value) pairs covering every template Trellis draws with its own copy:
    values missing, empty and needing escapes; attributes true, false and text; a
    select's groups, several chosen, a divider and a disabled choice."""
    attrs = {"data-x": '<1> & "2"', "disabled": True, "hidden": False, "maxlength": 5}
    text = [None, "", 'a <b> & "c"', 0]
    inputs = [forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput,
              forms.PasswordInput, forms.HiddenInput, forms.DateInput, forms.DateTimeInput,
              forms.TimeInput, forms.SearchInput, forms.TelInput, forms.ColorInput,
              forms.FileInput, forms.CheckboxInput]  # fmt: skip
    for kind in inputs:
        for value in text:
            yield kind(), value
            yield kind(attrs=attrs), value
    for value in text:
        yield forms.Textarea(attrs=attrs), value
    choices = [("", "Choose"), ("Group <1>", [(1, "x & y"), (2, "z")]), (3, 'w "q"')]
    for value in (None, "2", ""):
        yield forms.Select(choices=choices), value
        yield forms.Select(choices=choices, attrs=attrs), value
    yield forms.SelectMultiple(choices=choices), ["1", "3"]
    marked = set_options(forms.Select(choices=[("red", "Red"), ("blue", "Blue")]),
                         dividers=["blue"], disabled_choices=["red"])  # fmt: skip
    from frontend.components.select import _with_items

    yield _with_items(marked, {"blue"}, {"red"}), "blue"
    # An option drawn by any other template is included as Django includes it.
    other = forms.Select(choices=[(1, "One"), (2, "Two")])
    other.option_template_name = "django/forms/widgets/radio_option.html"
    yield other, "2"


def test_trellis_draws_each_widget_it_copies_as_django_does_byte_for_byte():
    """Every template the renderer draws with Trellis's copy (DRAWN_BY_TRELLIS) gives
    the HTML Django's own Jinja2 templates give, for every widget of _widgets()."""
    from django.forms.renderers import Jinja2

    from frontend.renderers import DRAWN_BY_TRELLIS, FormRenderer

    ours, django = FormRenderer(), Jinja2()
    drawn = set()
    for widget, value in _widgets():
        context = widget.get_context("field", value, {"id": "id_field"})
        names = [widget.template_name]
        if isinstance(widget, forms.widgets.Input):  # also drawn alone, for a radio or date part
            names.append("django/forms/widgets/input.html")
        for name in names:
            assert ours.get_template(name).template.name == DRAWN_BY_TRELLIS[name]
            assert ours.render(name, context) == django.render(name, context), (widget, value)
            drawn.add(name)
    assert drawn == set(DRAWN_BY_TRELLIS)


def test_a_select_with_a_divider_is_drawn_by_trellis_as_by_django():
    from crispy_forms.utils import render_crispy_form
    from django.forms.renderers import Jinja2

    from frontend.renderers import FormRenderer

    initial = {"plain": 2, "many": [1, 3], "marked": "blue"}
    renderers = (FormRenderer(), Jinja2())
    ours, django = (render_crispy_form(Selects(initial=initial, renderer=r)) for r in renderers)
    assert ours == django
    assert ours.count("<option") == 12 and "<hr>" in ours


@pytest.mark.django_db
def test_the_admin_draws_its_own_widgets(client):
    """The person form's related widgets and date inputs are the admin's templates."""
    client.force_login(PersonFactory(administrator=True))
    page = client.get(reverse("admin:people_person_change", args=[PersonFactory().pk]))
    assert page.status_code == 200
    assert 'class="related-widget-wrapper"' in page.content.decode()


def test_a_template_jinja2_lacks_is_looked_for_there_once(settings, monkeypatch):
    """Jinja2 does not cache a miss: the renderer remembers it, so an admin widget's
    template is not searched for in every `jinja2/` directory on every field."""
    from frontend.renderers import FormRenderer

    settings.DEBUG = False
    renderer = FormRenderer()
    searched = []
    jinja2_get = renderer._jinja2.get_template
    monkeypatch.setattr(renderer._jinja2, "get_template",
                        lambda name: searched.append(name) or jinja2_get(name))  # fmt: skip
    for _ in range(3):
        assert renderer.get_template("admin/widgets/related_widget_wrapper.html")
        assert isinstance(renderer.get_template("django/forms/widgets/input.html"),
                          Jinja2Template)  # fmt: skip
    assert searched.count("admin/widgets/related_widget_wrapper.html") == 1
    assert searched.count("frontend/input.html") == 3  # Trellis's copy of Django's
