"""{% admin_tabular %}: the admin's tabular inline (admin/edit_inline/tabular.html) drawn
by Jinja2, as the admin's fieldset is ({% admin_fieldset %}, docs/adr/0064).

Drawn by Django's engine, a table of a few rows (a person's HR scopes, a cycle's runs)
took 5 to 10 ms of its page. frontend/jinja2/admin/edit_inline/tabular.html is Django's
template line for line in Jinja2; what Django's tags and filters did there is given to
it as functions (capfirst, striptags, static, translation, the row's change link)."""

from django import template
from django.contrib.admin.templatetags.admin_modify import cell_count
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from .admin_fieldset import _jinja2

register = template.Library()


def _striptags(value):
    """Django's `striptags` filter: its result is safe only where its value was."""
    stripped = strip_tags(str(value))
    return mark_safe(stripped) if isinstance(value, SafeData) else stripped


@register.simple_tag(takes_context=True)
def admin_tabular(context):
    """The inline formset in the context, drawn as Django's tabular template draws it."""
    request = context.get("request")
    current_app = getattr(request, "current_app", None)

    def change_url(inline_admin_form):
        """As {% url opts|admin_urlname:'change' original.pk|admin_urlquote %}."""
        opts = inline_admin_form.model_admin.opts
        return reverse(
            admin_urlname(opts, "change"),
            args=[quote(inline_admin_form.original.pk)],
            current_app=current_app,
        )

    forloop = context.get("forloop") or {}
    tabular = _jinja2.get_template("admin/edit_inline/tabular.html")
    return mark_safe(
        tabular.render(
            {
                "inline_admin_formset": context.get("inline_admin_formset"),
                "last": forloop.get("last", False),
                "capfirst": capfirst,
                "striptags": _striptags,
                "static": static,
                "_": gettext,
                "cell_count": cell_count,
                # Each value escaped as Django escapes (&quot;, &#x27;), not as Jinja2.
                "d": conditional_escape,
                "change_url": change_url,
            }
        )
    )
