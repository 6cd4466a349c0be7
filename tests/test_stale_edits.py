"""Every edit of a record that two people or two tabs can change carries its version,
and a save whose version is missing or unreadable is refused as stale (docs/adr/0006).

Every POST form of the access matrix's pages is walked (tests/forms_walk.py); each
form with a version (`version`, or `v<question>` for journal answers) is sent with
its text changed and the version left out, then with a version that is not a number.
Nothing is saved: the page comes back saying it changed after it was opened, with
the text typed still in the boxes.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db.models import F
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.html import escape

from frontend.fields import long_date
from learning.models import ImpactLevel
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


def _placement(world):
    return world["owner"].placements.get()


def _evaluation(world):
    return world["evaluated_entry"].evaluation


# For each edit form: the record behind it, and the answer another tab changes there.
CHANGED_ELSEWHERE = {
    "conversation": (lambda w: w["conversation"], "adjustments_notes"),
    "conversation-preparation": (lambda w: w["conversation"], "preparation"),
    "placement-propose": (_placement, "evidence"),
    "objective-edit": (lambda w: w["objective"], "what"),
    "action-edit": (lambda w: w["action"], "text"),
    "learning:cpd-edit": (lambda w: w["cpd_entry"], "learned"),
    "learning:cpd-evaluate": (_evaluation, "review"),
    "learning:cpd-follow-up": (_evaluation, "applied"),
    "learning:curate-edit": (lambda w: w["draft_initiative"], "description"),
}


def _change_elsewhere(record, **fields):
    """Another tab's save: the fields changed and the version moved on."""
    type(record).objects.filter(pk=record.pk).update(version=F("version") + 1, **fields)


def test_a_refused_edit_marks_each_answer_the_other_tab_changed(client, world):
    """Saving the marked answers again would overwrite the other change, so each is shown
    with what is saved now, beside its box and in the error summary (frontend/stale.py)."""
    walked = set()
    for n, (_path, role, form) in enumerate(walk(client, world)):
        name = resolve(urlsplit(form.action).path).view_name
        if name not in CHANGED_ELSEWHERE or not versions(form):
            continue
        client.force_login(world[role])
        record, field = CHANGED_ELSEWHERE[name][0](world), CHANGED_ELSEWHERE[name][1]
        theirs, mine = f"Saved in the other tab {n} & kept.", f"Typed in this tab {n}."
        extra = {"applied_at": timezone.now()} if field == "applied" else {}
        _change_elsewhere(record, **{field: theirs}, **extra)
        response = client.post(form.action, form.data({field: mine}))
        html = response.content.decode()
        assert response.status_code == 200, f"{name} answered {response.status_code}"
        marked = f"Saved now, different from your answer: “{escape(theirs)}”"
        assert html.count(marked) == 2, f"{name} did not mark {field} with what is saved now"
        box = html.index(f'name="{field}"')
        assert html.index(marked) < html.index("</ul>", html.index("nhsuk-error-summary")), name
        assert 0 < box - html.rindex(marked) < 1000, f"{name}: the mark is not by the box"
        assert f'href="#id_{field}"' in html, f"{name} did not link the marked answer"
        assert mine in html, f"{name} lost the person's text"
        record.refresh_from_db()
        assert getattr(record, field) == theirs, f"{name} saved over the other change"
        walked.add(name)
    assert walked == set(CHANGED_ELSEWHERE), sorted(walked)


def test_a_refused_placement_response_and_plan_review_date_show_what_is_saved_now(client, world):
    owner, placement = world["owner"], _placement(world)
    client.force_login(owner.line_manager)
    other = ImpactLevel.objects.exclude(pk=placement.level_id).first()
    _change_elsewhere(placement, level=other)
    response = client.post(
        reverse("placement-respond", args=[owner.pk]),
        {"decision": "disagree", "comment": "Too soon, I think.", "version": placement.version},
    )
    assert f"Saved now: “Where they are now: {other}" in response.text
    assert "Too soon, I think." in response.text
    placement.refresh_from_db()
    assert placement.status == placement.Status.PROPOSED

    # Agreeing the plan needs an agreed placement first.
    type(placement).objects.filter(pk=placement.pk).update(status=placement.Status.AGREED)
    client.force_login(owner)
    plan = world["objective"].plan
    plan_page = client.get(reverse("plan", args=[owner.pk])).context
    version = plan_page["agree_form"]["version"].value()
    theirs = timezone.localdate() + timedelta(days=40)
    _change_elsewhere(plan, review_date=theirs)
    mine = theirs + timedelta(days=1)
    data = {"review_date_0": mine.day, "review_date_1": mine.month, "review_date_2": mine.year}
    response = client.post(reverse("plan-agree", args=[owner.pk]), {**data, "version": version})
    marked = f"Saved now, different from your answer: “{long_date(theirs)}”"
    assert response.text.count(marked) == 2
    plan.refresh_from_db()
    assert plan.review_date == theirs
