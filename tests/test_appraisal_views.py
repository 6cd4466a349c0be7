"""The appraisal's pages: errors shown in the NHS.UK error summary with the text kept,
tampered fields refused plainly (never a 500), the journal's prompts, reads recorded,
and the appraisal page's query count pinned."""

import pytest
from django.urls import reverse

from appraisals.appraisal import parts
from appraisals.appraisal.content import content_hash
from appraisals.models import AppraisalObjective, RatingLevel
from people.models import RecordView
from tests import appraisal_setup as setup

pytestmark = pytest.mark.django_db


def url(name, a, *more):
    return reverse(f"appraisals:{name}", args=[a.pk, *more])


@pytest.fixture
def appraisal(cast):
    return setup.appraisal(cast["owner"])


def as_(client, person):
    client.force_login(person)
    return client


def error_summary(response):
    text = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in text, "no error summary"
    return text


def test_the_person_starts_preparing_from_their_appraisal(client, cast, appraisal):
    page = as_(client, cast["owner"]).get(reverse("appraisals:yours"), follow=True)
    assert "Start preparing" in page.content.decode()
    response = client.post(url("start", appraisal), {"version": appraisal.version}, follow=True)
    text = response.content.decode()
    assert "Your appraisal is started" in text and "Respect and dignity" in text


def test_the_self_assessment_opens_with_shared_journal_sections_only(client, cast, appraisal):
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
                          text="Sleeping badly")  # fmt: skip
    a = setup.services.start_preparing(appraisal=appraisal, by=owner)
    text = as_(client, owner).get(url("self-assessment", a)).content.decode()
    assert "Calm in a crisis" in text and shared.section.title in text
    assert "Sleeping badly" not in text and private.section.title not in text


def test_dates_out_of_order_are_shown_in_the_error_summary_with_the_dates_kept(
    client, cast, appraisal
):
    a = setup.prepared(appraisal)
    response = as_(client, cast["line_manager"]).post(url("dates", a), {
        "version": a.version,
        "meeting_date_0": "10", "meeting_date_1": "6", "meeting_date_2": str(a.cycle.year),
        "next_review_date_0": "9", "next_review_date_1": "6",
        "next_review_date_2": str(a.cycle.year),
    })  # fmt: skip
    text = error_summary(response)
    assert "The next review date must be after the meeting date" in text
    assert 'value="10"' in text and 'value="9"' in text
    assert setup.fresh(a).meeting_date is None


def test_a_stale_self_assessment_is_refused_with_the_text_kept_and_the_saved_one_shown(
    client, cast, appraisal
):
    owner = cast["owner"]
    a = setup.services.start_preparing(appraisal=appraisal, by=owner)
    opened = a.version
    parts.save_self_assessment(appraisal=a, by=owner, version=opened, text="From my other tab")
    response = as_(client, owner).post(
        url("self-assessment", a), {"version": opened, "self_assessment": "From this tab"}
    )
    text = error_summary(response)
    assert "changed in another tab" in text
    assert "From this tab" in text and "From my other tab" in text
    assert setup.fresh(a).self_assessment == "From my other tab"


@pytest.mark.parametrize("version", ["", "abc", "-1", "99999999999999999999"])
def test_a_tampered_version_is_refused_plainly_with_the_text_kept(
    client, cast, appraisal, version
):
    owner = cast["owner"]
    a = setup.services.start_preparing(appraisal=appraisal, by=owner)
    response = as_(client, owner).post(
        url("self-assessment", a), {"version": version, "self_assessment": "My year"}
    )
    text = error_summary(response)
    assert "My year" in text
    assert setup.fresh(a).self_assessment == ""


def test_a_rating_not_on_the_scale_is_refused(client, cast, appraisal):
    a = setup.prepared(appraisal)
    retired = RatingLevel.objects.create(label="Old point", order=9, active=False)
    discussion = a.values.first()
    response = as_(client, cast["line_manager"]).post(
        url("value", a, discussion.pk),
        {"version": a.version, "examples": "Kind words", "rating": retired.pk},
    )
    text = error_summary(response)
    assert "Choose a rating from the scale" in text and "Kind words" in text


def test_not_met_without_a_reason_is_refused_on_the_form(client, cast, appraisal):
    a = setup.prepared(appraisal)
    response = as_(client, cast["line_manager"]).post(
        url("pay-progression", a), {"version": a.version, "pay_progression": "not_met"}
    )
    assert "Give the reason the requirements are not met" in error_summary(response)


