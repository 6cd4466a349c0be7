"""{% drawn_by_jinja2 "app/name.html" %}: a part of a page drawn by Jinja2
(frontend.page_parts, docs/adr/0072)."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from markupsafe import Markup

from frontend.page_parts import PAGE_PARTS, url
from frontend.templatetags.form_guard import form_guard

register = template.Library()

_CSRF_TOKEN = CsrfTokenNode()


@register.simple_tag(takes_context=True)
def drawn_by_jinja2(context, name, **given):
    """The HTML (a Markup string) of the Jinja2 template `name` drawn with every value
    of the page's Django `context` (but `url`, `csrf_input` and `form_guard`, the part's
    helpers), and the values `given` by name over them, as ``{% include … with a=b %}``
    gives them:
    ``{% drawn_by_jinja2 "careers/booklet/plan.html" plan=career.plan %}``. Inside,
    ``{{ csrf_input() }}`` and ``{{ form_guard() }}`` draw what ``{% csrf_token %}`` and
    ``{% form_guard %}`` draw in the page. Raises jinja2.TemplateNotFound for a missing
    one."""
    values = context.flatten()
    values.update(given)
    values["url"] = url
    # Asked only where a part draws a form: asking for a token sets the CSRF cookie.
    values["csrf_input"] = lambda: Markup(_CSRF_TOKEN.render(context))
    values["form_guard"] = lambda: Markup(form_guard(context))
    return Markup(PAGE_PARTS.get_template(name).render(values))
