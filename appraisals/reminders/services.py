"""Sending reminders: at most one of each kind to each person each week, gathered into
one email a person a run (a manager's items about their team as one digest), or one
email a week for people who chose the weekly digest.

Claims before sending, as the learning follow-up does (docs/adr/0022): the run first
inserts a ReminderSent row for each (person, kind, week), the unique constraint making a
second or parallel run a no-op; it then sends with no transaction open (each wait
bounded by EMAIL_TIMEOUT) and records the outcome. A failure is recorded on the rows
and not tried again that week: a missed reminder is preferred to a repeated one.
Rules: docs/adr/0032-reminders.md."""

import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from frontend.text import header_text, single_line

from .due import Kind, due_items
from .models import ReminderPreference, ReminderSent

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# The digest heading for a manager's items about their team, by kind ({n}: how many).
TEAM_HEADINGS = {
    Kind.CYCLE_CLOSING: ("{n} of your team {have} appraisals to finish before "
                         "their cycle closes"),
    Kind.APPRAISAL_OVERDUE: "{n} of your team {have} appraisals overdue",
    Kind.PLACEMENT_OVERDUE: ("{n} of your team {have} a Scope for Growth placement "
                             "waiting for you to agree or respond"),
    Kind.PLAN_REVIEW_OVERDUE: "{n} of your team {have} a development plan review overdue",
}  # fmt: skip
OWN_SUBJECTS = {
    Kind.CYCLE_CLOSING: "Finish your appraisal: the cycle closes soon",
    Kind.APPRAISAL_OVERDUE: "Your appraisal is overdue",
    Kind.PLACEMENT_OVERDUE: "Your Scope for Growth placement is waiting for you",
    Kind.PLAN_REVIEW_OVERDUE: "Your development plan review is overdue",
    Kind.FOLLOW_UP_OVERDUE: "Tell us how you have used your learning",
}


def digest_weekday():
    """0 (Monday) to 6: the day weekly-digest emails go (REMINDER_DIGEST_WEEKDAY)."""
    return settings.REMINDER_DIGEST_WEEKDAY % 7


def week_of(day):
    """The Monday of `day`'s ISO week: the week a reminder counts against."""
    return day - timedelta(days=day.weekday())


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


@dataclass
class Email:
    """One person's email this run: their own items and their team's, by kind."""

    person: object
    items: list
    weekly: bool = False
    kinds: list = field(default_factory=list)

    def __post_init__(self):
        self.kinds = sorted({item.kind for item in self.items})

    def subject(self):
        if self.weekly:
            return "Your weekly reminders from Trellis"
        own = [i for i in self.items if not i.team]
        team = [i for i in self.items if i.team]
        if len(self.kinds) > 1:
            return f"You have {len(self.items)} things to do in Trellis"
        kind = self.kinds[0]
        if not team and len(own) == 1 and kind == Kind.FOLLOW_UP_OVERDUE:
            return own[0].text
        if not team:
            return OWN_SUBJECTS[kind]
        if own:
            return f"You have {len(self.items)} things to do in Trellis"
        return _team_heading(kind, len(team))

    def sections(self):
        """(heading, [(text, url), ...]) in a steady order: own items first."""
        own = [(i.text, site_url(i.path)) for i in self.items if not i.team]
        sections = [("For you", own)] if own else []
        for kind in Kind.values:
            team = [(i.text, site_url(i.path)) for i in self.items if i.team and i.kind == kind]
            if team:
                sections.append((_team_heading(kind, len(team)), team))
        return sections

    def message(self):
        context = {
            "person": self.person,
            "sections": self.sections(),
            "weekly": self.weekly,
            "weekday": WEEKDAYS[digest_weekday()],
            "preferences_url": site_url(reverse("appraisals:reminder-preferences")),
        }
        body = render_to_string("appraisals/reminders/email.txt", context)
        return EmailMessage(header_text(self.subject()), body, None, [self.person.email])


def _team_heading(kind, n):
    return TEAM_HEADINGS[kind].format(n=n, have="has" if n == 1 else "have")


@dataclass
class Outcome:
    """What one run did: the emails sent, failed, and (dry run) would send."""

    sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    planned: list = field(default_factory=list)


