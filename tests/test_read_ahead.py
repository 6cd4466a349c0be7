"""Reads sent ahead (people.sql.read_ahead, docs/adr/0074): the home page's panels
declare what they will read, it goes to the database together, and each panel takes its
rows from there. For every role: every read declared is used, every plain read the
panels make was declared, and the page is the same as when each is read in turn. The
same for the journal section (its state, questions, answers and the menu's roles) and
My team (its rows and the roles)."""

import re
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from frontend import kept
from people import sql, views
from people.models import Person
from tests.factories import PersonFactory
from tests.url_registry import USERS, build_world

pytestmark = pytest.mark.django_db

ROLES = [role for role in USERS if role != "anonymous"]

_given_name = sql.Compiled(lambda pk: Person.objects.filter(pk=pk).values_list("given_name"))


@pytest.fixture
def world(cast, organisation):
    """The access matrix's world, with more for the reads sent ahead to find: the
    owner's placement agreed, their plan agreed by them and awaiting their manager,
    and weekly reminders for both (else those reads find no rows, and rows taken from
    the wrong read would not show)."""
    from datetime import date, timedelta

    from appraisals.reminders.models import ReminderPreference
    from careers.conversation import services as conversations
    from careers.journal.services import appraisal_year
    from careers.models import Placement
    from careers.plan import services as plans

    world = build_world(cast, organisation)
    owner, manager = world["owner"], world["line_manager"]
    placement = Placement.objects.get(person=owner, year=appraisal_year())
    conversations.agree_placement(placement=placement, by=owner, version=placement.version)
    plan = plans.plan_for(person=owner, year=appraisal_year())
    plans.agree_plan(
        plan=plan, by=owner, version=plan.version, review_date=date.today() + timedelta(days=365)
    )
    for person in (owner, manager):
        ReminderPreference.objects.create(person=person, weekly_digest=True)
    return world


@contextmanager
def statements():
    """The statements run inside the block (a list), logged or not: on PostgreSQL with
    queries not logged is where the pipeline is used."""
    sent = []

    def count(execute, sql_, params, many, context):
        sent.append(sql_)
        return execute(sql_, params, many, context)

    with connection.execute_wrapper(count):
        yield sent


def fetched(client, url, module, monkeypatch, ahead=True):
    """(the response to `url`, the Ahead that `module`'s read_ahead read for it); with
    `ahead` off, nothing is sent ahead and each read is made in turn."""
    blocks = []
    real = sql.read_ahead

    @contextmanager
    def recorded(reads):
        with real(reads if ahead else []) as found:
            blocks.append(found)
            yield found

    monkeypatch.setattr(module, "read_ahead", recorded)
    response = client.get(url)
    assert response.status_code == 200
    return response, blocks[0]


def home(client, person, monkeypatch, ahead=True):
    """(the home page's response, the Ahead its view read) for `person`."""
    client.force_login(person)
    return fetched(client, reverse("home"), views, monkeypatch, ahead)


@pytest.mark.parametrize("role", ROLES)
def test_every_home_read_is_sent_ahead_and_used(client, world, role, monkeypatch):
    _, found = home(client, world[role], monkeypatch)
    assert found.reads
    assert found.unused == []
    assert found.missed == []


def masked(response):
    """The page with what differs between two requests (CSP nonces, CSRF tokens, the
    seconds left of the session) masked."""
    html = response.content.decode()
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
    html = re.sub(r'seconds-left="\d+"', 'seconds-left=""', html)
    # Each form's own tokens (CSRF, frontend.kept's owner token, frontend.once's).
    fields = "|".join(["csrfmiddlewaretoken", kept.OWNER_FIELD, kept.ONCE_FIELD])
    return re.sub(rf'name="({fields})" value="[^"]*"', r'name="\1"', html)


@pytest.mark.parametrize("role", ROLES)
def test_the_home_page_is_the_same_with_its_reads_sent_ahead(client, world, role, monkeypatch):
    ahead, sent = home(client, world[role], monkeypatch)
    in_turn, not_sent = home(client, world[role], monkeypatch, ahead=False)
    assert sent.reads and not not_sent.reads
    assert masked(ahead) == masked(in_turn)


