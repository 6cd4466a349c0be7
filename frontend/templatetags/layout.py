"""The layout's header, footer and warning before an idle sign-out, drawn by Jinja2.

templates/base.html draws them with ``{% layout_part "header" %}`` and so on, from
frontend/jinja2/layout/. Every page draws them, and Django's engine took about a quarter
of a millisecond for the three, as long as a small page's own content; Jinja2 draws the
same bytes several times faster (docs/adr/0069). Inside them ``url(name)`` stands for
``{% url %}`` of a URL without arguments, ``static(path)`` for ``{% static %}``, and
``csrf_input()`` for ``{% csrf_token %}``.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.templatetags.static import static
from markupsafe import Markup

from frontend.components.drawing import ENVIRONMENT
from people.navigation import link

register = template.Library()

_CSRF_TOKEN = CsrfTokenNode()


@register.simple_tag(takes_context=True)
def layout_part(context, name):
    """The HTML (a Markup string) of frontend/jinja2/layout/<name>.html for the page
    drawn with the Django ``context``. It reads ``user``, ``organisation_name`` and
    ``nav_items`` (people.context_processors.layout) and ``session_timeout``
    (people.timeout.context). The CSRF token is asked for only where a part draws a form,
    as ``{% csrf_token %}`` would be: asking sets the CSRF cookie."""
    return Markup(
        ENVIRONMENT.get_template(f"layout/{name}.html").render(
            user=context.get("user"),
            organisation_name=context.get("organisation_name"),
            nav_items=context.get("nav_items"),
            session_timeout=context.get("session_timeout"),
            csrf_input=lambda: Markup(_CSRF_TOKEN.render(context)),
            url=link,
            static=static,
        )
    )
