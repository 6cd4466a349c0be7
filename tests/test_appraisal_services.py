"""The appraisal's states and sign-off, by its services (appraisals/appraisal/services.py,
parts.py): every transition, and every refusal leaving nothing changed."""

from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from appraisals.appraisal import parts, services
from appraisals.appraisal.content import content_hash
from appraisals.models import AppraisalObjective, RatingLevel, Signature
from tests import appraisal_setup as setup

pytestmark = pytest.mark.django_db
Status = services.Status


@pytest.fixture
def appraisal(cast):
    return setup.appraisal(cast["owner"])


def refused(code_or_words, call, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    error = caught.value
    words = " ".join(error.messages)
    assert code_or_words == getattr(error, "code", None) or code_or_words in words, words
    return words


def test_the_person_starts_preparing_with_a_discussion_for_each_active_value(cast, appraisal):
    a = services.start_preparing(appraisal=appraisal, by=cast["owner"])
    assert a.status == Status.PREPARING
    assert a.values.count() == 6  # the NHS Constitution's six values (migration 0002)
    assert [e.action for e in a.events.all()] == ["started"]
    refused("already been started", services.start_preparing, appraisal=a, by=cast["owner"])


def test_only_the_person_starts_their_appraisal(cast, appraisal):
    refused("actor", services.start_preparing, appraisal=appraisal, by=cast["line_manager"])
    assert setup.fresh(appraisal).status == Status.NOT_STARTED


def test_last_years_objectives_are_copied_for_review_from_the_latest_earlier_appraisal(cast):
    owner, year = cast["owner"], setup.appraisal_year()
    older = setup.appraisal(owner, year=year - 2)
    AppraisalObjective.objects.create(appraisal=older, what="Two years ago")
    last = setup.appraisal(owner, year=year - 1)
    AppraisalObjective.objects.create(appraisal=last, what="Run the clinic rota", order=0)
    AppraisalObjective.objects.create(appraisal=last, what="Train two new starters", order=1)
    a = services.start_preparing(appraisal=setup.appraisal(owner), by=owner)
    assert [r.what for r in a.objective_reviews.all()] == [
        "Run the clinic rota", "Train two new starters"]  # fmt: skip


def test_each_sees_the_others_words_only_after_they_submit(cast, appraisal):
    from appraisals.appraisal.content import content

    a = services.start_preparing(appraisal=appraisal, by=cast["owner"])
    a = parts.save_self_assessment(appraisal=a, by=cast["owner"], version=a.version, text="Mine")
    assert content(a)["self_assessment"] is None
    a = services.submit_self_assessment(appraisal=a, by=cast["owner"], version=a.version)
    assert a.status == Status.MANAGER_WRITING and content(a)["self_assessment"] == "Mine"
    refused("submitted", parts.save_self_assessment, appraisal=a, by=cast["owner"],
            version=a.version, text="Changed")  # fmt: skip


def test_an_empty_self_assessment_is_not_submitted(cast, appraisal):
    a = services.start_preparing(appraisal=appraisal, by=cast["owner"])
    refused("Write your self-assessment", services.submit_self_assessment, appraisal=a,
            by=cast["owner"], version=a.version)  # fmt: skip


def test_a_stale_save_is_refused_and_the_saved_text_kept(cast, appraisal):
    a = services.start_preparing(appraisal=appraisal, by=cast["owner"])
    old = a.version
    a = parts.save_self_assessment(appraisal=a, by=cast["owner"], version=old, text="First tab")
    refused("stale", parts.save_self_assessment, appraisal=a, by=cast["owner"], version=old,
            text="Second tab")  # fmt: skip
    refused("stale", parts.save_self_assessment, appraisal=a, by=cast["owner"], version="x",
            text="Tampered")  # fmt: skip
    assert setup.fresh(a).self_assessment == "First tab"


def test_the_manager_submits_only_with_meeting_date_values_rated_and_pay_recorded(cast, appraisal):
    a = setup.prepared(appraisal)
    manager = cast["line_manager"]
    words = refused("Enter the date", services.submit_manager_assessment, appraisal=a,
                    by=manager, version=a.version)  # fmt: skip
    assert "Agree a rating for every value" in words
    assert "Write your assessment" in words and "pay progression" in words
    assert setup.fresh(a).status == Status.MANAGER_WRITING
    refused("actor", services.submit_manager_assessment, appraisal=a, by=cast["owner"],
            version=a.version)  # fmt: skip


def test_the_full_walk_to_complete_seals_the_booklet_on_commit(
    cast, appraisal, django_capture_on_commit_callbacks
):
    a = setup.written(appraisal)
    assert a.status == Status.AWAITING_PERSON
    a = setup.signed_by(a, cast["owner"])
    assert a.status == Status.AWAITING_MANAGER
    with (
        mock.patch.object(services, "seal_on_completion") as seal,
        django_capture_on_commit_callbacks(execute=True),
    ):
        a = setup.signed_by(a, cast["line_manager"])
    assert a.status == Status.COMPLETE and a.completed_at
    seal.assert_called_once()
    person, appraiser = a.signatures.order_by("signed_at", "pk")
    assert (person.role, person.name, person.job_title) == (
        "person", cast["owner"].full_name, cast["owner"].job_title)  # fmt: skip
    assert appraiser.role == "appraiser" and len(appraiser.content_hash) == 64
    assert [e.action for e in a.events.all()][-2:] == ["signed", "completed"]
    refused("complete", parts.save_self_assessment, appraisal=a, by=cast["owner"],
            version=a.version, text="Late change")  # fmt: skip


def test_signing_twice_as_someone_else_stale_or_with_another_hash_changes_nothing(cast, appraisal):
    a = setup.written(appraisal)
    good = content_hash(a)
    sign = services.sign
    refused("signs first", sign, appraisal=a, by=cast["line_manager"], version=a.version,
            content_hash=good)  # the person signs first  # fmt: skip
    refused("actor", sign, appraisal=a, by=cast["other_manager"], version=a.version,
            content_hash=good)  # fmt: skip
    refused("actor", sign, appraisal=a, by=cast["hr"], version=a.version, content_hash=good)
    refused("stale", sign, appraisal=a, by=cast["owner"], version=a.version - 1, content_hash=good)
    refused("hash", sign, appraisal=a, by=cast["owner"], version=a.version, content_hash="0" * 64)
    assert not Signature.objects.exists() and setup.fresh(a).status == Status.AWAITING_PERSON
    a = setup.signed_by(a, cast["owner"])
    refused("already signed", sign, appraisal=a, by=cast["owner"], version=a.version,
            content_hash=content_hash(a))  # fmt: skip
    assert Signature.objects.count() == 1


def test_a_change_after_signing_clears_the_signature_and_waits_for_the_person_again(
    cast, appraisal
):
    a = setup.signed_by(setup.written(appraisal), cast["owner"])
    assert a.career_snapshot  # kept at the first signature
    a = parts.save_dates(appraisal=a, by=cast["line_manager"], version=a.version,
                         meeting_date=setup.held_on(a.cycle.year),
                         next_review_date=date(a.cycle.year, 12, 2))  # fmt: skip
    assert a.signatures_cleared
    a = setup.fresh(a)
    assert a.status == Status.AWAITING_PERSON and a.career_snapshot == {}
    assert a.signatures.get().cleared_at is not None
    assert a.events.last().action == "signatures_cleared"
    assert cast["line_manager"].full_name in a.events.last().detail


def test_a_signature_covers_the_career_record_as_it_was_when_first_signed(cast, appraisal):
    from careers.plan import services as plans

    a = setup.written(appraisal)
    plan = plans.plan_for(person=cast["owner"], year=a.cycle.year)
    plan.review_date = date(2030, 1, 1)
    plan.save()
    seen = content_hash(a)
    a = setup.signed_by(a, cast["owner"])
    assert a.career_snapshot["plan"]["review_date"] == "2030-01-01"
    # The booklet's own shape: a signed booklet still draws the 70/20/10 balance.
    assert "balance" in a.career_snapshot["plan"]
    plan.review_date = date(2031, 1, 1)
    plan.save()  # the live record moves on; the signed appraisal does not
    assert content_hash(setup.fresh(a)) == seen


def test_saving_the_same_words_again_is_not_a_change(cast, appraisal):
    a = setup.signed_by(setup.written(appraisal), cast["owner"])
    same = parts.save_manager_assessment(appraisal=a, by=cast["line_manager"], version=1,
                                         text="A strong year.")  # fmt: skip
    assert setup.fresh(same).status == Status.AWAITING_MANAGER
    refused("stale", parts.save_manager_assessment, appraisal=a, by=cast["line_manager"],
            version=None, text="A strong year.")  # fmt: skip


def test_reopening_needs_hr_or_an_administrator_and_a_reason(cast, appraisal):
    a = setup.complete(appraisal)
    for who in ("owner", "line_manager", "other_manager"):
        refused("actor", services.reopen, appraisal=a, by=cast[who], reason="Typo",
                version=a.version)  # fmt: skip
    refused("Enter the reason", services.reopen, appraisal=a, by=cast["hr"], reason="  ",
            version=a.version)  # fmt: skip
    assert setup.fresh(a).status == Status.COMPLETE
    a = services.reopen(appraisal=a, by=cast["hr"], reason="Wrong meeting date",
                        version=a.version)  # fmt: skip
    assert a.status == Status.MANAGER_WRITING
    assert not a.signatures.filter(cleared_at__isnull=True).exists()
    assert a.events.last().detail == "Wrong meeting date"
    refused("Only a complete", services.reopen, appraisal=a, by=cast["administrator"],
            reason="Again", version=a.version)  # fmt: skip


def test_hr_outside_the_persons_units_cannot_reopen(cast, appraisal, organisation):
    from tests.factories import PersonFactory

    a = setup.complete(appraisal)
    elsewhere = PersonFactory(hr=True, unit=organisation["other_team"])
    elsewhere.hr_scopes.create(unit=organisation["other_team"])
    refused("actor", services.reopen, appraisal=a, by=elsewhere, reason="Typo", version=a.version)


@pytest.fixture
def writing(appraisal):
    return setup.prepared(appraisal)


def test_a_rating_must_be_on_the_active_scale(cast, writing):
    retired = RatingLevel.objects.create(label="Retired point", order=99, active=False)
    discussion = writing.values.first()
    manager = cast["line_manager"]
    refused("Choose a rating from the scale", parts.save_value, discussion=discussion,
            by=manager, version=writing.version, examples="", rating=retired)  # fmt: skip
    assert discussion.rating is None


def test_the_next_review_must_come_after_the_meeting(cast, writing):
    refused("The next review date must be after the meeting date", parts.save_dates,
            appraisal=writing, by=cast["owner"], version=writing.version,
            meeting_date=date(writing.cycle.year, 6, 1),
            next_review_date=date(writing.cycle.year, 6, 1))  # fmt: skip


def test_pay_progression_not_met_needs_a_reason(cast, writing):
    refused("Give the reason", parts.save_pay_progression, appraisal=writing,
            by=cast["line_manager"], version=writing.version, outcome="not_met", reason="",
            training_confirmed=False)  # fmt: skip


def test_pay_progression_meets_needs_training_confirmed_by_both(cast, writing):
    manager = cast["line_manager"]
    refused("confirmed by you both", parts.save_pay_progression, appraisal=writing, by=manager,
            version=writing.version, outcome="meets", training_confirmed=True)  # fmt: skip
    a = parts.save_pay_progression(appraisal=writing, by=cast["owner"], version=writing.version,
                                   training_confirmed=True)  # fmt: skip
    a = parts.save_pay_progression(appraisal=a, by=manager, version=a.version, outcome="meets",
                                   training_confirmed=True)  # fmt: skip
    assert a.pay_progression == "meets"
    refused("Ask them to change that first", parts.save_pay_progression, appraisal=a,
            by=cast["owner"], version=a.version, training_confirmed=False)  # fmt: skip


def test_not_applicable_only_for_people_not_on_agenda_for_change_pay(cast, writing):
    manager = cast["line_manager"]
    refused("is on Agenda for Change pay (Band 5)", parts.save_pay_progression,
            appraisal=writing, by=manager, version=writing.version, outcome="not_applicable",
            training_confirmed=False)  # fmt: skip
    owner = cast["owner"]
    owner.pay_band = owner.PayBand.MEDICAL
    owner.save()
    a = setup.fresh(writing)
    refused("so choose not applicable", parts.save_pay_progression, appraisal=a, by=manager,
            version=a.version, outcome="not_met", reason="No",
            training_confirmed=False)  # fmt: skip
    a = parts.save_pay_progression(appraisal=a, by=manager, version=a.version,
                                   outcome="not_applicable", training_confirmed=False)  # fmt: skip
    assert a.pay_progression == "not_applicable"


def test_only_the_person_adds_a_wellbeing_note(cast, writing):
    refused("actor", parts.save_wellbeing, appraisal=writing, by=cast["line_manager"],
            version=writing.version, held=True, note="Stressed")  # fmt: skip
    a = parts.save_wellbeing(appraisal=writing, by=cast["line_manager"], version=writing.version,
                             held=True)  # fmt: skip
    a = parts.save_wellbeing(appraisal=a, by=cast["owner"], version=a.version, held=True,
                             note="Back from leave")  # fmt: skip
    assert (a.wellbeing_held, a.wellbeing_note) == (True, "Back from leave")


def test_objectives_are_added_changed_and_removed(cast, writing):
    a = parts.save_objective(appraisal=writing, by=cast["owner"], version=writing.version,
                             what="Cut waiting times", measure="Weekly report",
                             due_by=date(writing.cycle.year + 1, 3, 1),
                             supports="Service plan 2")  # fmt: skip
    objective = a.objectives.get()
    a = parts.save_objective(appraisal=a, by=cast["line_manager"], version=a.version,
                             objective=objective, what="Cut waiting times by a week",
                             measure="Weekly report", due_by=None, supports="")  # fmt: skip
    assert a.objectives.get().what == "Cut waiting times by a week"
    refused("Enter the objective", parts.save_objective, appraisal=a, by=cast["owner"],
            version=a.version, what=" ", measure="", due_by=None, supports="")  # fmt: skip
    a = parts.remove_objective(objective=objective, by=cast["owner"], version=a.version)
    assert not a.objectives.exists()


def test_a_review_outcome_must_be_one_of_the_three(cast, writing):
    from appraisals.models import ObjectiveReview

    review = ObjectiveReview.objects.create(appraisal=writing, what="Last year's")
    refused("Select whether", parts.save_review, review=review, by=cast["owner"],
            version=writing.version, outcome="smashed it", comment="")  # fmt: skip
    a = parts.save_review(review=review, by=cast["owner"], version=writing.version,
                          outcome="partly_met", comment="Half done")  # fmt: skip
    assert a.objective_reviews.get().outcome == "partly_met"


def test_prompts_come_only_from_sections_shared_with_the_line_manager(cast, appraisal):
    from careers.journal import services as journals
    from careers.models import Answer

    owner = cast["owner"]
    journal = journals.start_journal(person=owner, year=appraisal.cycle.year)
    shared = journal.section_states.get(section__key="strengths-and-challenges")
    private = journal.section_states.get(section__key="health-and-wellbeing")
    journals.share_section(state=shared, by=owner)
    Answer.objects.create(journal=journal, question=shared.section.questions.first(),
                          text="Calm in a crisis")  # fmt: skip
    Answer.objects.create(journal=journal, question=private.section.questions.first(),
                          text="PRIVATE WORDS")  # fmt: skip
    prompts = services.journal_prompts(appraisal)
    assert [p["section"] for p in prompts] == [shared.section.title]
    assert "Calm in a crisis" in str(prompts) and "PRIVATE WORDS" not in str(prompts)
    journals.withdraw_section(state=shared, by=owner)
    assert services.journal_prompts(appraisal) == []
