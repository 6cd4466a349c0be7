"""LED curate the catalogue: create, edit (stale edits refused), preview, publish, retire."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning import search, services
from learning.models import Initiative
from tests.factories import PersonFactory
from tests.factories_learning import InitiativeFactory, vocabulary


@pytest.fixture
def led(cast, client):
    client.force_login(cast["led"])
    return cast["led"]


def valid_data(**overrides):
    categories, directions, levels = vocabulary()
    data = {
        "title": "Shadow the chief nurse",
        "summary": "A day alongside the chief nurse.",
        "description": "See how a chief nurse spends a day.",
        "category": categories["experience"].pk,
        "directions": [directions["stretch"].pk],
        "levels": [levels["proven"].pk],
        "format": "shadowing",
        "cost_type": "free",
        "pay_bands": ["7", "8a"],
        "professions": ["nursing"],
        "learning_outcomes": "Understand the role\n\n  See board work  ",
        "tags": "shadowing, nursing , leadership,",
    }
    data.update(overrides)
    return data


def test_it_creates_a_draft_owned_by_the_curator(led, client):
    response = client.post(reverse("learning:curate-create"), valid_data())
    initiative = Initiative.objects.get(title="Shadow the chief nurse")
    assert response["Location"] == reverse("learning:curate-preview", args=[initiative.pk])
    assert initiative.status == Initiative.Status.DRAFT
    assert initiative.owner == led
    assert initiative.pay_bands == "7,8a"
    assert initiative.tags == "shadowing,nursing,leadership"
    assert initiative.outcome_list == ["Understand the role", "See board work"]
    assert [d.slug for d in initiative.directions.all()] == ["stretch"]
    assert initiative.history.first().history_user == led
    preview = client.get(response["Location"])
    assert "Preview: staff see this page" in preview.text
    assert "Publish" in preview.text


def test_missing_and_over_long_fields_are_named_and_the_text_is_kept(led, client):
    long_title = "T" * 201
    response = client.post(
        reverse("learning:curate-create"),
        valid_data(title=long_title, summary="", url="not a link", description="D" * 5001),
    )
    assert response.status_code == 200
    text = response.text
    assert "There is a problem" in text
    assert "Title must be 200 characters or fewer" in text
    assert "Enter a summary" in text
    assert "Enter a link in the correct format" in text
    assert "Description must be 5,000 characters or fewer" in text
    assert long_title in text  # kept in the form
    assert not Initiative.objects.filter(title=long_title).exists()


def test_a_free_initiative_with_a_cost_is_refused(led, client):
    response = client.post(reverse("learning:curate-create"), valid_data(cost_amount="10"))
    assert "Leave the cost empty for a free initiative" in response.text
    response = client.post(
        reverse("learning:curate-create"), valid_data(cost_type="funded", cost_amount="-5")
    )
    assert response.status_code == 200 and "There is a problem" in response.text


def test_it_edits_and_refuses_a_stale_edit(led, client, cast):
    initiative = InitiativeFactory(title="Original", draft=True)
    edit = reverse("learning:curate-edit", args=[initiative.pk])
    form = client.get(edit)
    assert 'name="version" value="1"' in form.text
    # Someone else saves first.
    services.update_initiative(
        initiative=initiative, fields={"title": "Theirs"}, expected_version=1, by=cast["led"]
    )
    response = client.post(edit, valid_data(title="Mine", version=1))
    assert response.status_code == 200
    assert "changed in another tab or by someone else" in response.text
    assert 'value="Mine"' in response.text  # their text is kept
    assert "Saved now, different from your answer: “Theirs”" in response.text
    initiative.refresh_from_db()
    assert initiative.title == "Theirs"
    assert initiative.version == 2
    # Having seen the warning, saving again replaces the other change.
    response = client.post(edit, valid_data(title="Mine", version=2))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, initiative.version) == ("Mine", 3)


def test_publish_and_retire_are_post_only_state_changes(led, client):
    initiative = InitiativeFactory(draft=True)
    publish = reverse("learning:curate-publish", args=[initiative.pk])
    retire = reverse("learning:curate-retire", args=[initiative.pk])
    assert client.get(publish).status_code == 405
    client.post(retire)  # a draft cannot be retired
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.DRAFT
    client.post(publish)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PUBLISHED and initiative.published_at
    client.post(retire)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.RETIRED and initiative.retired_at
    history = [h.status for h in initiative.history.order_by("history_date")]
    assert history == ["draft", "published", "retired"]
    preview = client.get(reverse("learning:curate-preview", args=[initiative.pk]))
    assert "Changed status" in preview.text


def test_publishing_twice_is_refused_with_a_message(led, client):
    initiative = InitiativeFactory()
    response = client.post(reverse("learning:curate-publish", args=[initiative.pk]), follow=True)
    assert "already published" in response.text


def test_curation_pages_refuse_everyone_but_led(cast, client):
    initiative = InitiativeFactory(draft=True)
    client.force_login(cast["administrator"])
    for url in [
        reverse("learning:curate-list"),
        reverse("learning:curate-edit", args=[initiative.pk]),
        reverse("learning:curate-export"),
    ]:
        assert client.get(url).status_code == 403
    assert client.post(reverse("learning:curate-publish", args=[initiative.pk])).status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.DRAFT


def test_the_curate_list_filters_by_status(led, client):
    InitiativeFactory(title="Waiting draft", draft=True)
    response = client.get(reverse("learning:curate-list"), {"status": "draft"})
    assert "Waiting draft" in response.text
    assert response.context["page"].paginator.count == 1
    response = client.get(reverse("learning:curate-list"), {"status": "nonsense"})
    assert response.status_code == 200


def owner_options(page):
    """(label, selected) of each choice in the owner list of a rendered form."""
    select = re.search(r'<select name="owner".*?</select>', page, re.S).group(0)
    return [
        (html.unescape(label).strip(), "selected" in attrs)
        for attrs, label in re.findall(r"<option([^>]*)>(.*?)</option>", select, re.S)
    ]


def test_the_owner_list_offers_each_person_once(led, client, cast):
    colleague = PersonFactory(led=True, given_name="Ade", family_name="Okafor")
    created = owner_options(client.get(reverse("learning:curate-create")).text)
    labels = [label for label, _ in created]
    assert f"{led.full_name} (you)" in labels and colleague.full_name in labels
    assert "Me" not in labels and led.full_name not in labels  # not twice
    assert len(labels) == len(set(labels))
    assert [label for label, selected in created if selected] == [f"{led.full_name} (you)"]
    # Editing someone else's initiative shows its owner chosen, and the curator once.
    theirs = InitiativeFactory(owner=colleague, draft=True)
    edited = owner_options(client.get(reverse("learning:curate-edit", args=[theirs.pk])).text)
    assert [label for label, selected in edited if selected] == [colleague.full_name]
    assert [label for label, _ in edited].count(f"{led.full_name} (you)") == 1
    # An owner who has left the LED team is still shown, not lost on the next save.
    colleague.groups.clear()
    edited = owner_options(client.get(reverse("learning:curate-edit", args=[theirs.pk])).text)
    assert [label for label, selected in edited if selected] == [colleague.full_name]


def test_the_pages_of_one_initiative_read_no_searched_text(led, client):
    """Its folded columns and vector are most of its row and no page shows them; the
    results page reads its title alone."""
    initiative = InitiativeFactory(title="Ward handovers", description="Long text. " * 50)
    pages = {
        name: reverse(name, args=[initiative.pk])
        for name in ["learning:initiative-detail", "learning:curate-edit",
                     "learning:curate-preview", "learning:curate-results"]
    }  # fmt: skip
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        read = " ".join(q["sql"] for q in queries if '"learning_initiative"' in q["sql"])
        assert "search_vector" not in read and "search_description" not in read, name
        if name == "learning:curate-results":
            assert '"description"' not in read and '"learning_outcomes"' not in read
    # Saved through the form read so, it is found by its new words.
    response = client.post(
        pages["learning:curate-edit"], valid_data(title="Zephyr rounds", version=1)
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.search_title == "zephyr rounds"
    assert list(search.search(Initiative.objects.all(), "zephyr")) == [initiative]
