"""Factories for a person's data out (privacy/your_data)."""

import factory

from privacy.models import DataExport, SubjectAccessRequest
from tests.factories import PersonFactory


class SubjectAccessRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubjectAccessRequest

    person = factory.SubFactory(PersonFactory)
    prepared_by = factory.SubFactory(PersonFactory, hr=True)
    reference = factory.Sequence(lambda n: f"SAR-{n:04d}")


class DataExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataExport

    person = factory.SubFactory(PersonFactory)
    requested_by = factory.SelfAttribute("person")
