"""Every edit of a record that two people or two tabs can change carries its version,
and a save whose version is missing or unreadable is refused as stale (docs/adr/0006).

Every POST form of the access matrix's pages is walked (tests/forms_walk.py); each
form with a version (`version`, or `v<question>` for journal answers) is sent with
its text changed and the version left out, then with a version that is not a number.
Nothing is saved: the page comes back saying it changed after it was opened, with
the text typed still in the boxes.
"""

import re

import pytest
from django.urls import reverse

from tests import test_access_matrix
from tests.forms_walk import walk

pytestmark = pytest.mark.django_db

world = test_access_matrix.world
VERSION = re.compile(r"^(version|v\d+)$")
STALE = re.compile(r"after you opened|changed by someone else")


def versions(form):
    """The version fields of a form that edits a record (a form for a new one has none,
    or an empty one)."""
    return [name for name, value, *_ in form.fields if VERSION.match(name) and value]


def words(form):
    """The boxes for words (not links, emails or numbers)."""
    kinds = {name: kind for name, _value, kind, _attrs in form.fields}
    return [name for name in form.text_names() if kinds[name] in ("textarea", "text", "")]


def sent(client, form, typed, version):
    data = form.data(typed)
    for name in versions(form):
        data.pop(name, None)
        if version is not None:
            data[name] = [version]
    return client.post(form.action, data)


def test_a_save_without_its_version_is_refused_and_keeps_the_text(client, world):
    walked = set()
    for n, (path, role, form) in enumerate(walk(client, world)):
        if not versions(form):
            continue
        client.force_login(world[role])
        for version in (None, "two"):
            typed = {name: f"Typed in an old tab {n}.{i}" for i, name in enumerate(words(form))}
            response = sent(client, form, typed, version)
            where = f"{form.action} (version {version!r})"
            assert response.status_code == 200, f"{where} answered {response.status_code}"
            html = response.content.decode()
            assert STALE.search(html), f"{where} did not say the record changed"
            for text in typed.values():
                assert text in html, f"{where} lost {text!r}"
            page = client.get(path).content.decode()
            assert not any(text in page for text in typed.values()), f"{where} was saved"
        walked.add(form.action)
    owner, conversation = world["owner"].pk, world["conversation"].pk
    objective = [owner, world["objective"].pk]
    assert {
        reverse("journal-section", args=[world["journal"].year, "strengths-and-challenges"]),
        reverse("conversation", args=[conversation]),
        reverse("conversation-preparation", args=[conversation]),
        reverse("placement-propose", args=[owner]),
        reverse("placement-respond", args=[owner]),
        reverse("objective-edit", args=objective),
        reverse("action-edit", args=[*objective, world["action"].pk]),
        reverse("learning:cpd-edit", args=[world["cpd_entry"].pk]),
        reverse("learning:cpd-evaluate", args=[world["evaluated_entry"].pk]),
        reverse("learning:cpd-follow-up", args=[world["evaluated_entry"].pk]),
        reverse("learning:curate-edit", args=[world["draft_initiative"].pk]),
    } <= walked, " ".join(sorted(walked))
