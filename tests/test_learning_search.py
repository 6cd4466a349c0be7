"""Catalogue search finds what people type: quotes, accents and case fold, and learning
outcomes are searched, on PostgreSQL and SQLite alike (run this file on both)."""

import pytest
from django.urls import reverse

from learning import search, services
from learning.models import Initiative
from tests.factories_learning import InitiativeFactory

CATALOGUE = reverse("learning:catalogue")


@pytest.fixture
def staff(cast, client, db):
    Initiative.objects.all().delete()
    client.force_login(cast["owner"])
    return cast["owner"]


def found(client, query):
    response = client.get(CATALOGUE, {"q": query})
    assert response.status_code == 200
    return [i.title for i in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("title", "typed"),
    [
        ("Children’s safeguarding refresher", "children's"),  # typographic apostrophe
        ("Children's safeguarding refresher", "children’s"),  # and the other way round
        ("Café conversations for carers", "cafe"),
        ("Café conversations for carers", "CAFÉ"),
        ("Cafe conversations for carers", "café"),
        ("Mentoring with Siân Jones", "sian"),
        ("Mentoring with Łucja Nowak", "lucja"),
        ("Straße des Lernens", "strasse"),
        ("RESUSCITATION update", "resuscitation"),
    ],
)
def test_quotes_accents_and_case_fold(staff, client, title, typed):
    InitiativeFactory(title=title)
    InitiativeFactory(title="Something else entirely")
    assert found(client, typed) == [title]


def test_learning_outcomes_are_searched(staff, client):
    InitiativeFactory(title="Team huddles", learning_outcomes="Run a zephyr debrief\nListen well")
    InitiativeFactory(title="Other", learning_outcomes="Nothing alike")
    assert found(client, "zephyr") == ["Team huddles"]


def test_a_title_match_still_outranks_an_outcome_or_description_match(staff, client):
    InitiativeFactory(title="About rotas", description="Handover cafés on the ward")
    InitiativeFactory(title="Rotas", learning_outcomes="Plan café time")
    InitiativeFactory(title="Café handover")
    assert found(client, "cafe") == ["Café handover", "Rotas", "About rotas"]


def test_an_edit_is_searchable_at_once_and_the_old_words_are_not(staff, client, cast):
    initiative = InitiativeFactory(title="Quokka skills")
    assert found(client, "quokka") == ["Quokka skills"]  # cached under the catalogue stamp
    services.update_initiative(
        initiative=initiative,
        fields={"title": "Crème brûlée skills", "learning_outcomes": "Use a blowtorch"},
        expected_version=initiative.version,
        by=cast["led"],
    )
    assert found(client, "quokka") == []
    assert found(client, "creme brulee") == ["Crème brûlée skills"]
    assert found(client, "blowtorch") == ["Crème brûlée skills"]


def test_a_bulk_write_is_searchable_after_refresh(staff, client):
    Initiative.objects.bulk_create(
        [Initiative(title="Éclair making", summary="S", category=InitiativeFactory().category,
                    format="course", status="published")]
    )  # fmt: skip
    search.refresh(Initiative.objects.all())
    assert Initiative.objects.get(title="Éclair making").search_title == "eclair making"


def test_fold():
    assert search.fold("“Siân-Zoë” O’Néill–Nguyễn ÆON") == '"sian-zoe" o\'neill-nguyen aeon'
    assert search.fold("Αθήνα Москва") == "αθηνα москва"  # other scripts keep their letters
    assert search.fold(None) == ""