def test_the_manager_does_not_read_the_draft_self_assessment(client, cast, appraisal):
    owner = cast["owner"]
    a = setup.services.start_preparing(appraisal=appraisal, by=owner)
    parts.save_self_assessment(appraisal=a, by=owner, version=a.version, text="DRAFT WORDS")
    manager = as_(client, cast["line_manager"])
    assert "DRAFT WORDS" not in manager.get(url("check", a)).content.decode()
    assert manager.get(url("self-assessment", a)).status_code == 403
    assert "DRAFT WORDS" in as_(client, owner).get(url("check", a)).content.decode()


def test_submitting_without_the_meeting_date_lists_what_is_missing(client, cast, appraisal):
    a = setup.prepared(appraisal)
    response = as_(client, cast["line_manager"]).post(url("check", a), {"version": a.version})
    text = error_summary(response)
    assert "Enter the date of the appraisal meeting" in text
    assert "Agree a rating for every value" in text
    assert f'href="{url("dates", a)}"' in text  # each problem links to where it is put right
    assert "<title>Error:" in text


def test_a_stale_submit_is_refused_and_the_page_takes_the_version_saved_now(
    client, cast, appraisal
):
    owner = cast["owner"]
    a = setup.services.start_preparing(appraisal=appraisal, by=owner)
    opened = a.version
    parts.save_self_assessment(appraisal=a, by=owner, version=opened, text="Done")
    response = as_(client, owner).post(url("check", a), {"version": opened})
    assert "changed after you opened the page" in error_summary(response)
    assert f'name="version" value="{setup.fresh(a).version}"' in response.content.decode()


def test_signing_needs_the_confirmation_and_the_hash_of_what_is_saved(client, cast, appraisal):
    a = setup.written(appraisal)
    owner = as_(client, cast["owner"])
    page = owner.get(url("sign", a)).content.decode()
    assert "I confirm this is a true record" in page and content_hash(a) in page
    response = owner.post(url("sign", a), {"version": a.version, "content_hash": content_hash(a)})
    assert "Confirm that this is a true record" in error_summary(response)
    response = owner.post(
        url("sign", a), {"version": a.version, "content_hash": "f" * 64, "confirm": "on"}
    )
    text = error_summary(response)
    assert "changed while you were reading it" in text
    assert "<title>Error:" in text
    assert not a.signatures.exists()
    response = owner.post(
        url("sign", a), {"version": a.version, "content_hash": content_hash(a), "confirm": "on"},
        follow=True,
    )  # fmt: skip
    assert "You signed the appraisal" in response.content.decode()
    assert owner.get(url("sign", a), follow=True).content.decode().count("already signed") == 1


def test_a_change_after_signing_tells_the_changer_and_the_person(client, cast, appraisal):
    a = setup.signed_by(setup.written(appraisal), cast["owner"])
    manager = as_(client, cast["line_manager"])
    response = manager.post(url("objective-add", a), {
        "version": a.version, "what": "Teach two students", "measure": "", "supports": "",
    }, follow=True)  # fmt: skip
    assert "the signature no longer counts" in response.content.decode()
    home = as_(client, cast["owner"]).get("/").content.decode()
    assert "Your appraisal was changed after it was signed" in home


def test_hr_reads_the_appraisal_read_only_and_the_read_is_recorded(client, cast, appraisal):
    a = setup.prepared(appraisal)
    hr = as_(client, cast["hr"])
    assert hr.get(url("appraisal", a)).status_code == 200
    assert RecordView.objects.filter(viewer=cast["hr"], subject=cast["owner"]).exists()
    assert hr.get(url("dates", a)).status_code == 404
    assert hr.post(url("dates", a), {"version": a.version}).status_code == 404


def test_reopening_needs_a_reason_which_is_shown_on_the_appraisal(client, cast, appraisal):
    a = setup.complete(appraisal)
    hr = as_(client, cast["hr"])
    response = hr.post(url("reopen", a), {"version": a.version, "reason": " "})
    assert "Enter the reason for reopening the appraisal" in error_summary(response)
    hr.post(url("reopen", a), {"version": a.version, "reason": "The meeting date was wrong"})
    page = as_(client, cast["owner"]).get(url("appraisal", a)).content.decode()
    assert "The meeting date was wrong" in page and "Manager writing" in page


def test_the_appraisers_list_shows_the_people_whose_appraisals_they_write(client, cast, appraisal):
    text = as_(client, cast["line_manager"]).get(reverse("appraisals:to-write")).content.decode()
    assert cast["owner"].full_name in text
    assert cast["owner"].full_name not in (
        as_(client, cast["other_manager"]).get(reverse("appraisals:to-write")).content.decode()
    )


def _page_queries(client, person, a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(person)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("appraisal", a)).status_code == 200
    return len(queries)


