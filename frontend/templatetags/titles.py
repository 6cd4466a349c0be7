"""Page titles, built in one place (WCAG 2.2 success criterion 2.4.2).

base.html wraps every template's ``{% block title %}`` in ``{% page_title %}…{% endpage_title %}``,
which gives the title

- "Error: " first when the page shows errors (see ``shows_errors``), so a screen reader user
  hears at once that a submit did not go through;
- the name of the person the page is about, when the context has a ``person`` who is not the
  reader and the title does not already name them ("Add an objective – Sam Okafor");
- " – Trellis – <organisation>" last, unless the context sets ``hide_service_in_title``.

``{% page_shows_errors as name %}`` gives the same answer to templates (messages.html uses it so
a confirmation banner does not take focus from an error summary).
"""

from django import forms, template
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.forms.formsets import BaseFormSet
from django.utils.functional import LazyObject, empty
from django.utils.html import conditional_escape

register = template.Library()


def _has_errors(value):
    """Whether a value in the context is a submitted form or formset that has errors."""
    if isinstance(value, forms.BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    return False


def shows_errors(context, messages=True):
    """Whether the page rendered with ``context`` shows errors.

    In: a template Context; ``messages=False`` leaves out error messages. Out: True when the
    context holds a submitted form or formset with errors (directly, or as a value of a dict,
    list or tuple in it, as the plan's ``action_forms`` are), a truthy ``page_errors``
    (errors that are not a form's), or, unless left out, a message of level ERROR.
    A lazy value not yet read (a LazyObject, as the dashboard's figures are) is left
    unread: asking its type would do the work it was made lazy to put off. A form is
    made lazy only where it cannot have errors (the catalogue's, when nothing is
    filtered).
    """
    if context.get("page_errors"):
        return True
    for value in context.flatten().values():
        if isinstance(value, LazyObject) and value._wrapped is empty:
            continue
        if isinstance(value, dict):
            inner = list(value.values())
        elif isinstance(value, (list, tuple)):
            inner = list(value)
        else:
            inner = [value]
        if any(_has_errors(item) for item in inner):
            return True
    if not messages:
        return False
    return any(message.level >= constants.ERROR for message in context.get("messages") or ())


def _person_named(context, title):
    """The page's person's name for the title, or "" when the title names them already or
    the page is about the reader themself."""
    person = context.get("person")
    if not isinstance(person, get_user_model()):
        return ""
    request = context.get("request")
    reader = getattr(request, "user", None)
    name = person.full_name
    if not name or (reader is not None and reader.pk == person.pk):
        return ""
    if name in title or conditional_escape(name) in title:
        return ""
    return name


class PageTitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # Whitespace from template indentation is not read out, but it shows in tab names.
        title = " ".join(self.nodelist.render(context).split())
        parts = [title]
        name = _person_named(context, title)
        if name:
            parts.append(conditional_escape(name))
        if not context.get("hide_service_in_title"):
            parts.append("Trellis")
            organisation = context.get("organisation_name")
            if organisation:
                parts.append(conditional_escape(organisation))
        prefix = "Error: " if shows_errors(context) else ""
        return prefix + " – ".join(str(part) for part in parts if part)


@register.tag("page_title")
def page_title(parser, token):
    """``{% page_title %}{% block title %}{% endblock %}{% endpage_title %}``: the whole
    <title> text, built from what the block gives (see the module docstring)."""
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)


@register.simple_tag(takes_context=True)
def page_shows_errors(context, messages=True):
    """``{% page_shows_errors messages=False as errors %}``: whether the page shows errors
    (``shows_errors``)."""
    return shows_errors(context, messages=messages)
