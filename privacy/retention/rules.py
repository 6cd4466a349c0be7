"""How long Trellis keeps each kind of record: settings, with these defaults.

The reason for each default is in docs/data-protection.md ("How long records are kept").
Set any of them in the settings (for example from the environment) to change it; 0
turns that rule off. The NHS Records Management Code of Practice (2021, updated 2023),
Appendix II, is the source where a default follows it; the others are choices."""

from django.conf import settings

DEFAULTS = {
    # A leaver (inactive, with a date of leaving) is erased this many years after it:
    # the Code keeps a staff record until 6 years after the person leaves (or their 75th
    # birthday if sooner, which Trellis cannot tell: it holds no dates of birth).
    "RETENTION_LEAVER_YEARS": 6,
    # A reflection journal is deleted this many years after its appraisal year ends
    # (31 March). A choice: the journal prepares the appraisal, which is kept.
    "RETENTION_JOURNAL_YEARS": 6,
    # A read of someone's record (people.RecordView) is deleted this many years after it.
    # A choice: long enough to answer a complaint within the Limitation Act's 6 years.
    "RETENTION_READ_AUDIT_YEARS": 6,
    # A PDF built in the background is deleted this many days after it was asked for.
    # A choice: a copy for the person to download, not a record.
    "RETENTION_DOWNLOAD_DAYS": 7,
    # An ESR import run (its plan names everyone in the file) is deleted this many days
    # after it was made. A choice: the changes themselves stay in each person's history.
    "RETENTION_ESR_IMPORT_DAYS": 90,
    # The worker applies the rules once in this many hours (privacy/retention/schedule.py).
    "RETENTION_RUN_EVERY_HOURS": 24,
}


def setting(name):
    """The setting `name` (one of DEFAULTS), or its default."""
    return getattr(settings, name, DEFAULTS[name])
