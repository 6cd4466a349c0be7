"""PDFs read nothing but Trellis's own static files."""

import pytest
from weasyprint import HTML

from frontend.pdf import STATIC_PREFIX, StaticOnlyURLFetcher


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/",
        "https://assets.nhs.uk/fonts/FrutigerLTW01-55Roman.woff2",
        f"{STATIC_PREFIX}../../config/settings.py",
        f"{STATIC_PREFIX}no/such/file.css",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ValueError):
        StaticOnlyURLFetcher().fetch(url)


def test_the_fetcher_serves_the_pdf_stylesheet():
    response = StaticOnlyURLFetcher().fetch(f"{STATIC_PREFIX}css/pdf.css")
    try:
        assert b"@page" in response._file_obj.read()
    finally:
        response.close()


def test_a_document_asking_for_a_local_file_still_renders_without_it():
    html = '<p>Hello</p><img src="file:///etc/passwd"><link rel="stylesheet" href="http://x/">'
    pdf = HTML(string=html, url_fetcher=StaticOnlyURLFetcher()).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert b"root:" not in pdf