def test_reads_sent_ahead_are_one_round_trip_and_taken_from_there(monkeypatch):
    first, second = PersonFactory(given_name="Ada"), PersonFactory(given_name="Bea")
    reads = [_given_name.read(pk=first.pk), _given_name.read(pk=second.pk)]
    pipelines = []
    real = psycopg.Connection.pipeline

    def counted(self):
        pipelines.append(self)
        return real(self)

    monkeypatch.setattr(psycopg.Connection, "pipeline", counted)
    with statements() as sent, sql.read_ahead(reads) as found:
        assert len(sent) == 2
        assert [sql.fetch(read) for read in reads] == [[("Ada",)], [("Bea",)]]
        assert len(sent) == 2  # taken from what was sent ahead: nothing read again
    assert found.unused == found.missed == []
    assert len(pipelines) == (1 if connection.vendor == "postgresql" else 0)


def test_rows_are_taken_once_and_what_is_left_is_dropped():
    person = PersonFactory(given_name="Ada")
    read = _given_name.read(pk=person.pk)
    with sql.read_ahead([read, _given_name.read(pk=person.pk + 1)]) as found:
        assert sql.fetch(read) == [("Ada",)]
        Person.objects.filter(pk=person.pk).update(given_name="Ann")
        with statements() as sent:
            assert sql.fetch(read) == [("Ann",)]  # read again: it may have changed
        assert len(sent) == 1
    assert found.missed == [read]
    assert found.unused == [_given_name.read(pk=person.pk + 1)]
    with statements() as sent:
        assert sql.fetch(_given_name.read(pk=person.pk + 1)) == []
    assert len(sent) == 1  # after the block every read is read


def test_a_read_listed_twice_is_sent_once_and_taken_twice():
    """Two parts of a page reading the same vocabulary (the booklet's plan balance and
    CPD summary read the 70/20/10 categories) wait on one statement between them."""
    person = PersonFactory(given_name="Ada")
    read = _given_name.read(pk=person.pk)
    with statements() as sent, sql.read_ahead([read, read]) as found:
        assert len(sent) == 1
        assert sql.fetch(read) == sql.fetch(read) == [("Ada",)]
        assert len(sent) == 1
        assert sql.fetch(read) == [("Ada",)]  # a third time: read again
        assert len(sent) == 2
    assert found.missed == [read]
    assert found.unused == []


def test_a_read_listed_twice_and_taken_once_was_used():
    person = PersonFactory(given_name="Ada")
    read, other = _given_name.read(pk=person.pk), _given_name.read(pk=person.pk + 1)
    with sql.read_ahead([read, read, other]) as found:
        assert sql.fetch(read) == [("Ada",)]
    assert found.unused == [other]


def test_blocks_do_not_nest():
    person = PersonFactory()
    read = _given_name.read(pk=person.pk)
    with sql.read_ahead([read]), pytest.raises(RuntimeError), sql.read_ahead([read]):
        pass


BOOKLETS = ["booklet_appraisal", "appraisal_in_writing", "appraisal_complete",
            "appraisal_unassigned"]  # fmt: skip


def booklet(client, world, key, monkeypatch, ahead=True):
    """(the booklet page HR reads for the world's appraisal `key`, the Ahead its
    sections read), as `home`."""
    from appraisals.booklet import registry

    client.force_login(world["hr"])
    url = reverse("appraisals:appraisal-booklet", args=[world[key].pk])
    return fetched(client, url, registry, monkeypatch, ahead)


@pytest.mark.parametrize("key", BOOKLETS)
def test_every_booklet_read_sent_ahead_is_used_and_the_booklet_is_the_same(
    client, world, key, monkeypatch
):
    ahead, sent = booklet(client, world, key, monkeypatch)
    in_turn, not_sent = booklet(client, world, key, monkeypatch, ahead=False)
    assert sent.reads and not not_sent.reads
    assert sent.unused == []
    assert masked(ahead) == masked(in_turn)


def test_a_read_that_fails_is_a_database_error_and_leaves_nothing_behind():
    """On PostgreSQL the failing statement is in the pipeline with a good one: the
    error comes as Django's, the block's store goes, and the connection reads on."""
    from django.db import DatabaseError, transaction

    person = PersonFactory(given_name="Ada")
    good = _given_name.read(pk=person.pk)
    bad = sql.Read("SELECT * FROM no_such_table", ())
    with pytest.raises(DatabaseError), transaction.atomic(), sql.read_ahead([good, bad]):
        pass
    assert getattr(connection, "_trellis_read_ahead", None) is None
    with statements() as sent:
        assert sql.fetch(good) == [("Ada",)]
    assert len(sent) == 1