def test_the_appraisal_page_costs_the_same_with_3_or_30_objectives(client, cast, appraisal):
    a = setup.prepared(appraisal)
    for i in range(3):
        AppraisalObjective.objects.create(appraisal=a, what=f"Objective {i}", order=i)
    few = _page_queries(client, cast["line_manager"], a)
    for i in range(3, 30):
        AppraisalObjective.objects.create(appraisal=a, what=f"Objective {i}", order=i)
    assert _page_queries(client, cast["line_manager"], a) == few


def test_the_appraisal_page_costs_the_same_with_1_or_5_years_of_earlier_appraisals(client, cast):
    owner, year = cast["owner"], setup.appraisal_year()
    setup.complete(setup.appraisal(owner, year=year - 1))
    a = setup.prepared(setup.appraisal(owner))
    one = _page_queries(client, owner, a)
    for back in range(2, 6):
        setup.complete(setup.appraisal(owner, year=year - back))
    page = client.get(url("appraisal", a)).content.decode()
    assert page.count("Appraisals ") >= 6  # every earlier year is listed
    assert _page_queries(client, owner, a) == one


def test_the_self_assessment_autosaves_and_hands_the_page_its_new_version(client, cast, appraisal):
    owner = cast["owner"]
    a = setup.services.start_preparing(appraisal=appraisal, by=owner)
    autosave = url("self-assessment-autosave", a)
    response = as_(client, owner).post(
        autosave, {"version": a.version, "self_assessment": "Half written"}, HTTP_HX_REQUEST="true"
    )
    saved = setup.fresh(a)
    assert saved.self_assessment == "Half written" and response["Trellis-All-Saved"] == "true"
    assert f'id="id_version" value="{saved.version}"' in response.content.decode()
    stale = client.post(autosave, {"version": a.version, "self_assessment": "Other tab"},
                        HTTP_HX_REQUEST="true")  # fmt: skip
    assert "Not saved" in stale.content.decode() and stale["Trellis-All-Saved"] == "false"
    assert setup.fresh(a).self_assessment == "Half written"


def test_a_signed_out_autosave_saves_nothing(client, cast, appraisal):
    a = setup.services.start_preparing(appraisal=appraisal, by=cast["owner"])
    response = client.post(url("self-assessment-autosave", a),
                           {"version": a.version, "self_assessment": "Lost?"})  # fmt: skip
    assert response.status_code == 200 and "signed out" in response.content.decode()
    assert setup.fresh(a).self_assessment == ""


def test_hr_outside_the_persons_units_finds_no_appraisal(client, cast, appraisal, organisation):
    from tests.factories import PersonFactory

    elsewhere = PersonFactory(hr=True, unit=organisation["other_team"])
    elsewhere.hr_scopes.create(unit=organisation["other_team"])
    hr = as_(client, elsewhere)
    assert hr.get(url("appraisal", appraisal)).status_code == 404
    assert hr.get(url("check", appraisal)).status_code == 404
    assert not RecordView.objects.filter(viewer=elsewhere).exists()


def test_the_person_reads_the_managers_words_only_once_submitted(client, cast, appraisal):
    a = setup.prepared(appraisal)
    parts.save_manager_assessment(appraisal=a, by=cast["line_manager"], version=a.version,
                                  text="MANAGER DRAFT")  # fmt: skip
    owner = as_(client, cast["owner"])
    assert "MANAGER DRAFT" not in owner.get(url("check", a)).content.decode()
    assert owner.get(url("manager-assessment", a)).status_code == 403


def test_the_manager_is_told_when_the_person_changes_it_after_signing(client, cast, appraisal):
    a = setup.signed_by(setup.written(appraisal), cast["owner"])
    parts.save_wellbeing(appraisal=a, by=cast["owner"], version=a.version, held=True,
                         note="Added after signing")  # fmt: skip
    home = as_(client, cast["line_manager"]).get("/").content.decode()
    # Back to the appraiser, who reads the change and submits again before both sign.
    assert "changed their appraisal after you submitted it" in home
    assert setup.fresh(a).status == "manager_writing"


def test_a_change_dealt_with_is_not_told_again(client, cast, appraisal):
    """The person changes it after signing, it goes back to the appraiser, who submits
    again: it waits for the person's signature as any submitted appraisal does. Neither
    home page still speaks of the change (only the latest event counts, not a clearing
    from an earlier round)."""
    manager, owner = cast["line_manager"], cast["owner"]
    a = setup.signed_by(setup.written(appraisal), owner)
    parts.save_wellbeing(appraisal=a, by=owner, version=a.version, held=True,
                         note="Added after signing")  # fmt: skip
    a = setup.fresh(a)
    a = setup.services.submit_manager_assessment(appraisal=a, by=manager, version=a.version)
    assert setup.fresh(a).status == "awaiting_person"
    managers = as_(client, manager).get("/").content.decode()
    assert "changed their appraisal" not in managers
    owners = as_(client, owner).get("/").content.decode()
    assert "Read and sign your appraisal" in owners
    assert "was changed after it was signed" not in owners


