"""The booklet's sections, in order, from every app that registers one.

The registry itself is `frontend.booklet` (below every app, so careers and learning
register without importing appraisals); this module turns it into the parts of one
appraisal's booklet. Adding a section is one `register()` call in an app's
`AppConfig.ready()`; nothing here changes."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from frontend.booklet import BookletSection, register, registered, unregister
from people.sql import read_ahead

__all__ = ["BookletSection", "Part", "parts", "register", "registered", "unregister"]


@dataclass(frozen=True)
class Part:
    """One section of one booklet: its key (the HTML id), title and drawn HTML."""

    key: str
    title: str
    html: str  # rendered by render_to_string: autoescaped, so marked safe by Django

    @property
    def anchor(self):
        return f"section-{self.key}"


def parts(appraisal):
    """Each registered section drawn for `appraisal`, in booklet order; a section
    whose context is None has nothing to say and is left out. The same HTML goes
    into the PDF and the page's preview. Templates autoescape: what people typed
    is text, never markup."""
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
            html = render_to_string(section.template, context)
            drawn.append(Part(section.key, section.title, html))
    return drawn