# The initiative's page, LED's preview, form and new form send their reads ahead too.
def initiative_pages(initiative):
    """(role, URL, module whose read_ahead the view calls) of each page sending ahead."""
    from learning import views as learning_views

    pk = initiative.pk
    return [
        ("owner", reverse("learning:initiative-detail", args=[pk]), learning_views),
        ("led", reverse("learning:initiative-detail", args=[pk]), learning_views),
        ("led", reverse("learning:curate-preview", args=[pk]), learning_views),
        ("led", reverse("learning:curate-edit", args=[pk]), learning_views),
        ("led", reverse("learning:curate-create"), learning_views),
    ]


@pytest.fixture
def described():
    """A published initiative with two of the three directions and levels and another
    with the third, so that rows taken from the wrong read would show."""
    from tests.factories_learning import InitiativeFactory, vocabulary

    categories, directions, levels = (list(terms.values()) for terms in vocabulary())
    InitiativeFactory(directions=directions[2:], levels=levels[2:], category=categories[0])
    return InitiativeFactory(
        title="Leading change",
        category=categories[2],
        directions=directions[:2],
        levels=levels[:2],
    )


@pytest.mark.parametrize("which", range(5))
def test_every_initiative_page_read_sent_ahead_is_used_and_the_page_is_the_same(
    client, world, described, which, monkeypatch
):
    role, url, module = initiative_pages(described)[which]
    client.force_login(world[role])
    ahead, sent = fetched(client, url, module, monkeypatch)
    in_turn, not_sent = fetched(client, url, module, monkeypatch, ahead=False)
    assert sent.reads and not not_sent.reads
    assert sent.unused == []
    assert masked(ahead) == masked(in_turn)
    if "new" not in url:
        html = ahead.content.decode()
        assert "Leading change" in html
        shown = [
            term.name in html for term in [*described.directions.all(), *described.levels.all()]
        ]
        assert shown == [True] * 4


def _answered(journal, key, text):
    """`journal`'s first question in section `key` answered with `text`."""
    from careers.models import Answer, Question

    questions = Question.objects.filter(section__bank=journal.bank, section__key=key)
    question = questions.filter(kind=Question.Kind.TEXT).first()
    Answer.objects.create(journal=journal, question=question, text=text)


@pytest.mark.parametrize("earlier", [False, True], ids=["this year", "an earlier year"])
def test_every_journal_section_read_sent_ahead_is_used_and_the_page_is_the_same(
    client, world, earlier, monkeypatch
):
    # The section's state, questions, answers and the roles for the menu, together.
    from careers.journal import services
    from careers.journal import views as journal_views
    from careers.models import Journal
    from tests.matrix_careers import SHARED

    owner, year = world["owner"], services.appraisal_year()
    if earlier:
        year -= 1
        services.start_journal(person=owner, year=year)
    journal = Journal.objects.get(person=owner, year=year)
    # A private section: a shared one also reads who read it, keyed by its state.
    key = journal.section_states.exclude(section__key=SHARED).first().section.key
    _answered(journal, key, "Kept the ward rota fair")
    client.force_login(owner)
    url = reverse("journal-section", args=[year, key])
    ahead, sent = fetched(client, url, journal_views, monkeypatch)
    in_turn, not_sent = fetched(client, url, journal_views, monkeypatch, ahead=False)
    assert len(sent.reads) == 4 and not not_sent.reads
    assert sent.unused == sent.missed == []
    assert "Kept the ward rota fair" in ahead.content.decode()
    assert masked(ahead) == masked(in_turn)


def test_my_team_reads_its_rows_and_the_roles_together(client, world, monkeypatch):
    from careers.conversation import views as conversation_views

    client.force_login(world["line_manager"])
    ahead, sent = fetched(client, reverse("my-team"), conversation_views, monkeypatch)
    in_turn, _ = fetched(client, reverse("my-team"), conversation_views, monkeypatch, False)
    assert len(sent.reads) == 2
    assert sent.unused == sent.missed == []
    assert world["owner"].full_name in ahead.content.decode()
    assert masked(ahead) == masked(in_turn)
