"""PDFs with WeasyPrint, reading nothing but Trellis's own static files.

What does not change between documents is made once and reused (docs/adr/0043): one
URL fetcher per process, and one WeasyPrint FontConfiguration per thread, so the
fonts the stylesheet names (@font-face, static/vendor/fonts/) are fetched, converted
from WOFF and registered with Fontconfig once, not for every PDF. A finished PDF can be
kept in Django's cache by the version of its content (`cached_html_to_pdf`)."""

import atexit
import hashlib
import json
import os
import re
import shutil
import ssl
import threading
import weakref
from functools import lru_cache
from pathlib import Path

import weasyprint
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# Templates name their stylesheets and images as "trellisstatic:css/pdf.css". Letters
# only: the manifest storage of `collectstatic` leaves a URL alone only when its scheme
# is plain letters (a hyphen made it look for "css/trellis-static:…" as a file).
STATIC_PREFIX = "trellisstatic:"
STATIC_URL_RE = re.compile(re.escape(STATIC_PREFIX) + r"""([^"'()\s<>]+)""")

# Part of every cached PDF's version: raise it when PDFs change in a way neither their
# HTML nor the static files it links show (a font file, an image a stylesheet names,
# how this module calls WeasyPrint), so no PDF made before is served again.
RENDERER_VERSION = 1
# How long a finished PDF is kept (seconds). Short on purpose: the cache holds a
# person's record, and after erasure or retention deletes the record its PDF must not
# outlive it by more than this (ADR 0043).
CACHE_SECONDS = 15 * 60
CACHE_PREFIX = "frontend:pdf"


class StaticOnlyURLFetcher(URLFetcher):
    """Serves the project's static files and refuses everything else: no network,
    no arbitrary file:// paths, whatever the HTML asks for.

    Holds no state between fetches, so one instance serves every PDF of a process
    (`fetcher()`), from any thread. Its HTTPS handler gets an SSL context that trusts
    no certificate authority: WeasyPrint's URLFetcher otherwise builds Python's default
    context, loading the system's CA store (22–35 ms) for a fetcher that only ever
    opens file:// URLs; should HTTPS ever be reached it could verify no server."""

    def __init__(self):
        super().__init__(
            allowed_protocols={"file"},
            allow_redirects=False,
            ssl_context=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT),
        )

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_PREFIX):
            raise ValueError(f"PDFs may only load Trellis static files, not {url!r}")
        relative = url.removeprefix(STATIC_PREFIX).lstrip("/")
        found = _find_static(relative)
        if not found:
            raise ValueError(f"No Trellis static file {relative!r}")
        return super().fetch(Path(found).resolve().as_uri(), headers)


def _find_static(name):
    """The path of the static file `name`, or None (never a path outside them)."""
    return finders.find(name) if ".." not in name.split("/") else None


@lru_cache(maxsize=1)
def fetcher():
    """The process's one StaticOnlyURLFetcher."""
    return StaticOnlyURLFetcher()


_local = threading.local()


def font_config():
    """This thread's WeasyPrint FontConfiguration, made on first use and kept.

    Per thread, not per process: WeasyPrint documents sharing one across the CSS of a
    document, not across threads (its caches are plain dicts and it wraps a Pango font
    map). A sync gunicorn worker or the task worker has one thread, so one each."""
    if getattr(_local, "fonts", None) is None:
        _local.fonts = FontConfiguration()
        # It keeps the converted fonts in a temporary folder, removed when it is
        # collected; one kept for the process's life may never be, so remove it at exit.
        atexit.register(_remove_fonts_folder, weakref.ref(_local.fonts))
    return _local.fonts


def _remove_fonts_folder(fonts_ref):
    fonts = fonts_ref()
    if fonts is not None and fonts._folder:
        shutil.rmtree(fonts._folder, ignore_errors=True)


def render_html(template_name, context):
    """The HTML a PDF is made from (its stylesheets named through STATIC_PREFIX)."""
    return render_to_string(template_name, {**context, "static_prefix": STATIC_PREFIX})


def html_to_pdf(html, **options):
    """PDF bytes of `html`, its files fetched from Trellis's static files only.

    `options` go to WeasyPrint's `write_pdf` (a `font_config` given replaces this
    thread's shared one). Every PDF is tagged PDF/UA-1 unless `pdf_variant` says
    otherwise: a screen reader then reads it in order, in its language, with its title
    (WCAG 1.3.1 and 3.1.1 apply to PDFs too). Its metadata comes from the HTML:
    <title> (title), <meta name="author">, <meta name="description"> (subject),
    <html lang>."""
    options.setdefault("pdf_variant", "pdf/ua-1")
    options.setdefault("font_config", font_config())
    return HTML(string=html, url_fetcher=fetcher()).write_pdf(**options)


def render_pdf(template_name, context, **options):
    """Render a Django template to PDF bytes (`options` as for `html_to_pdf`)."""
    return html_to_pdf(render_html(template_name, context), **options)


def content_version(html, options):
    """A digest of everything a PDF of `html` is made from: the HTML itself, the static
    files it links (their contents), the WeasyPrint `options`, WeasyPrint's version and
    RENDERER_VERSION. Two PDFs with the same version are the same document."""
    digest = hashlib.sha256()
    drawn = {k: v for k, v in options.items() if k != "font_config"}  # fonts: the CSS's
    fixed = {"renderer": RENDERER_VERSION, "weasyprint": weasyprint.__version__}
    digest.update(json.dumps({**fixed, **drawn}, sort_keys=True, default=str).encode())
    for name in sorted(set(STATIC_URL_RE.findall(html))):
        digest.update(f"\0{name}\0{_static_digest(name)}".encode())
    digest.update(b"\0" + html.encode())
    return digest.hexdigest()


def _static_digest(name):
    found = _find_static(name)
    if not found:
        return "missing"
    stat = os.stat(found)
    return _file_digest(found, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _file_digest(path, mtime_ns, size):
    # Keyed by modification time and size too, so an edited file is read again.
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def cached_html_to_pdf(html, *, key, **options):
    """PDF bytes of `html` (as `html_to_pdf`), from Django's cache when the PDF last
    made under `key` has the same `content_version`, else made now and kept under `key`
    for CACHE_SECONDS.

    `key` (a string) names whose PDF it is and which: the caller has already decided
    that the person may have it. One entry a key, so a new version replaces the old
    one; and a PDF is served only for HTML identical to what it was made from, so it
    is the PDF `html_to_pdf` would make now."""
    version = content_version(html, options)
    cache_key = f"{CACHE_PREFIX}:{key}"
    kept = cache.get(cache_key)
    if kept is not None and kept[0] == version:
        return kept[1]
    pdf = html_to_pdf(html, **options)
    cache.set(cache_key, (version, pdf), CACHE_SECONDS)
    return pdf
