"""{% subject_access_link person %}: on a person's record, HR's link to prepare a copy
of their data for a subject access request (only for HR whose scope holds them)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from .. import access

register = template.Library()


@register.simple_tag(takes_context=True)
def subject_access_link(context, person):
    """The link, or nothing for anyone who may not prepare a copy of `person`'s data."""
    user = context["request"].user
    if person.pk == user.pk or not access.subject_access_people_for(user).filter(pk=person.pk):
        return ""
    url = reverse("privacy:subject-access", args=[person.pk])
    return format_html('<p><a href="{}">Prepare a copy of {}’s data for a subject access '
                       "request</a></p>", url, person.full_name)  # fmt: skip
