"""`manage.py generate_org`: a generated organisation that every page can show."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from appraisals.models import Appraisal, AppraisalCycle
from careers.models import Answer, DevelopmentPlan, Journal, Placement
from learning.models import CPDEntry
from people.models import OrganisationUnit, Person
from tests.factories import PersonFactory
from trial import careers, learning, org
from trial.generate import NotEmpty, generate

TODAY = date(2026, 6, 1)  # fixed, so a seed gives the same records whatever the date
YEAR = 2026  # the appraisal year TODAY is in
PEOPLE, YEARS = 60, 2


@pytest.fixture
def world(db):
    return generate(people=PEOPLE, years=YEARS, seed=3, password="trial-pass", today=TODAY)


def accounts(result):
    return {role: Person.objects.get(email=email) for role, email, _ in result.accounts}


def test_the_command_reports_rows_and_time_per_model_and_the_accounts(db):
    out = io.StringIO()
    call_command("generate_org", people=PEOPLE, years=YEARS, password="trial-pass", stdout=out)
    text = out.getvalue()
    assert "Person" in text and "Answer" in text and "total" in text
    assert "Sign in as:" in text and "admin@trellis.example" in text
    assert "trial-pass" not in text  # a password given is never printed back


def test_counts_follow_people_and_years(world):
    assert Person.objects.count() == PEOPLE + 1  # and the administrator
    person_years = sum(
        1 for year in (YEAR, YEAR - 1) for p in Person.objects.exclude(unit=None)
        if timezone.localdate(p.date_joined) < date(year + 1, 3, 31)
    )  # fmt: skip
    assert Journal.objects.count() == round(person_years * careers.JOURNALS_PER_PERSON_YEAR)
    assert CPDEntry.objects.count() == round(person_years * learning.CPD_PER_PERSON_YEAR)
    assert AppraisalCycle.objects.count() == YEARS
    assert Answer.objects.count() > 10 * Journal.objects.count()
    assert (
        0 < DevelopmentPlan.objects.count() < Placement.objects.count() < Journal.objects.count()
    )
    # Every status appears across the cycles.
    assert set(Appraisal.objects.values_list("status", flat=True)) >= {
        "not_started", "complete", "awaiting_person", "manager_writing",
    }  # fmt: skip


def test_the_unit_plan_at_a_large_trust_is_about_1100_units_5_deep():
    units = org.plan_units(20000, 5, "Trust")
    assert 1000 <= len(units) <= 1300
    assert {u.depth for u in units} == {1, 2, 3, 4, 5}


@pytest.mark.parametrize("depth", [2, 3, 7])
def test_the_depth_asked_for_is_the_depth_built(depth):
    units = org.plan_units(500, depth, "Trust")
    assert {u.depth for u in units} == set(range(1, depth + 1))
    assert len({u.path for u in units}) == len(units)


def test_units_are_five_deep_with_a_valid_tree_and_managers_have_5_to_15_reports(world):
    assert set(OrganisationUnit.objects.values_list("depth", flat=True)) == {1, 2, 3, 4, 5}
    assert all(not problems for problems in OrganisationUnit.objects.find_problems())
    root = OrganisationUnit.objects.get_root_nodes().get()
    assert (
        OrganisationUnit.objects.get_descendant_count(root) == OrganisationUnit.objects.count() - 1
    )
    teams = Person.objects.filter(unit__kind="team").annotate(n=Count("direct_reports"))
    counts = [p.n for p in teams if p.n]
    assert counts and all(5 <= n <= 15 for n in counts)
    assert Person.objects.filter(groups__name="HR", hr_scopes__isnull=False).exists()
    assert Person.objects.filter(groups__name="LED").exists()
    assert not Person.objects.exclude(employee_number=None).filter(employee_number__regex=r"\D")


def test_every_generated_record_shows_on_its_pages(world, client):
    people = accounts(world)
    manager, staff, hr, led = (
        people[r] for r in ("Line manager", "Staff member", "HR", "LED team")
    )
    report = manager.direct_reports.filter(journals__year=YEAR).first() or staff
    cycle = AppraisalCycle.objects.get(status="open")
    appraisal = Appraisal.objects.filter(appraiser=manager, cycle=cycle).first()
    visits = {
        staff: ["/", f"/journal/{YEAR}/", f"/career/{staff.pk}/plan/",
                "/learning/cpd/", "/appraisals/yours/"],
        manager: ["/", "/team/", f"/team/{report.pk}/journal/", f"/career/{report.pk}/plan/",
                  f"/appraisals/{appraisal.pk}/"],
        hr: ["/", "/organisation/", f"/organisation/{OrganisationUnit.objects.get(depth=1).pk}/",
             "/appraisals/cycles/", f"/appraisals/cycles/{cycle.pk}/"],
        led: ["/", "/learning/catalogue/"],
    }  # fmt: skip
    for person, urls in visits.items():
        client.force_login(person)
        for url in urls:
            assert client.get(url, follow=True).status_code == 200, (person.job_title, url)
    assert all(p.check_password("trial-pass") for p in people.values())


def test_everyone_else_cannot_sign_in(world):
    named = {email for _, email, _ in world.accounts}
    others = Person.objects.exclude(email__in=named)
    assert not any(person.has_usable_password() for person in others)


class _Undo(Exception):
    pass


def _fingerprint():
    people = Person.objects.order_by("email").values_list(
        "email", "unit__path", "line_manager__email", "job_title", "employee_number"
    )
    answers = Answer.objects.order_by("journal__person__email", "journal__year", "question__key")
    return list(people), list(answers.values_list("text", "scale_value", "choice"))


def test_the_same_seed_gives_the_same_organisation(db):
    def once(seed):
        try:
            with transaction.atomic():
                generate(people=PEOPLE, years=YEARS, seed=seed, today=TODAY)
                found = _fingerprint()
                raise _Undo
        except _Undo:
            return found

    first = once(5)
    assert once(5) == first
    assert once(6) != first


def test_refuses_a_database_that_already_has_people(db):
    PersonFactory()
    with pytest.raises(NotEmpty):
        generate(people=PEOPLE, years=1)
    with pytest.raises(CommandError, match="already has people"):
        call_command("generate_org", people=PEOPLE, years=1, password="x", stdout=io.StringIO())


def test_without_debug_refuses_sign_in_accounts_without_a_password(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("TRIAL_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="password"):
        call_command("generate_org", people=PEOPLE, years=1, stdout=io.StringIO())
    assert not Person.objects.exists()
    call_command("generate_org", people=PEOPLE, years=1, no_sign_in=True, stdout=io.StringIO())
    assert not any(p.has_usable_password() for p in Person.objects.all())


def test_the_read_audit_holds_a_years_reads_by_line_managers_and_hr(world, client):
    """11 reads a person-year employed (trial/audit.py): by the person's line manager or
    an HR person, never by themselves, each within the year read and shown to the person
    on their "who has looked at your records" page."""
    from people.models import RecordView
    from people.roles import HR_GROUP
    from trial import audit

    reads = RecordView.objects.select_related("subject")
    managed = sum(1 for p in Person.objects.exclude(unit=None) if p.line_manager_id)
    assert reads.count() > managed * audit.MANAGER_READS_A_YEAR  # both years, and HR's
    hr = set(Person.objects.filter(groups__name=HR_GROUP).values_list("pk", flat=True))
    for read in reads.iterator():
        assert read.viewer_id != read.subject_id
        assert read.viewer_id == read.subject.line_manager_id or read.viewer_id in hr
        assert timezone.localdate(read.viewed_at) <= TODAY
    staff = accounts(world)["Staff member"]
    client.force_login(staff)
    page = client.get("/people/me/reads/").content.decode()
    assert page.count("<tr") > audit.MANAGER_READS_A_YEAR  # and the header row


def test_postgresqls_planner_knows_the_generated_rows(world):
    """Generated on PostgreSQL, the planner has statistics for the new rows (ANALYZE), as
    autovacuum would gather in a live database: without them it plans for empty tables."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples FROM pg_class c WHERE c.oid = %s::regclass",
            [Person._meta.db_table],
        )
        (estimated,) = cursor.fetchone()
    assert estimated >= Person.objects.count() > 0
