"""people.sql.Compiled (docs/adr/0071): a queryset compiled once and run with each
request's keys gives what the queryset itself gives, for every key, and refuses a
queryset whose keys it cannot place."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Answer, Journal, SectionState
from people.models import Person, RecordView
from people.sql import Compiled
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_each_persons_keys_give_their_own_rows(organisation):
    first, second = PersonFactory.create_batch(2, unit=organisation["team"])
    reports = PersonFactory.create_batch(2, unit=organisation["team"], line_manager=first)
    reports_of = Compiled(
        lambda manager: Person.objects.filter(line_manager=manager).order_by("pk")
    )
    assert reports_of.objects(manager=first.pk) == reports
    assert reports_of.objects(manager=second.pk) == []
    assert reports_of.first(manager=first.pk) == reports[0]
    assert reports_of.first(manager=second.pk) is None


def test_objects_are_the_querysets_own_with_related_objects_attached(cast):
    """select_related objects come with each object, read by the same one query."""
    from careers.journal import services

    journal = services.start_journal(person=cast["owner"], year=2026)
    state = journal.section_states.order_by("pk").first()
    states = Compiled(
        lambda journal, key: SectionState.objects.filter(
            journal=journal, section__key=key
        ).select_related("section", "shared_with")
    )
    expected = list(
        SectionState.objects.filter(
            journal=journal, section__key=state.section.key
        ).select_related("section", "shared_with")
    )
    with CaptureQueriesContext(connection) as queries:
        found = states.objects(journal=journal.pk, key=state.section.key)
        assert [(s.pk, s.section.title, s.status) for s in found] == [
            (s.pk, s.section.title, s.status) for s in expected
        ]
    assert len(queries) == 1
    assert not found[0]._state.adding  # saved objects, as Django reads them
    assert states.objects(journal=journal.pk, key="no-such-section") == []


def test_prefetch_related_lookups_are_done(cast):
    from careers.journal import services

    journal = services.start_journal(person=cast["owner"], year=2026)
    journals = Compiled(
        lambda person: Journal.objects.filter(person=person).prefetch_related("section_states")
    )
    (found,) = journals.objects(person=cast["owner"].pk)
    with CaptureQueriesContext(connection) as queries:
        assert len(found.section_states.all()) == journal.section_states.count()
    assert len(queries) == 1  # the count above; the prefetched states read nothing


def test_a_query_is_compiled_once_for_all_keys(organisation):
    built = []

    def build(manager):
        built.append(manager)
        return Person.objects.filter(line_manager=manager)

    reports_of = Compiled(build)
    people = PersonFactory.create_batch(3, unit=organisation["team"])
    reports_of.objects(manager=people[0].pk)
    compiled = len(built)  # the model, where the key goes, the key's range
    for person in people:
        reports_of.objects(manager=person.pk)
    assert len(built) == compiled


def test_a_constant_equal_to_a_stand_in_is_not_taken_for_a_key(organisation):
    """A constant in the query equal to a key's first stand-in keeps its value."""
    person = PersonFactory(unit=organisation["team"], given_name="30011")
    named = Compiled(lambda pk: Person.objects.filter(pk=pk, given_name="30011"))
    assert named.objects(pk=person.pk) == [person]


def test_a_str_key(organisation):
    RecordView.objects.create(
        viewer=PersonFactory(unit=organisation["team"]),
        subject=PersonFactory(unit=organisation["team"]),
        content_type_id=1,
        object_id="42",
    )
    reads = Compiled(lambda object_id: RecordView.objects.filter(object_id=object_id))
    assert len(reads.objects(object_id="42")) == 1
    assert reads.objects(object_id="43") == []


def test_queries_whose_keys_cannot_be_placed_are_refused(organisation):
    person = PersonFactory(unit=organisation["team"])
    with pytest.raises(ValueError, match="inside a parameter"):
        Compiled(lambda name: Person.objects.filter(given_name__icontains=name)).objects(name="a")
    with pytest.raises(ValueError, match="does not depend"):
        Compiled(lambda pk: Person.objects.all()).objects(pk=person.pk)
    with pytest.raises(ValueError, match="worked out from a key"):
        Compiled(
            lambda person, year: Journal.objects.filter(person=person, year__in=[year, year - 1])
        ).objects(person=person.pk, year=2026)
    with pytest.raises(TypeError):
        Compiled(lambda pk: Person.objects.filter(pk=pk).values("pk")).objects(pk=person.pk)
    with pytest.raises(TypeError):
        Compiled(lambda when: Answer.objects.filter(updated_at=when)).objects(when=1.5)


def test_a_key_its_column_cannot_hold_reads_what_the_orm_reads(cast):
    """A year past a small integer column's range finds no journal, as the ORM does,
    and is never a database error."""
    from careers.journal import services

    journal = services.start_journal(person=cast["owner"], year=2026)
    journals = Compiled(lambda person, year: Journal.objects.filter(person=person, year=year))
    assert journals.objects(person=cast["owner"].pk, year=2026) == [journal]
    for year in (40000, -1, 2**40, -(2**40)):
        assert journals.objects(person=cast["owner"].pk, year=year) == []
        assert journals.rows(person=cast["owner"].pk, year=year) == []
    assert journals.objects(person=2**62, year=2026) == []


def test_a_journal_year_past_any_column_is_not_found(client, cast):
    client.force_login(cast["owner"])
    for year in ("40000", "999999999999999999"):
        assert client.get(f"/journal/{year}/").status_code == 404
        assert client.get(f"/journal/{year}/sections/strengths-and-challenges/").status_code == 404


@pytest.mark.django_db
def test_first_or_404_is_a_page_not_found_when_nothing_matches():
    """The object a page opens (appraisals, careers and learning access.py): found, or
    Http404 as get_object_or_404 answers, never None to trip on later."""
    from django.http import Http404

    person = PersonFactory(given_name="Ada")
    one = Compiled(lambda pk: Person.objects.filter(pk=pk))
    assert one.first_or_404(pk=person.pk) == person
    with pytest.raises(Http404, match="No person matches"):
        one.first_or_404(pk=person.pk + 1000)


def test_objects_kept_as_prefetched_are_read_without_a_query_and_filters_still_read(
    organisation,
):
    """keep_prefetched: a manager's reports given by a compiled read are what
    `.all()` gives, with no query; a filter on them reads the database, as it would
    after prefetch_related."""
    from people.sql import keep_prefetched

    manager = PersonFactory(unit=organisation["team"])
    reports = PersonFactory.create_batch(2, unit=organisation["team"], line_manager=manager)
    reports_of = Compiled(
        lambda manager: Person.objects.filter(line_manager=manager).order_by("pk")
    )
    keep_prefetched(manager, "direct_reports", reports_of.objects(manager=manager.pk))
    with CaptureQueriesContext(connection) as queries:
        assert list(manager.direct_reports.all()) == reports
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        assert list(manager.direct_reports.filter(pk=reports[1].pk)) == [reports[1]]
    assert len(queries) == 1
