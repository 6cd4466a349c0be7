"""PDFs with WeasyPrint, reading nothing but Trellis's own static files."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# Templates name their stylesheets and images as "trellisstatic:css/pdf.css". Letters
# only: the manifest storage of `collectstatic` leaves a URL alone only when its scheme
# is plain letters (a hyphen made it look for "css/trellis-static:…" as a file).
STATIC_PREFIX = "trellisstatic:"


class StaticOnlyURLFetcher(URLFetcher):
    """Serves the project's static files and refuses everything else: no network,
    no arbitrary file:// paths, whatever the HTML asks for."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_PREFIX):
            raise ValueError(f"PDFs may only load Trellis static files, not {url!r}")
        relative = url.removeprefix(STATIC_PREFIX).lstrip("/")
        found = finders.find(relative) if ".." not in relative.split("/") else None
        if not found:
            raise ValueError(f"No Trellis static file {relative!r}")
        return super().fetch(Path(found).resolve().as_uri(), headers)


def render_html(template_name, context):
    """The HTML a PDF is made from (its stylesheets named through STATIC_PREFIX)."""
    return render_to_string(template_name, {**context, "static_prefix": STATIC_PREFIX})


def html_to_pdf(html, **options):
    """PDF bytes of `html`, its files fetched from Trellis's static files only.

    `options` go to WeasyPrint's `write_pdf`. Every PDF is tagged PDF/UA-1 unless
    `pdf_variant` says otherwise: a screen reader then reads it in order, in its
    language, with its title (WCAG 1.3.1 and 3.1.1 apply to PDFs too). Its metadata
    comes from the HTML: <title> (title), <meta name="author">,
    <meta name="description"> (subject), <html lang>."""
    options.setdefault("pdf_variant", "pdf/ua-1")
    return HTML(string=html, url_fetcher=StaticOnlyURLFetcher()).write_pdf(**options)


def render_pdf(template_name, context, **options):
    """Render a Django template to PDF bytes (`options` as for `html_to_pdf`)."""
    return html_to_pdf(render_html(template_name, context), **options)
