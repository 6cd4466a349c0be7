"""The layout's header, footer and warning before an idle sign-out, drawn by Jinja2.

templates/base.html draws them with ``{% layout_part "header" %}`` and so on, from
frontend/jinja2/layout/. Every page draws them, and Django's engine took about a quarter
of a millisecond for the three, as long as a small page's own content; Jinja2 draws the
same bytes several times faster (docs/adr/0069). Inside them ``url(name)`` stands for
``{% url %}`` of a URL without arguments, ``static(path)`` for ``{% static %}``, and
``csrf_input()`` for ``{% csrf_token %}``.

``{% layout_static "css/trellis.css" %}`` is ``{% static %}`` worked out once per process
for each path and script prefix: the layout names seven files on every page, and asking
the storage each time cost about 8 µs a file (docs/adr/0081).
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import CsrfTokenNode
from django.templatetags.static import static
from markupsafe import Markup

from frontend.components.drawing import ENVIRONMENT
from people.navigation import link, url_scope

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
            static=layout_static,
        )
    )


_static_urls = {}


@register.simple_tag
def layout_static(path):
    """The URL (a str) ``{% static path %}`` gives, kept per process for each script
    prefix and forgotten when a test changes the static files' settings. A relative
    STATIC_URL is put under the script prefix when Django first reads it, and Django
    keeps that: a process gives its files' URLs under the prefix of its first read.
    The storage's answer for a path does not change while the process runs: a manifest
    is read once, when the storage is made."""
    key = (url_scope()[1], path)
    try:
        return _static_urls[key]
    except KeyError:
        url = _static_urls[key] = static(path)
        return url


@receiver(setting_changed)
def _forget_static_urls(setting, **kwargs):
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG"):
        _static_urls.clear()
