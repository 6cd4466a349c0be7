"""factory-boy factories for every model, with traits for each role."""

from datetime import UTC, timedelta

import factory
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from people.models import (
    EqualityInformation,
    HRScope,
    OrganisationUnit,
    Person,
    RecordView,
    ThrottleCount,
)
from people.roles import HR_GROUP, LED_GROUP

PASSWORD = "correct-horse-battery-staple"


class OrganisationUnitFactory(factory.django.DjangoModelFactory):
    """A unit; pass `parent=` to place it under another, else it is a new root."""

    class Meta:
        model = OrganisationUnit

    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = OrganisationUnit.Kind.TEAM
    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(kwargs)
        return model_class.objects.add_child(parent, kwargs)


def _join(group_name):
    def join(person, create, extracted, **kwargs):
        if create:
            # get_or_create: transactional tests flush the groups the migration made
            person.groups.add(Group.objects.get_or_create(name=group_name)[0])

    return join


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@trellis.example")
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    job_title = "Staff Nurse"
    pay_band = Person.PayBand.BAND_5
    staff_group = Person.StaffGroup.NURSING
    unit = factory.SubFactory(OrganisationUnitFactory)
    line_manager = None
    password = factory.django.Password(PASSWORD)

    class Params:
        led = False
        hr = False
        administrator = factory.Trait(is_staff=True, is_superuser=True)

    led_group = factory.Maybe("led", factory.PostGeneration(_join(LED_GROUP)))
    hr_group = factory.Maybe("hr", factory.PostGeneration(_join(HR_GROUP)))


class HRScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HRScope

    person = factory.SubFactory(PersonFactory, hr=True)
    unit = factory.SubFactory(OrganisationUnitFactory)


class RecordViewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordView

    viewer = factory.SubFactory(PersonFactory)
    subject = factory.SubFactory(PersonFactory)
    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Person))
    object_id = factory.LazyAttribute(lambda o: str(o.subject.pk))


class ThrottleCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThrottleCount

    scope = "reset-address"
    key = factory.Sequence(lambda n: f"{n:064x}")
    window_start = factory.Faker("date_time", tzinfo=UTC)
    expires_at = factory.LazyAttribute(lambda o: o.window_start + timedelta(hours=1))
    count = 1


class EqualityInformationFactory(factory.django.DjangoModelFactory):
    """One person's equality monitoring answers (every answer given)."""

    class Meta:
        model = EqualityInformation

    person = factory.SubFactory(PersonFactory)
    ethnicity = "A"
    disability = EqualityInformation.Disability.NO
    sex = EqualityInformation.Sex.FEMALE
    date_of_birth = factory.Faker("date_between", start_date="-60y", end_date="-20y")


class EsrColumnMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.EsrColumnMapping"

    name = factory.Sequence(lambda n: f"Extract layout {n}")
    is_active = False


def _scope_of(person):
    from people.esr_import.access import scope_of

    return scope_of(person)


class EsrImportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.EsrImportRun"

    requested_by = factory.SubFactory(PersonFactory, hr=True)
    file_name = "staff.csv"
    file_digest = "0" * 64
    state_digest = "0" * 64
    # Checked for the requester's scope, as services.dry_run stores it.
    plan = factory.LazyAttribute(lambda run: {
        "new_units": [], "moved_units": [], "new_people": [], "changed": [], "leavers": [],
        "returners": [], "unchanged": 0, "problems": [], "scope": _scope_of(run.requested_by),
    })  # fmt: skip
