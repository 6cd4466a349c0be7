"""A table too wide for a phone scrolls inside its own box, not the page (WCAG 1.4.10).

    {% load tables %}
    {% scrolling_table "people-caption" %}
    <table class="nhsuk-table"><caption id="people-caption" …>People in …</caption>…</table>
    {% endscrolling_table %}

In: the id of the table's caption and the table's HTML (rendered and escaped by the
template). Out: the table inside NHS.UK's scrolling table markup, as nhsuk-frontend's
table macro writes with `scroll` (frontend/jinja2/includes/scrolling_table.html): a region
named by the caption, served with tabindex="0" so a keyboard user can focus it and
scroll with the arrow keys even without JavaScript (WCAG 2.1.1). Where the script runs,
nhsuk-frontend's Scroll (initAll) keeps tabindex only while the table is wider than the
box, and shows an edge shadow only on a side with more to scroll. assets-src/trellis.scss
lets the box take the 2 px a table reaches past it at desktop width, so a table that
fits does not scroll (docs/adr/0024). A table of records a person acts on reflows
instead, as NHS.UK's responsive table (`nhsuk-table-responsive`).
"""

from django import template
from markupsafe import Markup

from frontend.page_parts import PAGE_PARTS

register = template.Library()


@register.simple_block_tag
def scrolling_table(content, caption_id):
    # `content` is the rendered block, already marked safe, so the box keeps it as is.
    # The box is drawn by Jinja2 (frontend/jinja2/includes/), as in a page part.
    box = PAGE_PARTS.get_template("includes/scrolling_table.html")
    return Markup(box.render(caption_id=caption_id, table=content))
