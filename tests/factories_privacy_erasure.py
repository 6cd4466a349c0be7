"""Factories for the erasure and retention records (privacy/erasure, privacy/retention)."""

import factory

from privacy.models import Erasure, RetentionRun
from tests.factories import PersonFactory


class ErasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Erasure

    person = factory.SubFactory(PersonFactory, is_active=False)
    erased_by = factory.SubFactory(PersonFactory, administrator=True)
    reason = "Erasure request 2026-041"


class RetentionRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetentionRun
