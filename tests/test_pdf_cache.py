"""A PDF is laid out once per content version and person (frontend/pdf.py, ADR 0043):
the same unchanged PDF asked for again comes from Django's cache, any change gives a
new one, and one person's PDF is never another's. The fetcher and fonts are made once."""

import http.client

import pytest
from django.core.cache import cache
from django.urls import reverse
from weasyprint.text.fonts import FontConfiguration

from careers.models import Answer
from frontend import downloads, pdf
from tests.factories import PersonFactory
from tests.factories_careers import AnswerFactory, JournalFactory
from tests.factories_learning import CPDEntryFactory


@pytest.fixture
def renders(monkeypatch):
    """The PDFs WeasyPrint lays out, in order (each the HTML it was made from)."""
    cache.clear()
    made = []
    real = pdf.html_to_pdf

    def counted(html, **options):
        made.append(html)
        return real(html, **options)

    monkeypatch.setattr(pdf, "html_to_pdf", counted)
    yield made
    cache.clear()


@pytest.mark.django_db
def test_an_unchanged_journal_pdf_is_not_laid_out_again_and_a_change_is(client, renders):
    journal = JournalFactory()
    answer = AnswerFactory(journal=journal, text="Led the ward huddle")
    client.force_login(journal.person)
    url = reverse("journal-pdf", args=[journal.year])

    first = client.get(url)
    again = client.get(url)
    assert first["Content-Type"] == again["Content-Type"] == "application/pdf"
    assert again.content == first.content
    assert len(renders) == 1

    Answer.objects.filter(pk=answer.pk).update(text="Led the ward huddle for a month")
    changed = client.get(url)
    assert len(renders) == 2
    assert "for a month" in renders[1]
    assert changed.content != first.content
    assert client.get(url).content == changed.content
    assert len(renders) == 2


@pytest.mark.django_db
def test_a_new_cpd_entry_gives_a_new_cpd_log_pdf(client, renders):
    person = PersonFactory()
    CPDEntryFactory(person=person, title="Sepsis study day")
    client.force_login(person)
    url = reverse("learning:cpd-export-pdf")

    client.get(url)
    client.get(url)
    assert len(renders) == 1
    CPDEntryFactory(person=person, title="Falls prevention")
    client.get(url)
    assert len(renders) == 2 and "Falls prevention" in renders[1]


@pytest.mark.django_db
def test_one_persons_cached_pdf_is_never_anothers(client, renders):
    writer = PersonFactory(given_name="Ada", family_name="Writer")
    other = PersonFactory(given_name="Bea", family_name="Other")
    journal = JournalFactory(person=writer)
    AnswerFactory(journal=journal, text="Private reflection")
    params = {"year": journal.year}
    assert downloads.cache_key(owner=writer, kind="journal", params=params) != (
        downloads.cache_key(owner=other, kind="journal", params=params)
    )
    url = reverse("journal-pdf", args=[journal.year])
    client.force_login(writer)
    assert client.get(url).status_code == 200

    # The access decision comes first: the other person has no journal that year.
    client.force_login(other)
    assert client.get(url).status_code == 404
    JournalFactory(person=other, year=journal.year)
    theirs = client.get(url)
    assert theirs.status_code == 200
    assert len(renders) == 2
    assert other.full_name in renders[1] and "Private reflection" not in renders[1]


def test_pdfs_share_one_fetcher_and_one_font_configuration(monkeypatch):
    made = []
    for cls in (pdf.StaticOnlyURLFetcher, FontConfiguration):
        init = cls.__init__
        monkeypatch.setattr(cls, "__init__", lambda self, *a, _i=init, **k: (
            made.append(type(self)), _i(self, *a, **k))[1])  # fmt: skip
    html = '<html lang="en"><title>T</title><link rel="stylesheet" href="{}css/pdf.css"><p>Hi'
    pdf.html_to_pdf(html.format(pdf.STATIC_PREFIX))
    made.clear()
    pdf.html_to_pdf(html.format(pdf.STATIC_PREFIX))
    assert made == []


def test_the_fetcher_loads_no_certificate_store(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("the fetcher opens file:// URLs only; it needs no CA store")

    monkeypatch.setattr(http.client, "_create_https_context", refused)
    response = pdf.StaticOnlyURLFetcher().fetch(f"{pdf.STATIC_PREFIX}css/pdf.css")
    try:
        assert b"@page" in response.read()
    finally:
        response.close()
