"""Factories for the appraisals models. The shipped values and rating scale are loaded
by a migration; these build cycles and appraisals on them, or values of their own."""

import hashlib
from datetime import date

import factory

from appraisals.models import (
    Appraisal,
    AppraisalCycle,
    AppraisalEvent,
    AppraisalObjective,
    BookletExport,
    BookletExportItem,
    CycleRun,
    FiguresStamp,
    ObjectiveReview,
    OrganisationValue,
    RatingLevel,
    ReminderPreference,
    ReminderSent,
    SealedBooklet,
    Signature,
    ValueDiscussion,
)
from tests.factories import OrganisationUnitFactory, PersonFactory


class AppraisalCycleFactory(factory.django.DjangoModelFactory):
    """An open cycle for one unit in the appraisal year starting April 2026."""

    class Meta:
        model = AppraisalCycle
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Appraisals 2026 to 2027 ({n})")
    year = 2026
    opens_on = date(2026, 4, 1)
    closes_on = date(2027, 3, 31)
    status = AppraisalCycle.Status.OPEN
    created_by = factory.SubFactory(PersonFactory)

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create:
            self.units.set(extracted or [OrganisationUnitFactory()])


class FiguresStampFactory(factory.django.DjangoModelFactory):
    """A cycle's figures stamp (a saved cycle has one already: it is fetched)."""

    class Meta:
        model = FiguresStamp
        django_get_or_create = ("cycle",)

    cycle = factory.SubFactory(AppraisalCycleFactory)
    token = factory.Faker("hexify", text="^" * 32)


class CycleRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleRun

    cycle = factory.SubFactory(AppraisalCycleFactory)
    kind = CycleRun.Kind.OPEN
    requested_by = factory.SubFactory(PersonFactory)


class OrganisationValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationValue

    name = factory.Sequence(lambda n: f"Value {n}")
    behaviours = "Shows it every day."
    order = factory.Sequence(lambda n: 100 + n)


class RatingLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingLevel

    label = factory.Sequence(lambda n: f"Rating {n}")
    order = factory.Sequence(lambda n: 100 + n)


class AppraisalFactory(factory.django.DjangoModelFactory):
    """A person's appraisal, their line manager as appraiser."""

    class Meta:
        model = Appraisal

    cycle = factory.SubFactory(AppraisalCycleFactory)
    person = factory.SubFactory(PersonFactory)
    appraiser = factory.SubFactory(PersonFactory)


class ValueDiscussionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ValueDiscussion

    appraisal = factory.SubFactory(AppraisalFactory)
    value = factory.SubFactory(OrganisationValueFactory)
    examples = "Covered for a colleague on a busy ward."


class AppraisalObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalObjective

    appraisal = factory.SubFactory(AppraisalFactory)
    what = factory.Sequence(lambda n: f"Objective {n}")
    measure = "Audit results"
    due_by = date(2027, 3, 31)


class ObjectiveReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObjectiveReview

    appraisal = factory.SubFactory(AppraisalFactory)
    what = factory.Sequence(lambda n: f"Last year's objective {n}")
    outcome = AppraisalObjective.Outcome.MET


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    appraisal = factory.SubFactory(AppraisalFactory)
    signer = factory.SelfAttribute("appraisal.person")
    role = Signature.Role.PERSON
    name = factory.LazyAttribute(lambda s: s.signer.full_name)
    appraisal_version = 1
    content_hash = hashlib.sha256(b"appraisal").hexdigest()


class AppraisalEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalEvent

    appraisal = factory.SubFactory(AppraisalFactory)
    actor = factory.SelfAttribute("appraisal.person")
    action = "started"


class SealedBookletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SealedBooklet

    appraisal = factory.SubFactory(AppraisalFactory)
    appraisal_version = 1
    file = factory.django.FileField(filename="booklet.pdf", data=b"%PDF-1.7\n")
    sha256 = hashlib.sha256(b"%PDF-1.7\n").hexdigest()


class BookletExportFactory(factory.django.DjangoModelFactory):
    """HR's export of a unit's booklets, queued."""

    class Meta:
        model = BookletExport

    cycle = factory.SubFactory(AppraisalCycleFactory)
    unit = factory.SubFactory(OrganisationUnitFactory)
    requested_by = factory.SubFactory(PersonFactory, hr=True)
    total = 1
    chunks = 1


class BookletExportItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookletExportItem

    export = factory.SubFactory(BookletExportFactory)
    appraisal = factory.SubFactory(AppraisalFactory, cycle=factory.SelfAttribute("..export.cycle"))
    chunk = 0


class ReminderSentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderSent

    person = factory.SubFactory(PersonFactory)
    kind = ReminderSent._meta.get_field("kind").choices[0][0]
    week = date(2026, 11, 30)
    run = factory.Faker("uuid4", cast_to=None)


class ReminderPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderPreference

    person = factory.SubFactory(PersonFactory)
