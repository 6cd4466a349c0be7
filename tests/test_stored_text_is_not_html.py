"""Stored text is shown as text, never as markup.

Question hints, initiative descriptions, notes and reviews are typed by people (a
hint by the learning and education team, for every new journal), so a link or a form
typed into one must appear as the characters typed. Nothing stored needs markup:
Django's escaping is the rule, and these tests find any way round it.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from careers.journal import services
from careers.models import Question

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    "config",
    "frontend",
    "people",
    "careers",
    "learning",
    "appraisals",
    "privacy",
    "templates",
]
PLANTED = (
    '<a href="https://example.com/sign-in">Sign in again</a><form action="https://example.com">'
)

# Markup built in code from fixed text and escaped values, never from a record.
MARKUP_IN_CODE = {
    "frontend/templatetags/form_guard.py",  # format_html: two hidden inputs, tokens escaped
    "frontend/components/base.py",  # mark_safe on Django's own input template, escaped
    # mark_safe on an input or textarea written from fixed text and values escaped by
    # markupsafe's escape, as the renderer's template escapes them (docs/adr/0082)
    "frontend/components/widgets.py",
    # mark_safe on a text box's kept HTML (drawn as above) around the typed text, escaped
    # by markupsafe's escape as the widget escapes it (docs/adr/0085)
    "frontend/components/shapes.py",
    "learning/disclosure.py",  # format_html: a fixed "*" with "not shown" for screen readers
    "privacy/templatetags/your_data.py",  # format_html: a link, the person's name escaped
    # format_html: the admin list's action checkbox, the row's name escaped
    "config/admin_site.py",
    # mark_safe on what the autoescaping Jinja2 environment drew (docs/adr/0064, 0067)
    "frontend/templatetags/admin_fieldset.py",
    "frontend/templatetags/admin_inline.py",
    # markupsafe's Markup (Jinja2's mark_safe) on what the autoescaping Jinja2 environment
    # drew, and on values escaped by Django's escape (docs/adr/0065, 0069, 0072)
    "frontend/components/drawing.py",
    "frontend/templatetags/layout.py",
    "frontend/templatetags/parts.py",
    # the same on a page part, the scrolling table's box and a booklet section, each
    # drawn by the autoescaping parts environment (docs/adr/0072)
    "frontend/page_parts.py",
    "frontend/templatetags/tables.py",
    "appraisals/booklet/registry.py",
}
# Django's admin templates in Jinja2, line for line (docs/adr/0064): like Django's own,
# they show a fieldset's description and a field's help text unescaped. Both are written
# in code (admin.py, models.py), never taken from a record.
DJANGO_ADMIN_COPIES = {"frontend/jinja2/admin/includes/fieldset.html"}
# Plain-text email bodies: not HTML, so not escaped for HTML.
PLAIN_TEXT = {"templates/registration/password_reset_email.html"}

UNESCAPED_IN_TEMPLATES = re.compile(r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off")
UNESCAPED_IN_CODE = re.compile(
    r"\b(mark_safe|format_html|Markup\(|SafeString|SafeData|is_safe\s*=\s*True)"
)


def files(pattern):
    for top in SOURCES:
        for path in (ROOT / top).rglob(pattern):
            if "migrations" not in path.parts:
                yield path, str(path.relative_to(ROOT))


def test_no_template_turns_escaping_off():
    offenders = [
        name
        for path, name in files("*.html")
        if name not in PLAIN_TEXT | DJANGO_ADMIN_COPIES
        and UNESCAPED_IN_TEMPLATES.search(path.read_text())
    ]
    assert offenders == []


def test_markup_is_built_in_code_only_where_listed():
    offenders = [
        name
        for path, name in files("*.py")
        if name not in MARKUP_IN_CODE and UNESCAPED_IN_CODE.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_a_link_and_a_form_typed_into_a_hint_show_as_text_in_a_new_journal(client, cast):
    owner = cast["owner"]
    journal = services.start_journal(person=owner, year=services.appraisal_year())
    question = Question.objects.filter(section__bank=journal.bank, kind=Question.Kind.TEXT)[0]
    Question.objects.filter(pk=question.pk).update(hint=PLANTED)
    client.force_login(owner)
    html = client.get(
        reverse("journal-section", args=[journal.year, question.section.key])
    ).content.decode()
    assert 'href="https://example.com' not in html
    assert 'action="https://example.com' not in html
    assert "&lt;a href=&quot;https://example.com/sign-in&quot;&gt;Sign in again&lt;/a&gt;" in html
