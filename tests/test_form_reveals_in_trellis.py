"""Trellis's own forms use the pack's reveals and item hints (NHS.UK question patterns):
"Tell us more" under "Yes", notes on adjustments under "Adjustments needed", and the
Scope for Growth and 70/20/10 terms explained under their radios."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from careers.conversation.forms import ConversationForm, ObjectiveForm, PlacementForm
from careers.journal import services
from careers.models import Question
from learning.models import GrowthDirection, ImpactLevel, LearningCategory

pytestmark = pytest.mark.django_db

CRISPY = Template("{% load crispy_forms_tags %}{{ form|crispy }}")
CONDITIONAL = re.compile(
    r'<div class="nhsuk-radios__conditional[^"]*" id="([^"]+)">(.*?)\n    </div>', re.S
)


def render(form):
    return CRISPY.render(Context({"form": form}))


def test_adjustment_notes_are_revealed_under_adjustments_needed_and_shown_once():
    html = render(ConversationForm(initial={"version": 0}))
    assert html.count('name="adjustments_notes"') == 1
    ((reveal_id, inside),) = CONDITIONAL.findall(html)
    assert 'name="adjustments_notes"' in inside
    needed = re.search(r'<input[^>]*value="yes"[^>]*>', html)[0]
    assert f'data-aria-controls="{reveal_id}"' in needed


def test_notes_saved_under_another_answer_stay_in_view():
    form = ConversationForm(
        initial={"version": 0, "adjustments": "no", "adjustments_notes": "Agreed a later start"}
    )
    html = render(form)
    assert "nhsuk-radios__conditional" not in html
    assert "Agreed a later start" in html


def test_journal_tell_us_more_is_revealed_under_yes(client, cast):
    author = cast["owner"]
    journal = services.start_journal(person=author, year=services.appraisal_year())
    client.force_login(author)
    html = client.get(reverse("journal-section", args=[journal.year, "health-and-wellbeing"]))
    html = html.content.decode()
    question = Question.objects.get(section__bank=journal.bank, key="hw-adjustments")
    assert html.count(f'name="q{question.pk}"') == 1
    ((_, inside),) = CONDITIONAL.findall(html)
    assert f'name="q{question.pk}"' in inside and "Tell us more" in inside
    # Other choice questions keep their box in view: they have no "yes".
    assert html.count('class="nhsuk-radios__conditional') == 1


def test_scope_for_growth_and_70_20_10_terms_are_explained_under_their_radios():
    placement = render(PlacementForm(initial={"version": 0}))
    for level in ImpactLevel.objects.all():
        assert level.description in placement
    for direction in GrowthDirection.objects.all():
        assert direction.description in placement
    assert placement.count("nhsuk-radios__hint") == 2 * (
        ImpactLevel.objects.count() + GrowthDirection.objects.count()
    )
    objective = render(ObjectiveForm(initial={"version": 0}))
    for category in LearningCategory.objects.all():
        assert category.description in objective
