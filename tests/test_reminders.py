"""Reminder emails: each kind goes when due and not otherwise, at most once a week, a
manager's team in one digest, a weekly-digest person once a week, every link opens."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from appraisals.models import Appraisal, ReminderSent
from appraisals.reminders import services
from careers.models import Placement, PlacementEvent
from tests.factories import PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory
from tests.factories_careers import DevelopmentPlanFactory, PlacementFactory
from tests.factories_learning import CPDEntryFactory, EvaluationFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 12, 7)  # appraisal year 2026; REMINDER_DIGEST_WEEKDAY is Monday
Status = Appraisal.Status


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://trellis.example.nhs.uk"
    settings.REMINDER_DIGEST_WEEKDAY = 0


def run(today=MONDAY):
    mail.outbox.clear()
    return services.send_reminders(today=today)


def to(person):
    return [m for m in mail.outbox if m.to == [person.email]]


def overdue_cycle(**kwargs):
    return AppraisalCycleFactory(opens_on=date(2026, 4, 1), closes_on=date(2026, 11, 30),
                                 **kwargs)  # fmt: skip


def at(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


# Each kind: sent when due, not when not due ------------------------------------------


def test_an_overdue_appraisal_reminds_the_person_and_their_appraiser(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    a = AppraisalFactory(cycle=overdue_cycle(name="Clinic appraisals"), person=owner,
                         appraiser=manager, status=Status.PREPARING)  # fmt: skip
    run()
    (mine,) = to(owner)
    assert mine.subject == "Your appraisal is overdue"
    assert "Clinic appraisals is overdue: the cycle closed on 30 November 2026" in mine.body
    assert f"https://trellis.example.nhs.uk/appraisals/{a.pk}/" in mine.body
    (theirs,) = to(manager)
    assert theirs.subject == "1 of your team has appraisals overdue"
    assert owner.full_name in theirs.body


def test_a_cycle_closing_soon_reminds_whose_step_it_is(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    cycle = AppraisalCycleFactory(opens_on=date(2026, 4, 1), closes_on=MONDAY + timedelta(10))
    AppraisalFactory(cycle=cycle, person=owner, appraiser=manager, status=Status.MANAGER_WRITING)
    run()
    assert to(owner) == []  # their part is done: the manager is writing
    (theirs,) = to(manager)
    assert theirs.subject == "1 of your team has appraisals to finish before their cycle closes"
    assert "manager writing" in theirs.body


def test_a_cycle_closing_later_complete_left_or_inactive_gets_nothing(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    later = AppraisalCycleFactory(opens_on=date(2026, 4, 1), closes_on=MONDAY + timedelta(30))
    AppraisalFactory(cycle=later, person=owner, appraiser=manager, status=Status.PREPARING)
    past = overdue_cycle()
    AppraisalFactory(cycle=past, person=cast["other_staff"], status=Status.COMPLETE,
                     appraiser=cast["other_manager"])  # fmt: skip
    AppraisalFactory(cycle=past, person=cast["led"], status=Status.LEFT,
                     appraiser=cast["other_manager"])  # fmt: skip
    gone = PersonFactory(is_active=False, line_manager=cast["other_manager"])
    AppraisalFactory(cycle=past, person=gone, appraiser=cast["other_manager"])
    run()
    assert mail.outbox == []


def test_an_inactive_person_gets_no_reminder(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    AppraisalFactory(cycle=overdue_cycle(), person=owner, appraiser=manager,
                     status=Status.PREPARING)  # fmt: skip
    manager.is_active = False
    manager.save()
    run()
    assert to(manager) == []
    assert len(to(owner)) == 1


def test_a_placement_waiting_too_long_reminds_the_one_who_should_answer(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    placement = PlacementFactory(person=owner, year=2026, proposed_by=manager)
    PlacementEvent.objects.create(placement=placement, actor=manager, action="proposed",
                                  at=at(MONDAY - timedelta(days=20)))  # fmt: skip
    run()
    (mine,) = to(owner)
    assert mine.subject == "Your Scope for Growth placement is waiting for you"
    assert f"/career/{owner.pk}/" in mine.body
    assert to(manager) == []  # they proposed it: nothing for them to do


def test_a_placement_proposed_by_the_person_reminds_their_manager(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    placement = PlacementFactory(person=owner, year=2026, proposed_by=owner)
    PlacementEvent.objects.create(placement=placement, actor=owner, action="proposed",
                                  at=at(MONDAY - timedelta(days=20)))  # fmt: skip
    run()
    assert to(owner) == []
    (theirs,) = to(manager)
    assert "waiting for you to agree or respond" in theirs.subject
    assert owner.full_name in theirs.body


def test_a_placement_recently_proposed_or_agreed_reminds_nobody(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    recent = PlacementFactory(person=owner, year=2026, proposed_by=manager)
    PlacementEvent.objects.create(placement=recent, actor=manager, action="proposed",
                                  at=at(MONDAY - timedelta(days=3)))  # fmt: skip
    other = cast["other_staff"]
    agreed = PlacementFactory(person=other, year=2026, proposed_by=cast["other_manager"],
                              status=Placement.Status.AGREED)  # fmt: skip
    long_ago = at(MONDAY - timedelta(days=40))
    PlacementEvent.objects.create(placement=agreed, actor=cast["other_manager"],
                                  action="proposed", at=long_ago)  # fmt: skip
    run()
    assert mail.outbox == []


def test_a_plan_review_date_passed_reminds_the_person_and_manager(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    DevelopmentPlanFactory(person=owner, year=2026, review_date=MONDAY - timedelta(days=1))
    DevelopmentPlanFactory(person=cast["other_staff"], year=2026, review_date=MONDAY)
    run()
    (mine,) = to(owner)
    assert mine.subject == "Your development plan review is overdue"
    assert "the review was due on 6 December 2026" in mine.body
    (theirs,) = to(manager)
    assert theirs.subject == "1 of your team has a development plan review overdue"
    assert to(cast["other_staff"]) == []  # due today, not passed


def test_an_unanswered_learning_follow_up_reminds_the_person_only(cast):
    owner = cast["owner"]
    entry = CPDEntryFactory(person=owner, initiative=InitiativeFactory(title="Handover skills"))
    EvaluationFactory(entry=entry, follow_up_due=MONDAY - timedelta(days=20))
    answered = CPDEntryFactory(person=cast["other_staff"], initiative=InitiativeFactory())
    EvaluationFactory(entry=answered, follow_up_due=MONDAY - timedelta(days=20),
                      applied_at=timezone.now())  # fmt: skip
    recent = CPDEntryFactory(person=cast["led"], initiative=InitiativeFactory())
    EvaluationFactory(entry=recent, follow_up_due=MONDAY - timedelta(days=3))
    run()
    (mine,) = to(owner)
    assert "Handover skills" in mine.subject
    assert f"/learning/cpd/{entry.pk}/follow-up/" in mine.body
    assert [m.to for m in mail.outbox] == [[owner.email]]  # no manager, no one else


# The weekly rule ----------------------------------------------------------------------


def test_a_second_run_in_the_week_sends_nothing_and_the_next_week_sends_again(cast):
    owner, manager = cast["owner"], cast["line_manager"]
    AppraisalFactory(cycle=overdue_cycle(), person=owner, appraiser=manager,
                     status=Status.PREPARING)  # fmt: skip
    run()
    assert len(mail.outbox) == 2
    run()
    assert mail.outbox == []
    run(MONDAY + timedelta(days=4))  # Friday, same week
    assert mail.outbox == []
    call_command("send_reminders", "--today", str(MONDAY + timedelta(days=6)))
    assert mail.outbox == []
    run(MONDAY + timedelta(days=7))  # still overdue the next week
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.filter(sent_at__isnull=False).count() == 4


def test_a_failed_send_is_recorded_and_not_sent_again_that_week(cast):
    owner = cast["owner"]
    AppraisalFactory(cycle=overdue_cycle(), person=owner, appraiser=cast["line_manager"],
                     status=Status.PREPARING)  # fmt: skip
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=ConnectionRefusedError("no answer")):  # fmt: skip
        outcome = run()
    assert len(outcome.failed) == 2
    row = ReminderSent.objects.get(person=owner)
    assert row.outcome == "Not sent: ConnectionRefusedError: no answer"
    run()
    assert mail.outbox == []


# Digests ------------------------------------------------------------------------------


def test_a_manager_with_three_overdue_reports_gets_one_digest_naming_all(cast):
    manager = cast["line_manager"]
    cycle = overdue_cycle()
    reports = [PersonFactory(unit=manager.unit, line_manager=manager) for _ in range(3)]
    for person in reports:
        AppraisalFactory(cycle=cycle, person=person, appraiser=manager, status=Status.PREPARING)
    run()
    (digest,) = to(manager)
    assert digest.subject == "3 of your team have appraisals overdue"
    for person in reports:
        assert person.full_name in digest.body
    assert len(mail.outbox) == 4  # the digest, and one to each of the three


def test_a_weekly_digest_person_gets_one_email_on_the_weekday_and_none_on_others(cast, client):
    owner, manager = cast["owner"], cast["line_manager"]
    client.force_login(owner)
    response = client.post("/appraisals/reminders/preferences/", {"how": "weekly"})
    assert response.status_code == 302
    AppraisalFactory(cycle=overdue_cycle(), person=owner, appraiser=manager,
                     status=Status.PREPARING)  # fmt: skip
    DevelopmentPlanFactory(person=owner, year=2026, review_date=MONDAY - timedelta(days=30))
    run(MONDAY - timedelta(days=1))  # Sunday
    assert to(owner) == []
    assert len(to(manager)) == 1  # the manager did not choose the digest
    run(MONDAY)
    (weekly,) = to(owner)
    assert weekly.subject == "Your weekly reminders from Trellis"
    assert "appraisal" in weekly.body and "development plan" in weekly.body
    assert "You get one email a week, on Mondays." in weekly.body
    for later in range(1, 7):
        run(MONDAY + timedelta(days=later))
        assert to(owner) == []


# Links, subjects, the command ------------------------------------------------------


def test_every_link_opens_for_its_recipient(cast, client):
    owner, manager = cast["owner"], cast["line_manager"]
    AppraisalFactory(cycle=overdue_cycle(), person=owner, appraiser=manager,
                     status=Status.NOT_STARTED)  # fmt: skip
    DevelopmentPlanFactory(person=owner, year=2026, review_date=MONDAY - timedelta(days=1))
    placement = PlacementFactory(person=owner, year=2026, proposed_by=owner)
    PlacementEvent.objects.create(placement=placement, actor=owner, action="proposed",
                                  at=at(MONDAY - timedelta(days=20)))  # fmt: skip
    entry = CPDEntryFactory(person=owner, initiative=InitiativeFactory())
    EvaluationFactory(entry=entry, follow_up_due=MONDAY - timedelta(days=20))
    run()
    checked = 0
    for message in mail.outbox:
        (recipient,) = [p for p in (owner, manager) if [p.email] == message.to]
        client.force_login(recipient)
        for line in message.body.splitlines():
            if line.strip().startswith("https://trellis.example.nhs.uk/"):
                path = line.strip().removeprefix("https://trellis.example.nhs.uk")
                assert client.get(path).status_code == 200, (recipient, path)
                checked += 1
    assert checked >= 8  # 4 items for the owner, 2 for the manager, 2 preference links


def test_a_line_break_or_formula_in_a_title_does_not_break_the_subject(cast):
    owner = cast["owner"]
    entry = CPDEntryFactory(person=owner, initiative=InitiativeFactory())
    EvaluationFactory(entry=entry, follow_up_due=MONDAY - timedelta(days=20))
    entry.initiative.__class__.objects.filter(pk=entry.initiative_id).update(
        title='=HYPERLINK("x")\r\nBcc: all@example.org'
    )
    run()
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.startswith("Tell us how you have used what you learned from")
    assert message.message()["Bcc"] is None
    assert message.to == [owner.email]


def test_dry_run_says_who_would_get_what_and_sends_nothing(cast, capsys):
    AppraisalFactory(cycle=overdue_cycle(), person=cast["owner"],
                     appraiser=cast["line_manager"], status=Status.PREPARING)  # fmt: skip
    call_command("send_reminders", "--dry-run", "--today", str(MONDAY))
    out = capsys.readouterr().out
    assert f"Would email {cast['owner'].email}: appraisal_overdue (1 item)" in out
    assert "Would send 2 emails." in out
    assert mail.outbox == [] and not ReminderSent.objects.exists()


# Queries do not grow with people -------------------------------------------------


def _world(n):
    cycle = overdue_cycle()
    for _ in range(n):
        manager = PersonFactory()
        for _ in range(3):
            person = PersonFactory(line_manager=manager, unit=manager.unit)
            AppraisalFactory(cycle=cycle, person=person, appraiser=manager,
                             status=Status.PREPARING)  # fmt: skip
            DevelopmentPlanFactory(person=person, year=2026, review_date=MONDAY - timedelta(1))
            p = PlacementFactory(person=person, year=2026, proposed_by=manager)
            PlacementEvent.objects.create(placement=p, actor=manager, action="proposed",
                                          at=at(MONDAY - timedelta(days=20)))  # fmt: skip
            entry = CPDEntryFactory(person=person, initiative=InitiativeFactory())
            EvaluationFactory(entry=entry, follow_up_due=MONDAY - timedelta(days=20))


@pytest.mark.parametrize("managers", [1, 4])
def test_queries_do_not_grow_with_people(managers, db, django_assert_num_queries):
    _world(managers)
    mail.outbox.clear()
    with django_assert_num_queries(QUERIES):
        services.send_reminders(today=MONDAY)
    assert len(mail.outbox) == managers * 4
    with django_assert_num_queries(QUERIES_WHEN_ALL_SENT):
        services.send_reminders(today=MONDAY)


QUERIES = 9
QUERIES_WHEN_ALL_SENT = 6


def test_the_command_refuses_a_bad_date_or_a_too_short_interval():
    with pytest.raises(CommandError, match="--today must be a date like 2026-05-31"):
        call_command("send_reminders", "--today", "7/12/2026")
    with pytest.raises(CommandError, match="--every must be at least 60 seconds"):
        call_command("send_reminders", "--every", "5")


def test_a_run_that_planned_before_another_sent_sends_nothing(cast):
    # Two machines: both worked out the same emails; the first to claim sends them.
    AppraisalFactory(cycle=overdue_cycle(), person=cast["owner"],
                     appraiser=cast["line_manager"], status=Status.PREPARING)  # fmt: skip
    planned = services.plan_emails(MONDAY)
    assert len(planned) == 2
    run()
    assert len(mail.outbox) == 2
    with mock.patch.object(services, "plan_emails", return_value=planned):
        run()
    assert mail.outbox == []
    assert ReminderSent.objects.count() == 2
