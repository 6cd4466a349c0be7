"""{% form_guard %}: the hidden fields every POST form carries, after {% csrf_token %}.

The signed owner token lets the form's text survive an expired session (frontend.kept);
the one-time token makes a second send of the same form save nothing (frontend.once).
"""

from django import template
from django.utils.html import format_html

from frontend import kept, once

register = template.Library()


@register.simple_tag(takes_context=True)
def form_guard(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    return format_html(
        '<input type="hidden" name="{}" value="{}"><input type="hidden" name="{}" value="{}">',
        kept.OWNER_FIELD,
        kept.owner_token(request),
        kept.ONCE_FIELD,
        once.new_token(),
    )
