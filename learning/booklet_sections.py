"""What learning adds to the appraisal booklet (frontend/booklet.py): the year's CPD
summary, hours by 70/20/10 category beside the guide, drawn by the same presenter
as the CPD log's page and PDF (learning/cpd.py `summary`).

A CPD entry is its author's until they share it with their line manager, so the
summary counts only the entries the person shares with the appraisal's appraiser while
they are the person's line manager (learning/access.py `shared_entries_of`): the
booklet is read by the appraiser and HR, and it tells nobody about a private entry,
not even its hours."""

from frontend.booklet import BookletSection, register

from . import access, cpd


def cpd_context(appraisal):
    person, year = appraisal.person, appraisal.cycle.year
    # What the person shares with this appraisal's appraiser, while they are still
    # the person's line manager: nothing shared with a later manager reaches an earlier one.
    entries = access.shared_entries_of(appraisal.appraiser, person)
    summary = cpd.summary(entries, access.vocabulary("categories"), year)
    return {"summary": summary, "label": cpd.year_label(year)}


def _cpd_reads(appraisal):
    return [access.vocabulary_read("categories")]


SECTION = BookletSection(
    key="cpd",
    title="Continuing professional development",
    order=80,
    template="learning/booklet/cpd.html",
    context=cpd_context,
    reads=_cpd_reads,
)


def register_sections():
    """Called once from LearningConfig.ready()."""
    register(SECTION)
