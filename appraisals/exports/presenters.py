"""What the export pages say: how far an export has gone and how long it should take."""

import math
from dataclasses import dataclass

from . import services
from .models import BookletExport


def booklets(n):
    return f"{n:,} booklet{'' if n == 1 else 's'}"


def time_left(seconds):
    """ "about 4 minutes left", to the nearest minute; None without a pace yet."""
    if seconds is None:
        return None
    if seconds < 60:
        return "less than a minute left"
    minutes = round(seconds / 60)
    return f"about {minutes} minute{'' if minutes == 1 else 's'} left"


@dataclass(frozen=True)
class Progress:
    done: int
    failed: int
    finished: int
    percent: int
    words: str


def progress(export, *, now=None):
    """How far `export` has gone: "1,240 of 2,000 booklets, about 4 minutes left"
    (booklets that could not be made count as finished: they are not waited for)."""
    done, failed = services.counts(export)
    finished = done + failed
    percent = math.floor(100 * finished / export.total) if export.total else 100
    words = f"{finished:,} of {booklets(export.total)}"
    if export.status == BookletExport.Status.ASSEMBLING:
        words += ", putting the ZIP together"
    elif export.status == BookletExport.Status.QUEUED:
        words += ", waiting to start"
    elif export.status == BookletExport.Status.BUILDING:
        left = time_left(services.seconds_left(export, finished, now=now))
        if left:
            words += f", {left}"
        elif not finished:
            words += ", the first being made"
    return Progress(done, failed, finished, percent, words)


STATUS_TAG = {
    BookletExport.Status.QUEUED: "grey",
    BookletExport.Status.BUILDING: "blue",
    BookletExport.Status.ASSEMBLING: "blue",
    BookletExport.Status.READY: "green",
    BookletExport.Status.FAILED: "red",
}
