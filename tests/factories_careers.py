"""Factories for the careers models. The shipped bank (version 1) is loaded by a
migration; these build journals on it, or small banks of their own."""

import factory

from careers import services
from careers.models import Answer, Journal, JournalSection, Question, QuestionBank, SectionState
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
    class Meta:
        model = SectionState

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
