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


def render_pdf(template_name, context):
    """Render a Django template to PDF bytes."""
    html = render_to_string(template_name, {**context, "static_prefix": STATIC_PREFIX})
    return HTML(string=html, url_fetcher=StaticOnlyURLFetcher()).write_pdf()
