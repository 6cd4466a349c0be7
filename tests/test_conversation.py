"""The career conversation: placement workflow, the plan, My team."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers import conversations as talk
from careers import plans, services
from careers.models import DevelopmentPlan, Placement, PlacementEvent
from learning.models import GrowthDirection, ImpactLevel, Initiative, LearningCategory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocab():
    return {
        "developing": ImpactLevel.objects.get(slug=ImpactLevel.DEVELOPING),
        "proven": ImpactLevel.objects.get(slug=ImpactLevel.PROVEN),
        "depth": GrowthDirection.objects.get(slug=GrowthDirection.DEPTH),
        "stretch": GrowthDirection.objects.get(slug=GrowthDirection.STRETCH),
        "experience": LearningCategory.objects.get(slug=LearningCategory.EXPERIENCE),
    }


def placement_fields(vocab, **overrides):
    return {
        "level": vocab["developing"], "direction": vocab["depth"],
        "evidence": "Strong one-to-ones and 360° feedback", "evidence_kinds": ["360"],
        "target_level": vocab["proven"], "target_direction": vocab["stretch"],
        "target_reason": "To lead the respiratory service", **overrides,
    }  # fmt: skip


def propose(cast, vocab, by=None, year=None, **overrides):
    return talk.propose_placement(
        person=cast["owner"], by=by or cast["line_manager"],
        year=year or services.appraisal_year(), **placement_fields(vocab, **overrides),
    )  # fmt: skip


def test_disagree_revise_agree_keeps_every_step(cast, vocab):
    placement = propose(cast, vocab)
    with pytest.raises(ValidationError):
        talk.agree_placement(placement=placement, by=cast["line_manager"], version=1)
    talk.disagree_placement(
        placement=placement, by=cast["owner"], version=1, comment="I lead already"
    )
    revised = propose(cast, vocab, version=2, level=vocab["proven"])
    talk.agree_placement(placement=revised, by=cast["owner"], version=revised.version)
    revised.refresh_from_db()
    assert revised.status == Placement.Status.AGREED
    actions = [e.action for e in PlacementEvent.objects.filter(placement=revised)]
    assert actions == ["proposed", "disagreed", "revised", "agreed"]
    assert PlacementEvent.objects.get(action="disagreed").comment == "I lead already"


def test_a_stale_response_is_refused(cast, vocab):
    placement = propose(cast, vocab)
    propose(cast, vocab, version=1, evidence="Revised evidence")
    with pytest.raises(ValidationError, match="changed by someone else"):
        talk.agree_placement(placement=placement, by=cast["owner"], version=1)


def test_disagreeing_needs_a_comment(cast, vocab):
    placement = propose(cast, vocab)
    with pytest.raises(ValidationError, match="Say why"):
        talk.disagree_placement(placement=placement, by=cast["owner"], version=1, comment=" ")


def test_another_manager_cannot_place_someone(cast, vocab):
    with pytest.raises(PermissionError):
        propose(cast, vocab, by=cast["other_manager"])


def test_placement_history_is_kept_year_by_year(client, cast, vocab):
    year = services.appraisal_year()
    old = propose(cast, vocab, year=year - 1)
    talk.agree_placement(placement=old, by=cast["owner"], version=old.version)
    propose(cast, vocab, year=year, level=vocab["proven"])
    client.force_login(cast["owner"])
    html = client.get(reverse("career-record", args=[cast["owner"].pk])).content.decode()
    assert "Earlier years" in html
    assert f"{year - 1} to {year}" in html
    assert "Now: Proven" in html  # this year's picture, in words


def test_the_picture_is_described_in_text(client, cast, vocab):
    propose(cast, vocab)
    client.force_login(cast["line_manager"])
    html = client.get(reverse("career-record", args=[cast["owner"].pk])).content.decode()
    assert 'role="img"' in html
    assert '<desc id="sfg-desc">Now: Developing' in html
    assert "In two years: Proven" in html


def test_the_placement_form_keeps_text_and_names_missing_choices(client, cast):
    client.force_login(cast["line_manager"])
    url = reverse("placement-propose", args=[cast["owner"].pk])
    response = client.post(url, {"evidence": "Great audits", "target_reason": ""})
    html = response.content.decode()
    assert "Select a growth direction" in html
    assert "Great audits" in html
    assert not Placement.objects.exists()


def plan_for_owner(cast):
    return plans.plan_for(person=cast["owner"], year=services.appraisal_year())


def objective_data(vocab, **overrides):
    target = timezone.localdate() + timedelta(days=90)
    return {
        "term": "short", "what": "Lead a ward audit", "why": "To grow into leading",
        "direction": vocab["depth"].pk, "category": vocab["experience"].pk,
        "support": ["mentoring"], "target_date_0": target.day,
        "target_date_1": target.month, "target_date_2": target.year,
        "success_measure": "Audit presented to the board", **overrides,
    }  # fmt: skip


def test_an_objective_in_the_past_or_without_direction_is_refused_with_text_kept(
    client, cast, vocab
):
    client.force_login(cast["owner"])
    url = reverse("objective-add", args=[cast["owner"].pk])
    past = timezone.localdate() - timedelta(days=1)
    data = objective_data(
        vocab, target_date_0=past.day, target_date_1=past.month, target_date_2=past.year
    )
    html = client.post(url, data).content.decode()
    assert "The target date must be today or in the future" in html
    assert "Lead a ward audit" in html
    data = objective_data(vocab, direction="")
    html = client.post(url, data).content.decode()
    assert "Select a growth direction" in html
    assert not plan_for_owner(cast).objectives.exists()


def test_an_action_needs_text(client, cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    client.force_login(cast["owner"])
    url = reverse("action-add", args=[cast["owner"].pk, goal.pk])
    html = client.post(url, {"text": "  "}).content.decode()
    assert "Enter the action" in html
    assert not goal.actions.exists()


def _fields(vocab, **overrides):
    return {
        "term": "short", "what": "Lead a ward audit", "why": "To grow",
        "direction": vocab["depth"], "category": vocab["experience"],
        "target_date": date.today() + timedelta(days=60), "success_measure": "Presented",
        **overrides,
    }  # fmt: skip


def test_a_stale_objective_edit_is_refused(client, cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    plans.save_objective(
        plan=goal.plan, by=cast["owner"], objective=goal, version=1, **_fields(vocab, why="New")
    )
    client.force_login(cast["owner"])
    url = reverse("objective-edit", args=[cast["owner"].pk, goal.pk])
    html = client.post(url, objective_data(vocab, version=1, what="My stale text")).content
    assert b"changed by someone else" in html
    assert b"My stale text" in html


def test_agreeing_then_editing_shows_changes_since_agreement(client, cast, vocab):
    plan = plan_for_owner(cast)
    goal = plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    plans.agree_plan(plan=plan, by=cast["line_manager"], review_date=date.today())
    plans.save_objective(
        plan=plan, by=cast["owner"], objective=goal, version=1,
        **_fields(vocab, success_measure="Audit published"),
    )  # fmt: skip
    client.force_login(cast["line_manager"])
    html = client.get(reverse("plan", args=[cast["owner"].pk])).content.decode()
    assert "Changed since it was agreed" in html
    assert "how success is measured" in html


def test_only_the_line_manager_agrees_and_only_with_an_objective(cast, vocab):
    plan = plan_for_owner(cast)
    with pytest.raises(ValidationError, match="at least one objective"):
        plans.agree_plan(plan=plan, by=cast["line_manager"])
    plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    with pytest.raises(PermissionError):
        plans.agree_plan(plan=plan, by=cast["owner"])
    plans.agree_plan(plan=plan, by=cast["line_manager"])
    assert plan.status == DevelopmentPlan.Status.AGREED


def test_suggestions_come_from_the_catalogue_and_add_in_one_click(client, cast, vocab):
    propose(cast, vocab)
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    client.force_login(cast["owner"])
    page = client.get(reverse("plan", args=[cast["owner"].pk]))
    suggestions = page.context["suggestions"]
    assert suggestions
    assert {s.category.slug for s in suggestions} >= {"experience"}
    chosen = suggestions[0]
    client.post(
        reverse("suggestion-add", args=[cast["owner"].pk]),
        {"objective": goal.pk, "initiative": chosen.pk},
    )
    assert goal.actions.get().initiative == chosen
    again = client.get(reverse("plan", args=[cast["owner"].pk])).context["suggestions"]
    assert chosen not in again


def test_the_balance_counts_actions_by_category(cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    plans.add_action(objective=goal, by=cast["owner"], text="Shadow the matron")
    course = Initiative.objects.published().filter(category__slug="formal-education").first()
    plans.add_action(objective=goal, by=cast["owner"], initiative=course)
    shares = {s.category.slug: s.percent for s in plans.balance([goal])}
    assert shares == {"experience": 50, "learning-from-others": 0, "formal-education": 50}


def test_progress_is_recorded_with_a_date(client, cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    client.force_login(cast["owner"])
    url = reverse("progress-add", args=[cast["owner"].pk, goal.pk])
    assert "Describe the progress" in client.post(url, {"status": "on_track"}).content.decode()
    client.post(url, {"status": "at_risk", "note": "Rota gaps"})
    goal.refresh_from_db()
    assert goal.status == "at_risk"
    assert goal.updates.get().note == "Rota gaps"


def test_preparation_notes_are_the_managers_alone(client, cast):
    conversation = talk.start_conversation(
        person=cast["owner"], by=cast["line_manager"], held_on=date.today()
    )
    url = reverse("conversation-preparation", args=[conversation.pk])
    client.force_login(cast["line_manager"])
    client.post(url, {"preparation": "Ask about the audit", "version": 1})
    client.force_login(cast["owner"])
    assert client.get(url).status_code == 404
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "Ask about the audit" not in page


def test_my_team_lists_reports_overdue_first(client, cast, vocab):
    client.force_login(cast["line_manager"])
    html = client.get(reverse("my-team")).content.decode()
    assert cast["owner"].full_name in html
    assert "Career conversation due" in html
    client.force_login(cast["administrator"])
    assert client.get(reverse("my-team")).status_code == 403


def test_my_team_says_where_each_report_is(client, cast, vocab):
    year = services.appraisal_year()
    journal = services.start_journal(person=cast["owner"], year=year)
    services.share_section(state=journal.section_states.last(), by=cast["owner"])
    # The latest past conversation and the first one booked are shown.
    for days in (-400, -30, 7, 21):
        talk.start_conversation(
            person=cast["owner"],
            by=cast["line_manager"],
            held_on=date.today() + timedelta(days=days),
        )
    propose(cast, vocab, by=cast["owner"])  # a self-assessment the manager has not answered
    plan = plans.plan_for(person=cast["owner"], year=year)
    plan.review_date = date(2020, 3, 1)
    plan.save()
    client.force_login(cast["line_manager"])
    html = client.get(reverse("my-team")).content.decode()
    row = html[html.index(cast["owner"].full_name) :]
    row = row[: row.index("</tr>")]
    assert "1 section shared" in row
    assert f"Last: {date.today() - timedelta(days=30):%-d %b %Y}" in row
    assert f"Next: {date.today() + timedelta(days=7):%-d %b %Y}" in row
    assert "Career conversation due" not in row  # one is booked
    assert "Placement awaiting your agreement" in row
    assert f"{vocab['developing'].name} / {vocab['depth'].name} (awaiting agreement)" in row
    assert "Plan review was due 1 March 2020" in row


def test_my_team_queries_do_not_grow_with_the_team(client, organisation, vocab):
    counts = []
    for size in (3, 40):
        manager = PersonFactory(unit=organisation["team"])
        for person in PersonFactory.create_batch(
            size, unit=organisation["team"], line_manager=manager
        ):
            services.start_journal(person=person, year=services.appraisal_year())
            talk.start_conversation(person=person, by=manager, held_on=date.today())
        client.force_login(manager)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my-team")).status_code == 200
        counts.append(len(queries))
    # session; person; roles (the menu); the reports with this year's journal,
    # shared sections, conversations, placement and plan (careers/team.py)
    assert counts == [4, 4], counts


def test_the_managers_home_says_conversations_are_due_and_placements_await(client, cast, vocab):
    propose(cast, vocab, by=cast["owner"])  # a self-assessment awaiting the manager
    client.force_login(cast["line_manager"])
    html = client.get(reverse("home")).content.decode()
    assert "1 career conversation is due in your team" in html
    assert f"Agree or disagree {cast['owner'].full_name}" in html


def test_a_self_assessment_starts_from_the_journals_aspirations(client, cast):
    from careers.models import Answer, Question

    journal = services.start_journal(person=cast["owner"], year=services.appraisal_year())
    grow = Question.objects.get(section__bank=journal.bank, key="as-grow")
    two_years = Question.objects.get(section__bank=journal.bank, key="as-two-years")
    Answer.objects.create(journal=journal, question=grow, choice="breadth")
    Answer.objects.create(journal=journal, question=two_years, text="Leading a community team")
    client.force_login(cast["owner"])
    form = client.get(reverse("placement-propose", args=[cast["owner"].pk])).context["form"]
    assert form.initial["target_direction"].slug == "breadth"
    assert form.initial["target_reason"] == "Leading a community team"
