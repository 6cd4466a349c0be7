"""Factories for the careers models. The shipped bank (version 1) is loaded by a
migration; these build journals on it, or small banks of their own."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from careers.journal import services
from careers.models import (
    Answer,
    AnswerVersion,
    Conversation,
    ConversationNote,
    DevelopmentPlan,
    Journal,
    JournalSection,
    Objective,
    Placement,
    PlacementEvent,
    PlanAction,
    PlanAgreement,
    ProgressUpdate,
    Question,
    QuestionBank,
    SectionState,
)
from learning.models import GrowthDirection, ImpactLevel, LearningCategory
from tests.factories import PersonFactory


class QuestionBankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionBank

    version = factory.Sequence(lambda n: 100 + n)
    published_at = factory.Faker("date_time", tzinfo=__import__("datetime").UTC)


class JournalSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalSection

    bank = factory.SubFactory(QuestionBankFactory)
    key = factory.Sequence(lambda n: f"section-{n}")
    stage = 1
    title = factory.Sequence(lambda n: f"Section {n}")
    order = factory.Sequence(int)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(JournalSectionFactory)
    key = factory.Sequence(lambda n: f"question-{n}")
    order = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Question {n}?")


class JournalFactory(factory.django.DjangoModelFactory):
    """A journal on the current bank, with its section states (as start_journal makes)."""

    class Meta:
        model = Journal

    person = factory.SubFactory(PersonFactory)
    year = factory.LazyFunction(services.appraisal_year)

    @classmethod
    def _create(cls, model_class, *args, person, year, **kwargs):
        return services.start_journal(person=person, year=year)


class SectionStateFactory(factory.django.DjangoModelFactory):
    """A section's state; a started journal already has one per section."""

    class Meta:
        model = SectionState
        django_get_or_create = ("journal", "section")

    journal = factory.SubFactory(JournalFactory)
    section = factory.LazyAttribute(lambda o: o.journal.bank.sections.first())


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    journal = factory.SubFactory(JournalFactory)
    question = factory.LazyAttribute(
        lambda o: Question.objects.filter(section__bank=o.journal.bank).first()
    )
    text = factory.Faker("sentence")


class AnswerVersionFactory(factory.django.DjangoModelFactory):
    """An earlier text of an answer, kept when a later sitting changed it."""

    class Meta:
        model = AnswerVersion

    answer = factory.SubFactory(AnswerFactory)
    version = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence")
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1, minutes=20))
    saved_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class ConversationFactory(factory.django.DjangoModelFactory):
    """A conversation between a person and their line manager (made if missing)."""

    class Meta:
        model = Conversation

    person = factory.SubFactory(PersonFactory, line_manager=factory.SubFactory(PersonFactory))
    manager = factory.LazyAttribute(lambda o: o.person.line_manager)
    held_on = factory.LazyFunction(date.today)


class ConversationNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationNote

    conversation = factory.SubFactory(ConversationFactory)
    author = factory.LazyAttribute(lambda o: o.conversation.person)
    stage = ConversationNote.Stage.REFLECTION
    text = factory.Faker("sentence")


class PlacementFactory(factory.django.DjangoModelFactory):
    """A placement proposed by the person's line manager, on the shipped vocabulary."""

    class Meta:
        model = Placement

    person = factory.SubFactory(PersonFactory, line_manager=factory.SubFactory(PersonFactory))
    year = factory.LazyFunction(services.appraisal_year)
    level = factory.LazyFunction(lambda: ImpactLevel.objects.get(slug=ImpactLevel.DEVELOPING))
    direction = factory.LazyFunction(lambda: GrowthDirection.objects.get(slug="depth"))
    evidence = "Strong one-to-ones"
    target_level = factory.LazyFunction(lambda: ImpactLevel.objects.get(slug=ImpactLevel.PROVEN))
    target_direction = factory.LazyFunction(lambda: GrowthDirection.objects.get(slug="stretch"))
    target_reason = "To lead a service"
    proposed_by = factory.LazyAttribute(lambda o: o.person.line_manager)

    class Params:
        agreed = factory.Trait(status=Placement.Status.AGREED)


class PlacementEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementEvent

    placement = factory.SubFactory(PlacementFactory)
    actor = factory.LazyAttribute(lambda o: o.placement.proposed_by)
    action = PlacementEvent.Action.PROPOSED


class DevelopmentPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentPlan

    person = factory.SubFactory(PersonFactory)
    year = factory.LazyFunction(services.appraisal_year)


class PlanAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAgreement

    plan = factory.SubFactory(DevelopmentPlanFactory)
    agreed_by = factory.LazyAttribute(lambda o: o.plan.person)
    plan_version = factory.LazyAttribute(lambda o: o.plan.version)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(DevelopmentPlanFactory)
    term = Objective.Term.SHORT
    what = factory.Faker("sentence")
    why = "To grow"
    direction = factory.LazyFunction(lambda: GrowthDirection.objects.get(slug="depth"))
    category = factory.LazyFunction(lambda: LearningCategory.objects.get(slug="experience"))
    target_date = factory.LazyFunction(lambda: date.today() + timedelta(days=90))
    success_measure = "Presented to the team"


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    objective = factory.SubFactory(ObjectiveFactory)
    text = factory.Faker("sentence")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    objective = factory.SubFactory(ObjectiveFactory)
    author = factory.LazyAttribute(lambda o: o.objective.plan.person)
    status = Objective.Status.ON_TRACK
    note = factory.Faker("sentence")
