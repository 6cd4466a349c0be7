"""factory-boy factories for every learning model.

The vocabulary ships with the product (a data migration), so its factories
fetch the shipped term by slug and create one only when it is missing (as in
transactional tests, which flush the migration's rows).
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from learning.cpd import appraisal_year, year_bounds
from learning.models import (
    Bookmark,
    CatalogueStamp,
    CPDEntry,
    Evaluation,
    Evidence,
    GrowthDirection,
    ImpactLevel,
    Initiative,
    LearningCategory,
    OutcomeAnswer,
)
from tests.factories import PersonFactory


class LearningCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningCategory
        django_get_or_create = ("slug",)

    slug = LearningCategory.EXPERIENCE
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    share_percent = 70
    order = 1


class GrowthDirectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrowthDirection
        django_get_or_create = ("slug",)

    slug = GrowthDirection.DEPTH
    name = factory.LazyAttribute(lambda o: o.slug.capitalize())
    order = 1


class ImpactLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactLevel
        django_get_or_create = ("slug",)

    slug = ImpactLevel.DEVELOPING
    name = factory.LazyAttribute(lambda o: o.slug.capitalize())
    colour = ImpactLevel.Colour.BLUE
    order = 2


def vocabulary():
    """The three vocabularies, as shipped (creating them if a test flushed them)."""
    shares = {
        LearningCategory.EXPERIENCE: 70,
        LearningCategory.FROM_OTHERS: 20,
        LearningCategory.FORMAL: 10,
    }
    categories = {
        slug: LearningCategoryFactory(slug=slug, share_percent=share, order=n)
        for n, (slug, share) in enumerate(shares.items(), start=1)
    }
    directions = {
        slug: GrowthDirectionFactory(slug=slug, order=n)
        for n, slug in enumerate(
            [GrowthDirection.DEPTH, GrowthDirection.BREADTH, GrowthDirection.STRETCH], 1
        )
    }
    colours = ["green", "blue", "purple"]
    levels = {
        slug: ImpactLevelFactory(slug=slug, order=n, colour=colours[n - 1])
        for n, slug in enumerate(
            [ImpactLevel.CONSOLIDATING, ImpactLevel.DEVELOPING, ImpactLevel.PROVEN], 1
        )
    }
    return categories, directions, levels


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A published initiative; pass `directions=[...]`, `levels=[...]` (terms or slugs)."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    summary = "A short summary of the initiative."
    description = "A longer description of what the initiative involves."
    category = factory.SubFactory(LearningCategoryFactory)
    format = Initiative.Format.COURSE
    cost_type = Initiative.Cost.FREE
    status = Initiative.Status.PUBLISHED
    owner = None

    class Params:
        draft = factory.Trait(status=Initiative.Status.DRAFT)
        retired = factory.Trait(status=Initiative.Status.RETIRED)

    @factory.post_generation
    def directions(self, create, extracted, **kwargs):
        if create and extracted:
            self.directions.set(
                [d if isinstance(d, GrowthDirection) else GrowthDirectionFactory(slug=d)
                 for d in extracted]
            )  # fmt: skip

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create and extracted:
            self.levels.set(
                [lv if isinstance(lv, ImpactLevel) else ImpactLevelFactory(slug=lv)
                 for lv in extracted]
            )  # fmt: skip


class BookmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bookmark

    person = factory.SubFactory(PersonFactory)
    initiative = factory.SubFactory(InitiativeFactory)


def this_year_week_ago():
    """A week ago, but not before this appraisal year began: the log opens on this
    year, and an entry from last year would leave it empty in the first week of April."""
    today = timezone.localdate()
    return max(today - timedelta(days=7), year_bounds(appraisal_year(today))[0])


class CPDEntryFactory(factory.django.DjangoModelFactory):
    """A finished entry in someone's CPD log, from free text unless given an initiative."""

    class Meta:
        model = CPDEntry

    person = factory.SubFactory(PersonFactory)
    initiative = None
    title = factory.Sequence(lambda n: f"Learning {n}")
    category = factory.SubFactory(LearningCategoryFactory)
    started_on = factory.LazyFunction(this_year_week_ago)
    ended_on = None
    hours = Decimal("3.5")
    learned = "How to run a handover."
    apply = "At every shift change."
    done = True
    shared_with_manager = False
    # As the share service records it: consent to the line manager of the day.
    shared_with = factory.LazyAttribute(
        lambda o: o.person.line_manager if o.shared_with_manager else None
    )


PDF_BYTES = b"%PDF-1.4\n% a tiny test file\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    entry = factory.SubFactory(CPDEntryFactory)
    file = factory.django.FileField(filename="certificate.pdf", data=PDF_BYTES)
    name = "certificate.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class EvaluationFactory(factory.django.DjangoModelFactory):
    """An evaluation of a finished entry from the catalogue; its follow-up falls due 90
    days after the entry finished."""

    class Meta:
        model = Evaluation

    entry = factory.SubFactory(
        CPDEntryFactory,
        initiative=factory.SubFactory(
            InitiativeFactory, learning_outcomes="Run a handover\nSpot a risk early"
        ),
    )
    initiative = factory.LazyAttribute(lambda o: o.entry.initiative)
    rating = 4
    review = "Useful and practical."
    follow_up_due = factory.LazyAttribute(
        lambda o: (o.entry.ended_on or o.entry.started_on) + timedelta(days=90)
    )


class OutcomeAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeAnswer

    evaluation = factory.SubFactory(EvaluationFactory)
    position = factory.Sequence(lambda n: n + 1)
    outcome = "Run a handover"
    achieved = OutcomeAnswer.Achieved.FULLY
    note = ""


class CatalogueStampFactory(factory.django.DjangoModelFactory):
    """The catalogue's one-row change stamp (a migration may already have made it)."""

    class Meta:
        model = CatalogueStamp
        django_get_or_create = ("pk",)

    pk = 1
    token = factory.Faker("hexify", text="^" * 32)
