"""The booklet's sections, in order, from every app that registers one.

The registry itself is `frontend.booklet` (below every app, so careers and learning
register without importing appraisals); this module turns it into the parts of one
appraisal's booklet. Adding a section is one `register()` call in an app's
`AppConfig.ready()`; nothing here changes."""

from dataclasses import dataclass

from markupsafe import Markup

from frontend.booklet import BookletSection, register, registered, unregister
from frontend.page_parts import PAGE_PARTS
from people.sql import read_ahead

__all__ = ["BookletSection", "Part", "parts", "register", "registered", "unregister"]


@dataclass(frozen=True)
class Part:
    """One section of one booklet: its key (the HTML id), title and drawn HTML."""

    key: str
    title: str
    html: Markup  # drawn by Jinja2 with autoescape (frontend/page_parts.py)

    @property
    def anchor(self):
        return f"section-{self.key}"


def parts(appraisal):
    """Each registered section drawn for `appraisal`, in booklet order; a section
    whose context is None has nothing to say and is left out. The same HTML goes
    into the PDF and the page's preview. The section templates are Jinja2, drawn as
    page parts (frontend/page_parts.py: Django's filters, values escaped as Django
    escapes them), several times faster than Django's engine drew them (issue 18).
    They autoescape: what people typed is text, never markup."""
    sections = registered()
    # Sent together, the sections' reads wait on the database once, not once each
    # (docs/adr/0074).
    reads = [read for section in sections if section.reads for read in section.reads(appraisal)]
    drawn = []
    with read_ahead(reads):
        for section in sections:
            context = section.context(appraisal)
            if context is None:
                continue
            html = Markup(PAGE_PARTS.get_template(section.template).render(context))
            drawn.append(Part(section.key, section.title, html))
    return drawn
