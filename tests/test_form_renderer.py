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
    assert searched.count("django/forms/widgets/input.html") == 3
