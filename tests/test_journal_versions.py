"""Earlier versions of a journal answer: one kept a sitting, never one a save
(docs/adr/0053-journal-answer-versions.md). The autosave's queries stay the same however
many are kept, and the manager reading a shared section sees only the latest text."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.journal import services
from careers.models import Answer, AnswerVersion
from tests.test_journal import STRENGTHS, page_data, question, url
from tests.test_journal_autosave import autosave

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(cast):
    return cast["owner"]


@pytest.fixture
def journal(author):
    return services.start_journal(person=author, year=services.appraisal_year())


def sitting(author):
    """A browser signed in as `author`: its own session, so its own sitting."""
    browser = Client()
    browser.force_login(author)
    return browser


def typed(browser, journal, words, data=None):
    """`words` typed into "What am I most proud of", autosaved; returns the page data."""
    data = data or page_data(browser, journal, STRENGTHS)
    data[f"q{question(journal, 'sc-proud').pk}"] = words
    assert "Saved at" in autosave(browser, journal, data)
    return data


def kept(journal):
    return list(
        AnswerVersion.objects.filter(answer__journal=journal).values_list("version", "text")
    )


def test_autosaves_in_one_sitting_keep_one_version_the_last_text_of_the_sitting(author, journal):
    browser = sitting(author)
    data = typed(browser, journal, "Leading")
    for words in ["Leading the", "Leading the flu", "Leading the flu campaign"]:
        data = typed(browser, journal, words, data)
    answer = Answer.objects.get(journal=journal)
    assert (answer.text, answer.version) == ("Leading the flu campaign", 4)
    assert kept(journal) == []  # the sitting's text is the answer's own
    typed(sitting(author), journal, "Leading the flu campaign again")
    assert kept(journal) == [(4, "Leading the flu campaign")]


def test_a_save_in_another_sitting_keeps_the_text_the_last_one_left(author, journal):
    first = sitting(author)
    data = typed(first, journal, "Leading the flu campaign")
    typed(first, journal, "Leading the flu campaign in winter", data)
    second = sitting(author)  # another device: another session
    data = typed(second, journal, "Leading the vaccination campaign")
    typed(second, journal, "Leading the vaccination campaign well", data)
    assert kept(journal) == [(2, "Leading the flu campaign in winter")]
    earlier = AnswerVersion.objects.get()
    answer = Answer.objects.get(journal=journal)
    assert earlier.saved_at < answer.updated_at and earlier.started_at < answer.sitting_started_at
    assert answer.text == "Leading the vaccination campaign well" and answer.version == 4


def test_one_long_session_keeps_a_version_each_sitting_length(author, journal, settings):
    settings.JOURNAL_ANSWER_SITTING_MINUTES = 30
    browser = sitting(author)
    data = typed(browser, journal, "Before lunch")
    Answer.objects.update(sitting_started_at=timezone.now() - timedelta(minutes=29))
    data = typed(browser, journal, "Before lunch, still")
    assert kept(journal) == []
    Answer.objects.update(sitting_started_at=timezone.now() - timedelta(minutes=31))
    typed(browser, journal, "After lunch", data)
    assert kept(journal) == [(2, "Before lunch, still")]


def test_a_save_that_changes_nothing_or_is_refused_keeps_nothing(author, journal):
    first, second = sitting(author), sitting(author)
    window_a = typed(first, journal, "Calm under pressure")
    window_b = page_data(second, journal, STRENGTHS)
    assert "Saved at" not in autosave(second, journal, window_b)  # nothing changed
    typed(first, journal, "Calm under pressure, mostly", window_a)
    proud = question(journal, "sc-proud")
    window_b[f"q{proud.pk}"] = "Something else"
    assert "Not saved" in autosave(second, journal, window_b)  # refused: stale
    assert kept(journal) == []
    # Keeping "Something else" over the newer answer is a save: that answer is kept.
    window_b[f"keep{proud.pk}"] = "mine"
    assert "Saved at" in autosave(second, journal, window_b)
    assert kept(journal) == [(2, "Calm under pressure, mostly")]
    assert Answer.objects.get(journal=journal).text == "Something else"


def test_the_session_key_itself_is_never_stored(author, journal):
    browser = sitting(author)
    typed(browser, journal, "Leading the flu campaign")
    key = browser.session.session_key
    answer = Answer.objects.get(journal=journal)
    assert answer.sitting and answer.sitting not in key
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Answer._meta.db_table}")
        assert key not in repr(cursor.fetchall())


def autosave_queries(browser, journal, data, words):
    proud = question(journal, "sc-proud")
    data[f"q{proud.pk}"] = words
    with CaptureQueriesContext(connection) as queries:
        assert "Saved at" in autosave(browser, journal, data)
    return len(queries)


def test_the_autosave_costs_the_same_queries_however_many_versions_are_kept(author, journal):
    """In a sitting, no more queries than before versions were kept; a save starting a
    new sitting, one insert more (for every answer it keeps); neither grows with the
    versions kept."""
    typed(sitting(author), journal, "Leading")
    counts = []
    for more in (0, 10):
        answer = Answer.objects.get(journal=journal)
        AnswerVersion.objects.bulk_create(
            AnswerVersion(answer=answer, version=1000 + n, text="Older", saved_at=timezone.now())
            for n in range(more)
        )
        browser = sitting(author)
        data = page_data(browser, journal, STRENGTHS)
        new_sitting = autosave_queries(browser, journal, data, f"New sitting {more}")
        same_sitting = autosave_queries(browser, journal, data, f"Same sitting {more}")
        counts.append((new_sitting, same_sitting))
    assert AnswerVersion.objects.count() == 12
    assert counts[0] == counts[1] == (IN_A_SITTING + 1, IN_A_SITTING), counts


# An autosave of one changed answer in the sitting that last saved it (the same as
# before versions were kept): the session and the person, the journal with the
# section's state (one query, careers.access.own_section), its questions and answers,
# the locked answers, the compare-and-swap, the section's state, and the page's answers
# again.
IN_A_SITTING = 12  # 14 until the menu (not drawn) stopped reading roles; 13 until own_section


def test_the_manager_reading_a_shared_section_sees_only_the_latest_text(
    client, cast, author, journal
):
    typed(sitting(author), journal, "Marmalade lighthouse first thought")
    typed(sitting(author), journal, "Leading the flu campaign")
    assert [text for _, text in kept(journal)] == ["Marmalade lighthouse first thought"]
    strengths = journal.section_states.get(section__key=STRENGTHS)
    services.share_section(state=strengths, by=author)
    client.force_login(cast["line_manager"])
    page = client.get(reverse("shared-section", args=[author.pk, journal.year, STRENGTHS]))
    assert "Leading the flu campaign" in page.text
    assert "Marmalade lighthouse" not in page.text
    client.force_login(author)
    assert "Marmalade lighthouse" not in client.get(url(journal, STRENGTHS)).text
