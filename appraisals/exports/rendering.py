"""Booklet PDFs for an export, made by WeasyPrint in a child process that is replaced
every settings.BOOKLET_EXPORT_RECYCLE_EVERY booklets.

Why a child: WeasyPrint's memory grows with every document a process renders (fonts,
caches, fragmentation), and a worker making 2,000 booklets would otherwise keep it.
The worker (the parent) reads the database and builds each booklet's HTML; the child
only turns HTML into PDF bytes (frontend.pdf.html_to_pdf) and never opens a database
connection. The child is started with `spawn` (a fresh interpreter: a fork would copy
the worker's open database connection) and keeps one FontConfiguration for all the
booklets it makes, so the fonts are loaded once per child, not once per booklet.
With BOOKLET_EXPORT_RECYCLE_EVERY = 0 the PDF is made in the worker itself (tests)."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from django.conf import settings

from frontend.pdf import html_to_pdf

# A booklet is made in seconds; a child that takes this long is stuck, not slow.
RENDER_TIMEOUT_SECONDS = 300

_pool = None
_fonts = None


def _child_start():
    """In the child, once: Django's settings and apps (the static-file finder the PDF
    fetcher uses), and the font configuration every booklet it makes shares."""
    import django

    django.setup()
    from weasyprint.text.fonts import FontConfiguration

    global _fonts
    _fonts = FontConfiguration()


def _child_render(html, options):
    return html_to_pdf(html, font_config=_fonts, **options)


def _executor():
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_child_start,
            max_tasks_per_child=settings.BOOKLET_EXPORT_RECYCLE_EVERY,
        )
    return _pool


def pdf(html, options):
    """PDF bytes of a booklet's `html` (WeasyPrint `options`, as frontend.pdf takes).
    Raises what the render raised; a child that died (killed, out of memory) raises
    BrokenProcessPool, and the next booklet gets a new child."""
    if not settings.BOOKLET_EXPORT_RECYCLE_EVERY:
        return html_to_pdf(html, **options)
    global _pool
    try:
        return _executor().submit(_child_render, html, options).result(RENDER_TIMEOUT_SECONDS)
    except BrokenProcessPool:
        _pool = None
        raise


def shut_down():
    """Stop the child, if there is one (tests; a worker's child ends with it)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True)
        _pool = None
