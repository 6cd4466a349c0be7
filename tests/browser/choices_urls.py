"""Trellis's URLs plus one page that only the conditional-reveal browser test serves.

Used with ``pytest.mark.urls("tests.browser.choices_urls")``: no Trellis form has a
conditional reveal yet, so the page is a small form rendered with the real base template,
styles and nhsuk-frontend JavaScript, through the pack as any Trellis page is.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as trellis_urlpatterns
from frontend.options import configure

PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% load crispy_forms_tags nhsuk %}
{% block title %}How should we contact you?{% endblock %}
{% block content %}
<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
  {% nhsuk_error_summary form %}
  {% crispy form %}
</div></div>
{% endblock %}"""
)


class ContactForm(forms.Form):
    contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=[("email", "Email"), ("phone", "Phone"), ("post", "Post")],
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label="Email address", required=False)
    phone = forms.CharField(label="Phone number", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        configure(
            self.fields["contact"],
            heading=True,
            label_size="l",
            conditional={"email": "email", "phone": "phone"},
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Continue"))

    def clean(self):
        if self.cleaned_data.get("contact") == "email" and not self.cleaned_data.get("email"):
            self.add_error("email", "Enter your email address")


@login_not_required
def contact(request):
    """The form; a post is checked and shown again with its errors (nothing is saved)."""
    form = ContactForm(request.POST or None)
    if form.is_bound:
        form.is_valid()
    return HttpResponse(PAGE.render({"form": form}, request))


urlpatterns = [*trellis_urlpatterns, path("test-only/contact/", contact)]
