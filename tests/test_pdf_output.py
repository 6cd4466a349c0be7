"""Every PDF Trellis makes: names and scripts drawn in the fonts Trellis ships, and
long unbroken text kept inside the right margin.

The PDFs come from the registry (frontend/documents.py), so a new PDF with no case
here fails `test_every_pdf_has_a_case`. Each case is fetched through its real URL."""

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse

from careers.models import Question
from frontend import documents
from tests.factories import PersonFactory
from tests.factories_careers import AnswerFactory, JournalFactory
from tests.factories_learning import CPDEntryFactory

NAME = ("Siân-Zoë Łucja", "O’Néill-Nguyễn")
SCRIPTS = ["Καλημέρα κόσμε", "Доброе утро", "صباح الخير"]
TOKEN = "https://example.nhs.uk/share?t=" + "Ab3xY9" * 17  # 133 characters, no break
UNDERSCORES = "_" * 120
# As pdffonts names them; "Oblique" is Noto Sans slanted for italic text.
SHIPPED_FONTS = {
    "Noto-Sans",
    "Noto-Sans-Bold",
    "Noto-Sans-Oblique",
    "Noto-Sans-Arabic",
    "Noto-Sans-Arabic-Bold",
}
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))
RIGHT_MARGIN_MM = 18  # static/css/pdf.css, @page margin
HOSTILE = "\n\n".join([*SCRIPTS, TOKEN, UNDERSCORES])


def journal_case(person):
    journal = JournalFactory(person=person)
    questions = Question.objects.filter(section__bank=journal.bank, retired=False)
    questions = questions.order_by("section__order", "pk")[:2]
    answers = [HOSTILE, TOKEN]
    for question, text in zip(questions, answers, strict=True):
        AnswerFactory(journal=journal, question=question, text=text)
    return reverse("journal-pdf", args=[journal.year])


def cpd_log_case(person):
    CPDEntryFactory(person=person, title=" ".join(SCRIPTS), learned=HOSTILE, apply=TOKEN)
    return reverse("learning:cpd-export-pdf")


def booklet_case(person):
    from tests.factories_booklet import appraisal_for, fill

    appraisal = fill(appraisal_for(person), objectives=2, text=HOSTILE)
    return reverse("appraisals:appraisal-booklet-pdf", args=[appraisal.pk])


CASES = {"journal": journal_case, "cpd-log": cpd_log_case, "booklet": booklet_case}


def test_every_pdf_has_a_case():
    assert {d.kind for d in documents.all_documents()} == set(CASES)


def pdf_of(client, kind, tmp_path):
    person = PersonFactory(given_name=NAME[0], family_name=NAME[1])
    url = CASES[kind](person)
    client.force_login(person)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf", response.status_code
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(response.content)
    return path


def poppler(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.django_db
@pytest.mark.parametrize("kind", CASES)
def test_names_and_scripts_round_trip_in_the_shipped_fonts(client, kind, tmp_path):
    path = pdf_of(client, kind, tmp_path)
    text = poppler("pdftotext", str(path), "-").translate(BIDI_CONTROLS)
    for expected in [*NAME, *SCRIPTS]:
        assert unicodedata.normalize("NFC", expected) in unicodedata.normalize("NFC", text)

    rows = poppler("pdffonts", str(path)).splitlines()[2:]
    fonts = {re.sub(r"^[A-Z]{6}\+", "", row.split()[0]) for row in rows}
    assert fonts <= SHIPPED_FONTS, f"fonts not shipped by Trellis: {fonts - SHIPPED_FONTS}"
    assert all(row.split()[-5] == "yes" for row in rows)  # every font embedded


@pytest.mark.django_db
@pytest.mark.parametrize("kind", CASES)
def test_long_unbroken_text_stays_inside_the_margin(client, kind, tmp_path):
    path = pdf_of(client, kind, tmp_path)
    html = poppler("pdftotext", "-bbox", str(path), "-")
    right_edge = None
    words = 0
    for page in re.finditer(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', html, re.S):
        right_edge = float(page.group(1)) - RIGHT_MARGIN_MM * 72 / 25.4
        for word in re.finditer(r'xMax="([\d.]+)"[^>]*>([^<]*)<', page.group(2)):
            words += 1
            assert float(word.group(1)) <= right_edge + 1, f"runs off the page: {word.group(2)}"
    assert right_edge and words > 50
    assert "Ab3xY9" in html and "____" in html


def test_every_pdf_is_made_through_the_registry():
    """A PDF made elsewhere would miss the cases above and the background bound."""
    root = Path(__file__).resolve().parents[1]
    callers = {
        str(path.relative_to(root))
        for path in root.glob("[!.]*/**/*.py")
        if "render_pdf(" in path.read_text() and not path.is_relative_to(root / "tests")
    }
    assert callers <= {"frontend/pdf.py", "frontend/downloads.py"}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", CASES)
def test_every_pdf_is_tagged_titled_and_in_english(client, kind, tmp_path):
    """A screen reader reads a tagged PDF in order and in the right language (WCAG 1.3.1,
    3.1.1; PDF/UA-1): a structure tree, MarkInfo, a title shown in the window, /Lang."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_of(client, kind, tmp_path))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, f"{kind}: untagged"
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"].value is True
    assert str(root["/Lang"]).lower().startswith("en")
    assert reader.metadata.title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
