"""{% drawn_by_jinja2 "app/name.html" %}: a part of a page drawn by Jinja2
(frontend.page_parts, docs/adr/0072)."""

from django import template
from markupsafe import Markup

from frontend.page_parts import PAGE_PARTS, url

register = template.Library()


@register.simple_tag(takes_context=True)
def drawn_by_jinja2(context, name, **given):
    """The HTML (a Markup string) of the Jinja2 template `name` drawn with every value
    of the page's Django `context` (but `url`, the part's helper), and the values
    `given` by name over them, as ``{% include … with a=b %}`` gives them:
    ``{% drawn_by_jinja2 "careers/booklet/plan.html" plan=career.plan %}``. Raises
    jinja2.TemplateNotFound for a missing one."""
    values = context.flatten()
    values.update(given)
    values["url"] = url
    return Markup(PAGE_PARTS.get_template(name).render(values))
