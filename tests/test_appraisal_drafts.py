"""Each sees the other's parts only after submitting (docs/adr/0027): the appraiser
(and HR) read nothing the person has written until they submit their self-assessment,
and the person reads nothing of the appraiser's own part (assessment, agreed ratings,
pay progression) until the appraiser submits. The person is never told a rating is
"agreed" before it is."""

from datetime import date

import pytest
from django.urls import reverse

from appraisals.appraisal import parts, services
from appraisals.models import AppraisalObjective, ObjectiveReview, RatingLevel
from tests import appraisal_setup as setup

pytestmark = pytest.mark.django_db

PERSON_DRAFT = ["NOTE-ON-SLEEP", "EXAMPLE-KINDNESS", "REVIEW-COMMENT", "OBJECTIVE-ROTA"]
APPRAISER_DRAFT = ["MANAGER-DRAFT", "REASON-TRAINING", "Does not meet the requirements"]


def url(name, a, *more):
    return reverse(f"appraisals:{name}", args=[a.pk, *more])


def pages_as(client, person, a):
    """The appraisal, its check page and its booklet as `person` reads them, as one text."""
    client.force_login(person)
    texts = [client.get(url(name, a)).content.decode()
             for name in ("appraisal", "check", "appraisal-booklet")]  # fmt: skip
    return "\n".join(texts)


def person_preparing(cast):
    """Started, with every part the person writes drafted, not submitted."""
    owner = cast["owner"]
    a = setup.appraisal(owner)
    ObjectiveReview.objects.create(appraisal=a, what="Last year's rota")
    a = services.start_preparing(appraisal=a, by=owner)
    a = parts.save_self_assessment(appraisal=a, by=owner, version=a.version, text="My year")
    a = parts.save_wellbeing(appraisal=a, by=owner, version=a.version, held=True,
                             note="NOTE-ON-SLEEP")  # fmt: skip
    a = parts.save_value(discussion=a.values.first(), by=owner, version=a.version,
                         examples="EXAMPLE-KINDNESS")  # fmt: skip
    a = parts.save_review(review=a.objective_reviews.get(), by=owner, version=a.version,
                          outcome="met", comment="REVIEW-COMMENT")  # fmt: skip
    a = parts.save_objective(appraisal=a, by=owner, version=a.version, what="OBJECTIVE-ROTA",
                             measure="", due_by=None, supports="")  # fmt: skip
    return parts.save_pay_progression(appraisal=a, by=owner, version=a.version,
                                      training_confirmed=True)  # fmt: skip


def test_the_appraiser_and_hr_read_none_of_the_persons_draft_until_they_submit(client, cast):
    a = person_preparing(cast)
    for reader in ("line_manager", "hr"):
        text = pages_as(client, cast[reader], a)
        assert [words for words in PERSON_DRAFT if words in text] == [], reader
    assert "is preparing their part" in text
    # Nor through the part's own page: the appraiser is sent back, saying why.
    client.force_login(cast["line_manager"])
    page = client.get(url("wellbeing", a), follow=True).content.decode()
    assert "NOTE-ON-SLEEP" not in page
    assert f"once {cast['owner'].full_name} has submitted their self-assessment" in page
    value = client.get(url("value", a, a.values.first().pk), follow=True).content.decode()
    assert "EXAMPLE-KINDNESS" not in value
    # The person reads all of it.
    mine = pages_as(client, cast["owner"], a)
    assert "NOTE-ON-SLEEP" in mine and "OBJECTIVE-ROTA" in mine and "REVIEW-COMMENT" in mine

    a = services.submit_self_assessment(appraisal=a, by=cast["owner"], version=a.version)
    text = pages_as(client, cast["line_manager"], a)
    assert [words for words in PERSON_DRAFT if words not in text] == []


def test_the_appraiser_changes_none_of_the_persons_parts_before_they_submit(cast):
    a = person_preparing(cast)
    manager = cast["line_manager"]
    with pytest.raises(Exception, match="has submitted their self-assessment"):
        parts.save_value(discussion=a.values.first(), by=manager, version=a.version,
                         examples="Overwritten", rating=None)  # fmt: skip
    with pytest.raises(Exception, match="has submitted their self-assessment"):
        parts.save_wellbeing(appraisal=a, by=manager, version=a.version, held=False)
    assert setup.fresh(a).wellbeing_held is True
    # The meeting can be arranged meanwhile.
    a = parts.save_dates(appraisal=a, by=manager, version=a.version,
                         meeting_date=date(a.cycle.year, 6, 1), next_review_date=None)  # fmt: skip
    assert a.meeting_date == date(a.cycle.year, 6, 1)