def plan_emails(today):
    """The emails due on `today` that have not gone this week: one per person, holding
    only the kinds not yet sent to them this week. Weekly-digest people are left out on
    any other day than the digest weekday. A constant number of queries."""
    week = week_of(today)
    by_person = due_items(today)
    weekly = set(
        ReminderPreference.objects.filter(weekly_digest=True).values_list("person_id", flat=True)
    )
    already = set(ReminderSent.objects.filter(week=week).values_list("person_id", "kind"))
    emails = []
    for person, items in by_person.items():
        is_weekly = person.pk in weekly
        if is_weekly and today.weekday() != digest_weekday():
            continue
        items = [i for i in items if (person.pk, i.kind) not in already]
        if items and person.email:
            emails.append(Email(person, items, weekly=is_weekly))
    return sorted(emails, key=lambda e: e.person.pk)


def _claim(emails, week):
    """Insert the rows for every (person, kind) of `emails`; the ones this run won
    (another run may have inserted some first) come back as {person_id: {kind}}."""
    run = uuid.uuid4()
    rows = [
        ReminderSent(
            person=e.person,
            kind=kind,
            week=week,
            run=run,
            items=sum(1 for i in e.items if i.kind == kind),
        )  # fmt: skip
        for e in emails
        for kind in e.kinds
    ]
    ReminderSent.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    won = {}
    for person_id, kind in ReminderSent.objects.filter(run=run).values_list("person_id", "kind"):
        won.setdefault(person_id, set()).add(kind)
    return run, won


def send_reminders(*, today=None, dry_run=False):
    """Send every reminder due on `today` (default: today) that has not gone this week.
    Safe to run as often as you like, and on several machines at once: a (person, kind)
    goes at most once a week. Returns an Outcome. A mail server error is recorded on that
    person's rows (never raised: the others still go) and not tried again that week."""
    today = today or timezone.localdate()
    emails = plan_emails(today)
    if dry_run:
        return Outcome(planned=emails)
    if not emails:
        return Outcome()
    run, won = _claim(emails, week_of(today))
    outcome = Outcome()
    mine = []
    for email in emails:
        kinds = won.get(email.person.pk, set())
        if kinds != set(email.kinds):  # another run claimed some: send only the rest
            email = Email(email.person, [i for i in email.items if i.kind in kinds],
                          weekly=email.weekly)  # fmt: skip
        if email.items:
            mine.append(email)
    if mine:
        _send(mine, outcome)
    _record(run, outcome)
    return outcome


def _send(emails, outcome):
    """Send over one connection; one person's failure does not stop the others."""
    connection = mail.mailers.default  # a new connection, opened once for the run
    try:
        connection.open()
        for email in emails:
            try:
                connection.send_messages([email.message()])
            except Exception as error:  # recorded on the rows; the run goes on
                outcome.failed.append((email, single_line(f"{type(error).__name__}: {error}")))
            else:
                outcome.sent.append(email)
    except Exception as error:  # the mail server refused the connection
        done = {e.person.pk for e in outcome.sent} | {e.person.pk for e, _ in outcome.failed}
        text = single_line(f"{type(error).__name__}: {error}")
        outcome.failed.extend((e, text) for e in emails if e.person.pk not in done)
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection
            connection.close()


def _record(run, outcome):
    now = timezone.now()
    if outcome.sent:
        ReminderSent.objects.filter(
            run=run, person_id__in=[e.person.pk for e in outcome.sent]
        ).update(sent_at=now)
    by_error = {}
    for email, text in outcome.failed:
        by_error.setdefault(text[:300], []).append(email.person.pk)
    for text, ids in by_error.items():
        ReminderSent.objects.filter(run=run, person_id__in=ids).update(failed_at=now, error=text)


def weekly_digest_for(person):
    """True when `person` chose one reminder email a week."""
    return ReminderPreference.objects.filter(person=person, weekly_digest=True).exists()


def set_weekly_digest(person, weekly):
    """Record `person`'s choice: one email a week (True) or as things fall due."""
    ReminderPreference.objects.update_or_create(person=person, defaults={"weekly_digest": weekly})
