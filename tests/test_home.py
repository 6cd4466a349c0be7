"""The home page tells each person what to do next and shows what their roles add."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def home(client, person):
    client.force_login(person)
    return client.get(reverse("home")).content.decode()


def test_staff_are_told_to_start_their_journal(client, cast):
    html = home(client, cast["owner"])
    assert "Start your reflection journal" in html
    assert "Your direct reports" not in html


def test_with_the_journal_ready_there_is_nothing_to_do(client, cast):
    from careers.journal import services

    journal = services.start_journal(person=cast["owner"], year=services.appraisal_year())
    journal.status = journal.Status.READY
    journal.save()
    assert "You have nothing to do right now" in home(client, cast["owner"])


def test_a_person_without_a_manager_is_told_to_ask_hr(client, organisation):
    html = home(client, PersonFactory(unit=organisation["team"]))
    assert "Your record has no line manager" in html


def test_a_manager_sees_their_reports(client, cast):
    html = home(client, cast["line_manager"])
    assert "Your direct reports" in html
    assert cast["owner"].full_name in html
    assert cast["other_staff"].full_name not in html


def test_hr_sees_the_units_they_look_after(client, cast, organisation):
    html = home(client, cast["hr"])
    assert "People you support in HR" in html
    assert organisation["org"].name in html


def test_navigation_follows_roles(client, cast):
    staff_html = home(client, cast["owner"])
    admin_html = home(client, cast["administrator"])
    assert "Administration" not in staff_html
    assert reverse("admin:index") in admin_html
    assert reverse("unit-list") not in staff_html
    assert reverse("unit-list") in home(client, cast["hr"])


def test_the_header_names_the_organisation(client, cast, settings):
    settings.ORGANISATION_NAME = "Cwm Taf Morgannwg University Health Board"
    assert "Cwm Taf Morgannwg University Health Board" in home(client, cast["owner"])


def test_home_queries_do_not_grow_with_reports(client, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (3, 30):
        manager = PersonFactory(unit=organisation["team"])
        PersonFactory.create_batch(size, unit=organisation["team"], line_manager=manager)
        client.force_login(manager)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        counts.append(len(queries))
    # The same at both sizes. Each app adds a query or two for its panels and
    # next steps (people: session, person, roles, reports,
    # own unit, session save), so the bound is loose; the equality is the point.
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20, counts


def test_the_details_panel_names_the_team_and_line_manager(client, cast):
    """Read as names in one plain query (ADR 0048), shown as the models' names were."""
    owner = cast["owner"]
    html = home(client, owner)
    details = html.split("Your details</h2>")[1]
    assert f"{owner.unit.name}</dd>" in details
    assert f"{owner.line_manager.full_name}</dd>" in details


def test_the_details_and_lapsed_shares_panels_read_one_statement_between_them(organisation):
    """The person's team and line manager are read with whether they have lapsed shares:
    one statement for both panels, none with neither recorded."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from people.panels import details_panel, lapsed_shares_panel

    person = PersonFactory(unit=None, line_manager=None)
    request = type("Request", (), {"user": person})()
    with CaptureQueriesContext(connection) as queries:
        panel = details_panel(request)
        assert lapsed_shares_panel(request) is None
    assert len(queries) == 1
    assert panel.context == {"job_title": person.job_title, "unit": "", "line_manager": ""}


def test_a_query_compiled_once_runs_for_each_person(organisation):
    """people.navigation.CompiledOnce: compiled at the first call, then each person's
    key is put where the placeholder key was, so each gets their own rows."""
    from people.models import Person
    from people.navigation import CompiledOnce

    manager = PersonFactory(unit=organisation["team"])
    reports = PersonFactory.create_batch(2, unit=organisation["team"], line_manager=manager)
    other = PersonFactory(unit=organisation["team"])
    reports_of = CompiledOnce(
        lambda pk: Person.objects.filter(line_manager=pk).values_list("pk").order_by("pk")
    )
    assert reports_of.rows(manager.pk) == [(r.pk,) for r in reports]
    assert reports_of.rows(other.pk) == []
    with pytest.raises(ValueError):
        CompiledOnce(lambda pk: Person.objects.values_list("pk")).rows(manager.pk)


@pytest.mark.parametrize(("role", "expected"), [("owner", 9), ("line_manager", 11), ("hr", 12)])
def test_home_reads_few_queries_for_each_role(client, cast, role, expected):
    """Session, person and roles, then at most one query a provider that has something
    to say to this role (ADR 0048; before it, 17 to 22 at 20,000 people)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast[role])
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert len(queries) == expected, [q["sql"][:80] for q in queries.captured_queries]


