"""One intended save makes one record, on every form (frontend.once).

Every POST form on every page of the access matrix is filled in and sent twice, as a
double click does: the second send changes nothing in the database and is answered as
the first was. Submit buttons carry NHS.UK's double-click guard.
"""

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.urls import reverse

from frontend import kept, once
from frontend.models import FormSubmission
from learning import services as learning_services
from learning.models import CPDEntry
from people.models import RecordView
from tests import test_access_matrix
from tests.forms_walk import post_forms, walk

pytestmark = pytest.mark.django_db

world = test_access_matrix.world  # the access matrix's cast, units and records

# A form answered with its page again is a second read of the record it shows
# (people.audit), not a second save.
UNCOUNTED = {FormSubmission, RecordView}


def rows():
    """How many rows each table holds (the form-token records aside)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model not in UNCOUNTED and model._meta.managed
    }


def changed(before, after):
    return {
        label: (before[label], after[label]) for label in after if after[label] != before[label]
    }


def test_every_form_sent_twice_saves_once_and_answers_the_same(client, world):
    """Also: every submit button carries NHS.UK's data-prevent-double-click."""
    created = set()
    for path, _role, form in walk(client, world):
        assert form.has(kept.ONCE_FIELD), f"{path}: the form to {form.action} has no form guard"
        for _name, _value, attrs in form.buttons:  # NHS.UK's guard in the browser
            assert attrs.get("data-prevent-double-click") == "true", (path, form.action)
            assert attrs.get("data-module") == "nhsuk-button", (path, form.action)
        data = form.data()
        before = rows()
        first = client.post(form.action, data)
        after_first = rows()
        second = client.post(form.action, data)
        assert changed(after_first, rows()) == {}, f"{path}: {form.action} saved twice"
        assert second.status_code == first.status_code, form.action
        if first.status_code == 302:
            assert second["Location"] == first["Location"], form.action
        if changed(before, after_first):
            created.add(form.action)
    owner, conversation = world["owner"].pk, world["conversation"].pk
    # The walk saved something through each form that creates a record.
    assert {
        reverse("learning:cpd-create"),
        reverse("learning:curate-create"),
        reverse("objective-add", args=[owner]),
        reverse("conversation-note", args=[conversation]),
        reverse("conversation-start", args=[owner]),
        reverse("suggestion-add", args=[owner]),
    } <= created, sorted(created)


def test_the_cpd_form_clicked_twice_makes_one_entry_and_says_so_twice(client, world):
    owner = world["owner"]
    client.force_login(owner)
    form = post_forms(client.get(reverse("learning:cpd-create")).content.decode(), "")[0]
    data = form.data({"title": "Moving and handling refresher"})
    first = client.post(reverse("learning:cpd-create"), data)
    second = client.post(reverse("learning:cpd-create"), data)
    assert CPDEntry.objects.filter(title="Moving and handling refresher").count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert [str(m) for m in get_messages(second.wsgi_request)] == ["Added to your CPD log."]


def test_a_second_click_while_the_first_is_saving_waits_and_saves_nothing(
    client, world, monkeypatch
):
    owner = world["owner"]
    client.force_login(owner)
    form = post_forms(client.get(reverse("learning:cpd-create")).content.decode(), "")[0]
    data = form.data({"title": "Sent while the first was saving"})
    monkeypatch.setattr(once, "WAIT_SECONDS", 0.5)
    record = learning_services.record_cpd
    answers = []

    def slow_record(**kwargs):
        if not answers:  # the second click arrives while the first is still being saved
            answers.append(client.post(reverse("learning:cpd-create"), data))
        return record(**kwargs)

    monkeypatch.setattr(learning_services, "record_cpd", slow_record)
    first = client.post(reverse("learning:cpd-create"), data)
    assert first.status_code == 302
    assert answers[0].status_code == 409
    assert "Your form is still being saved" in answers[0].content.decode()
    assert CPDEntry.objects.filter(title="Sent while the first was saving").count() == 1


def test_a_form_sent_back_with_errors_can_be_corrected_and_sent(client, world):
    client.force_login(world["owner"])
    page = client.get(reverse("learning:cpd-create")).content.decode()
    form = post_forms(page, "")[0]
    data = form.data({"title": ""})
    assert client.post(reverse("learning:cpd-create"), data).status_code == 200
    data["title"] = ["Corrected and sent"]
    assert client.post(reverse("learning:cpd-create"), data).status_code == 302
    assert CPDEntry.objects.filter(title="Corrected and sent").count() == 1