def test_a_clearing_before_a_change_of_line_manager_is_not_told_to_the_new_one(
    client, cast, appraisal, organisation
):
    """The appraiser changes it after the person signed, then the person's line manager
    changes: the appraisal starts again with the new one, who writes and submits it.
    Neither the new appraiser nor the person is told of the old change."""
    from tests.factories import PersonFactory

    manager, owner = cast["line_manager"], cast["owner"]
    a = setup.signed_by(setup.written(appraisal), owner)
    a = parts.save_objective(appraisal=setup.fresh(a), by=manager, version=a.version,
                             what="Teach two students", measure="", due_by=None,
                             supports="")  # fmt: skip
    assert setup.fresh(a).status == "awaiting_person"  # cleared by the old appraiser
    new = PersonFactory(unit=organisation["team"])
    owner.line_manager = new
    owner.save()
    a = setup.fresh(a)
    assert (a.status, a.appraiser_id) == ("preparing", new.pk)
    a = setup.services.submit_self_assessment(appraisal=a, by=owner, version=a.version)
    a = setup.manager_part(setup.fresh(a))
    assert setup.fresh(a).status == "awaiting_person"
    assert "changed their appraisal" not in as_(client, new).get("/").content.decode()
    owners = as_(client, owner).get("/").content.decode()
    assert "Read and sign your appraisal" in owners
    assert "was changed after it was signed" not in owners


def test_a_change_by_the_person_after_the_appraiser_submitted_goes_back_to_the_appraiser(
    client, cast, appraisal
):
    a = setup.written(appraisal)  # the appraiser has submitted: awaiting the person
    discussion = a.values.first()
    top = RatingLevel.objects.order_by("-order").first()
    response = as_(client, cast["owner"]).post(
        url("value", a, discussion.pk),
        {"version": a.version, "examples": "Changed by me", "rating": top.pk},
        follow=True,
    )
    assert "goes back to" in response.content.decode()
    a = setup.fresh(a)
    assert a.status == "manager_writing"
    assert a.events.last().action == "returned_to_appraiser"
    home = as_(client, cast["line_manager"]).get("/").content.decode()
    assert "changed their appraisal after you submitted it" in home


def test_the_pay_progression_task_is_in_progress_once_training_is_confirmed(
    client, cast, appraisal
):
    from appraisals.appraisal import services

    a = services.start_preparing(appraisal=appraisal, by=cast["owner"])
    page = as_(client, cast["owner"]).get(url("appraisal", a)).content.decode()
    assert "Pay progression (Agenda for Change)" in page
    a.training_confirmed_by_person = True
    a.save(update_fields=["training_confirmed_by_person"])
    page = as_(client, cast["owner"]).get(url("appraisal", a)).content.decode()
    task = page[page.index("Pay progression (Agenda for Change)") :][:400]
    assert "In progress" in task and "Not started" not in task


def test_a_stale_objective_is_refused_with_both_texts_shown(client, cast, appraisal):
    """The refusal shows the objective as saved now beside the text typed."""
    owner = cast["owner"]
    a = setup.services.start_preparing(appraisal=appraisal, by=owner)
    due = f"{a.cycle.year + 1}-01-31"
    a = parts.save_objective(appraisal=a, by=owner, version=a.version, what="First draft",
                             measure="", due_by=None, supports="")  # fmt: skip
    objective = AppraisalObjective.objects.get(appraisal=a)
    opened = a.version
    page = as_(client, owner).get(url("objective-edit", a, objective.pk))
    assert "First draft" in page.content.decode()
    parts.save_objective(
        appraisal=a, by=owner, version=opened, objective=objective,
        what="From my other tab", measure="", due_by=None, supports="",
    )  # fmt: skip
    day, month, year = reversed(due.split("-"))
    response = client.post(url("objective-edit", a, objective.pk), {
        "version": opened, "what": "From this tab", "measure": "", "supports": "",
        "due_by_0": day, "due_by_1": month, "due_by_2": year,
    })  # fmt: skip
    text = error_summary(response)
    assert "From this tab" in text and "From my other tab" in text
    assert AppraisalObjective.objects.get(pk=objective.pk).what == "From my other tab"