def test_an_appraisers_steps_of_one_kind_become_one_line_past_the_first(client, organisation):
    """One appraisal to write is named, linking to it; three are one line counting them,
    linking to Appraisals to write (where, as in the home panel, each is named)."""
    from appraisals.models import Appraisal
    from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory

    cycle = AppraisalCycleFactory()
    manager = PersonFactory(unit=organisation["team"])
    reports = PersonFactory.create_batch(3, unit=organisation["team"], line_manager=manager)
    writing = Appraisal.Status.MANAGER_WRITING
    first = AppraisalFactory(cycle=cycle, person=reports[0], appraiser=manager, status=writing)
    steps = home(client, manager).split("What to do next")[1].split("</ol>")[0]
    url = reverse("appraisals:appraisal", args=[first.pk])
    assert f'<a href="{url}">Write your part of {reports[0].full_name}&#x27;s' in steps
    for person in reports[1:]:
        AppraisalFactory(cycle=cycle, person=person, appraiser=manager, status=writing)
    steps = home(client, manager).split("What to do next")[1].split("</ol>")[0]
    to_write = reverse("appraisals:to-write")
    assert f'<a href="{to_write}">Write your part of 3 appraisals</a>' in steps
    assert not any(person.full_name in steps for person in reports)


def test_a_long_list_on_home_shows_the_first_few_and_counts_the_rest(client, organisation):
    """Twelve reports, each with an appraisal to write: both panels name ten and say
    how many more, as their own pages list everyone (ADR 0048)."""
    from appraisals.models import Appraisal
    from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory

    cycle = AppraisalCycleFactory()
    manager = PersonFactory(unit=organisation["team"])
    reports = PersonFactory.create_batch(
        12, unit=organisation["team"], line_manager=manager, job_title="Sister, Ward 4, nights"
    )
    for person in reports:
        AppraisalFactory(cycle=cycle, person=person, appraiser=manager,
                         status=Appraisal.Status.MANAGER_WRITING)  # fmt: skip
    html = home(client, manager)
    assert "You line manage 12 people." in html
    mine = html.split("Your direct reports</h2>")[1].split("</section>")[0]
    assert mine.count("<li>") == 10 and "And 2 more." in mine
    first = min(reports, key=lambda p: (p.family_name, p.given_name, p.pk))
    # Each name opens the report's career record, as My team's names do.
    assert f'<a href="{reverse("career-record", args=[first.pk])}">' in mine
    assert reverse("person-detail", args=[first.pk]) not in mine
    assert f'<a href="{reverse("my-team")}">All your direct reports on My team</a>' in mine
    to_write = html.split("Appraisals to write</h2>")[1].split("</section>")[0]
    assert to_write.count("<li>") == 10 and "And 2 more under way." in to_write
    # It lists the appraisals under way and says its page has the rest too.
    assert "<p>Under way:</p>" in to_write
    assert "including those not started and those complete</a>" in to_write
    # A job title with commas of its own ends before the status.
    assert "</a> (Sister, Ward 4, nights): manager writing</li>" in to_write


def test_the_journals_shared_with_a_manager_are_each_linked_by_name(client, organisation):
    """Every report who shares a section is listed, in name order, each linked to what
    they shared; one who shares nothing is not."""
    from careers.journal import services

    manager = PersonFactory(unit=organisation["team"])
    sharing = [
        PersonFactory(unit=organisation["team"], line_manager=manager, family_name=name)
        for name in ("Young", "Adams", "Moss")
    ]
    PersonFactory(unit=organisation["team"], line_manager=manager, family_name="Quiet")
    for person in sharing:
        journal = services.start_journal(person=person, year=services.appraisal_year())
        services.share_section(state=journal.section_states.first(), by=person, confirmed=True)
    panel = home(client, manager).split("Journals shared with you</h2>")[1].split("</section>")[0]
    links = [
        f'<a href="{reverse("shared-journal", args=[p.pk])}">{p.full_name}</a>, {p.job_title}'
        for p in sorted(sharing, key=lambda p: p.family_name)
    ]
    assert panel.count("<li>") == 3
    assert [panel.index(link) for link in links] == sorted(panel.index(link) for link in links)
    assert "Quiet" not in panel
    assert "more." not in panel and f'href="{reverse("my-team")}"' not in panel


def test_a_long_list_of_shared_journals_names_ten_with_their_job_titles(client, organisation):
    """Twelve reports share, two of them with one name: the panel names ten, each with
    their job title so that the two can be told apart, says how many more, and leads to
    My team, which lists everyone (ADR 0048)."""
    from careers.journal import services

    manager = PersonFactory(unit=organisation["team"])
    twins = [
        PersonFactory(unit=organisation["team"], line_manager=manager, given_name="Aled",
                      family_name="Begum", job_title=title)
        for title in ("Medical Secretary", "Occupational Therapist")
    ]  # fmt: skip
    others = PersonFactory.create_batch(10, unit=organisation["team"], line_manager=manager,
                                        family_name="Zed")  # fmt: skip
    for person in twins + others:
        journal = services.start_journal(person=person, year=services.appraisal_year())
        services.share_section(state=journal.section_states.first(), by=person, confirmed=True)
    panel = home(client, manager).split("Journals shared with you</h2>")[1].split("</section>")[0]
    assert panel.count("<li>") == 10 and "And 2 more." in panel
    for twin in twins:
        link = reverse("shared-journal", args=[twin.pk])
        assert f'<a href="{link}">Aled Begum</a>, {twin.job_title}</li>' in panel
    assert f'<a href="{reverse("my-team")}">All shared journals on My team</a>' in panel