def appraiser_drafting(cast):
    """The person has submitted; the appraiser has rated, recorded pay and drafted."""
    a = setup.prepared(setup.appraisal(cast["owner"]))
    manager = cast["line_manager"]
    rating = RatingLevel.objects.filter(active=True).first()
    a = parts.save_manager_assessment(appraisal=a, by=manager, version=a.version,
                                      text="MANAGER-DRAFT")  # fmt: skip
    for discussion in a.values.all():
        a = parts.save_value(discussion=discussion, by=manager, version=setup.fresh(a).version,
                             examples="", rating=rating)  # fmt: skip
    a = setup.fresh(a)
    a = parts.save_pay_progression(appraisal=a, by=manager, version=a.version,
                                   outcome="not_met", reason="REASON-TRAINING",
                                   training_confirmed=False)  # fmt: skip
    return setup.fresh(a), rating


def test_the_person_reads_none_of_the_appraisers_draft_until_they_submit(client, cast):
    a, rating = appraiser_drafting(cast)
    for reader in ("owner", "hr"):
        text = pages_as(client, cast[reader], a)
        assert [words for words in APPRAISER_DRAFT if words in text] == [], reader
        assert rating.label not in text, reader
        assert "Not yet agreed" in text or "not yet agreed" in text
    client.force_login(cast["owner"])
    pay = client.get(url("pay-progression", a)).content.decode()
    assert "REASON-TRAINING" not in pay and "Recorded by your appraiser: not yet." in pay
    value = client.get(url("value", a, a.values.first().pk)).content.decode()
    assert rating.label not in value and "not yet agreed" in value

    a = parts.save_dates(appraisal=a, by=cast["line_manager"], version=a.version,
                         meeting_date=setup.held_on(a.cycle.year),
                         next_review_date=date(a.cycle.year, 12, 1))  # fmt: skip
    a = services.submit_manager_assessment(appraisal=a, by=cast["line_manager"],
                                           version=a.version)  # fmt: skip
    text = pages_as(client, cast["owner"], a)
    assert [words for words in APPRAISER_DRAFT if words not in text] == []
    client.force_login(cast["owner"])
    value = client.get(url("value", a, a.values.first().pk)).content.decode()
    assert f"Agreed rating: {rating.label}." in value


def test_the_person_is_not_told_a_rating_is_agreed_while_preparing(client, cast):
    a = services.start_preparing(appraisal=setup.appraisal(cast["owner"]), by=cast["owner"])
    client.force_login(cast["owner"])
    page = client.get(url("value", a, a.values.first().pk)).content.decode()
    assert "Agreed rating: not yet agreed" in page
    assert 'type="radio"' not in page  # the appraiser records it, at the meeting
    detail = client.get(url("appraisal", a)).content.decode()
    assert "Not yet agreed" in detail and "Not rated" not in detail
    # A rating posted by the person anyway is not theirs to give.
    top = RatingLevel.objects.order_by("-order").first()
    with pytest.raises(Exception, match="Your appraiser records the rating"):
        parts.save_value(discussion=a.values.first(), by=cast["owner"], version=a.version,
                         examples="Kind", rating=top)  # fmt: skip
    assert not AppraisalObjective.objects.exists()


@pytest.mark.parametrize("back", ["reopened by HR", "changed by the person"])
def test_an_appraisal_back_with_the_appraiser_hides_what_they_change_until_resubmitted(
    client, cast, back
):
    """Going back to the appraiser (HR reopening it, or the person changing a part after
    the appraiser submitted) makes the appraiser's part a draft again: what they change
    is not read by the person, HR or the booklet before they submit it again."""
    a = setup.appraisal(cast["owner"], cast["line_manager"])
    if back == "reopened by HR":
        a = setup.complete(a)
        a = services.reopen(appraisal=a, by=cast["hr"], reason="Wrong outcome", version=a.version)
    else:
        a = setup.written(a)  # awaiting the person's signature
        a = parts.save_objective(appraisal=a, by=a.person, version=a.version, what="Rota",
                                 measure="", due_by=None, supports="")  # fmt: skip
    a = setup.fresh(a)
    assert a.status == "manager_writing"
    a = parts.save_manager_assessment(appraisal=a, by=a.appraiser, version=a.version,
                                      text="MANAGER-DRAFT")  # fmt: skip
    for reader in ("owner", "hr"):
        assert "MANAGER-DRAFT" not in pages_as(client, cast[reader], a), reader
    assert "MANAGER-DRAFT" in pages_as(client, cast["line_manager"], a)

    a = services.submit_manager_assessment(appraisal=a, by=a.appraiser, version=a.version)
    assert "MANAGER-DRAFT" in pages_as(client, cast["owner"], a)
