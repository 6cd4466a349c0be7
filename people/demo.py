"""The demo organisation: three directorates, about sixty people, every role.

Everything is looked up by a natural key before it is created, so running it
again changes nothing (except resetting demo passwords to the one given).
"""

import itertools
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from .equality.demo import seed_equality
from .identity import normalise_email
from .models import HRScope, OrganisationUnit, Person
from .roles import HR_GROUP, LED_GROUP

DOMAIN = "trellis.example"

STRUCTURE = {
    "Nursing and Patient Care": {
        "Adult Inpatient Services": ["Ward 7 Respiratory", "Ward 9 Elderly Care"],
        "Community Nursing": ["District Nursing North", "District Nursing South"],
    },
    "Operations": {
        "Outpatients": ["Outpatient Booking", "Clinic Administration"],
        "Estates and Facilities": ["Estates Maintenance", "Patient Transport"],
    },
    "Workforce and Organisational Development": {
        "Human Resources": ["HR Business Partners", "Recruitment"],
        "Learning, Education and Development": ["LED Programmes", "Leadership Academy"],
    },
}

GIVEN = [
    "Amira", "Ben", "Chloe", "Dev", "Efua", "Finn", "Grace", "Hassan", "Isla", "Jamal",
    "Kate", "Luca", "Maya", "Niall", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tomasz",
    "Uma", "Vikram", "Wen", "Yusuf", "Zara", "Aled", "Bethan", "Cerys", "Dylan", "Eleri",
]  # fmt: skip
FAMILY = [
    "Ahmed", "Brown", "Campbell", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal",
    "Jones", "Kowalski", "Lewis", "Morgan", "Nowak", "Owusu", "Patel", "Roberts", "Singh",
    "Taylor", "Williams",
]  # fmt: skip


def first_team_name():
    """The team of the demo's staff and line-manager logins: the first one built."""
    departments = next(iter(STRUCTURE.values()))
    return next(iter(departments.values()))[0]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    name: str


class _Names:
    """Deterministic, distinct names so reruns find the same people."""

    def __init__(self):
        self._count = itertools.count()

    def next(self):
        # Given names cycle fastest; family names shift each round, so the
        # first 600 pairs are all different and neighbours rarely share a name.
        n = next(self._count)
        return GIVEN[n % len(GIVEN)], FAMILY[(n + n // len(GIVEN)) % len(FAMILY)]


def _unit(name, kind, parent=None):
    units = OrganisationUnit.objects
    siblings = units.get_children(parent) if parent else units.get_root_nodes()
    existing = siblings.filter(name=name).first()
    if existing:
        return existing
    if parent:
        return OrganisationUnit.objects.add_child(parent, {"name": name, "kind": kind})
    return OrganisationUnit.objects.add_root({"name": name, "kind": kind})


def _person(names, password, unit, manager, job_title, band, group, email=None):
    given, family = names.next()
    email = normalise_email(email or f"{given}.{family}@{DOMAIN}")
    person, created = Person.objects.get_or_create(
        email=email,
        defaults={
            "given_name": given,
            "family_name": family,
            "job_title": job_title,
            "pay_band": band,
            "staff_group": group,
            "unit": unit,
            "line_manager": manager,
        },
    )
    person.set_password(password)
    person.save(update_fields=["password"])
    return person


@transaction.atomic
def seed_demo_organisation(organisation_name, password):
    """Create (or find) the demo organisation; return the logins to print."""
    names = _Names()
    Band, Group_ = Person.PayBand, Person.StaffGroup
    org = _unit(organisation_name, OrganisationUnit.Kind.ORGANISATION)
    chief = _person(names, password, org, None, "Chief Executive", Band.BAND_9, Group_.ADMIN)
    people = {"chief": chief}
    for directorate_name, departments in STRUCTURE.items():
        directorate = _unit(directorate_name, OrganisationUnit.Kind.DIRECTORATE, org)
        director = _person(
            names, password, directorate, chief, f"Director of {directorate_name}",
            Band.BAND_9, Group_.ADMIN,
        )  # fmt: skip
        for department_name, teams in departments.items():
            department = _unit(department_name, OrganisationUnit.Kind.DEPARTMENT, directorate)
            head = _person(
                names, password, department, director, f"Head of {department_name}",
                Band.BAND_8B, Group_.ADMIN,
            )  # fmt: skip
            for team_name in teams:
                team = _unit(team_name, OrganisationUnit.Kind.TEAM, department)
                lead = _person(
                    names, password, team, head, "Team Leader",
                    Band.BAND_7, Group_.NURSING,
                )  # fmt: skip
                people.setdefault("manager", lead)
                for n in range(3):
                    member = _person(
                        names, password, team, lead, "Staff Nurse" if n else "Senior Practitioner",
                        Band.BAND_5 if n else Band.BAND_6, Group_.NURSING,
                    )  # fmt: skip
                    people.setdefault("staff", member)
                people[team_name] = lead  # LED and HR join their team below

    led = _person(
        names, password, OrganisationUnit.objects.get(name="LED Programmes"),
        people["LED Programmes"],
        "Learning and Development Lead", Band.BAND_7, Group_.ADMIN,
        email=f"led@{DOMAIN}",
    )  # fmt: skip
    led.groups.add(Group.objects.get(name=LED_GROUP))
    hr = _person(
        names, password, OrganisationUnit.objects.get(name="HR Business Partners"),
        people["HR Business Partners"], "HR Business Partner", Band.BAND_7, Group_.ADMIN,
        email=f"hr@{DOMAIN}",
    )  # fmt: skip
    hr.groups.add(Group.objects.get(name=HR_GROUP))
    HRScope.objects.get_or_create(person=hr, unit=org)
    seed_equality(Person.objects.filter(is_staff=False).order_by("email"), hr)

    admin, _ = Person.objects.get_or_create(
        email=f"admin@{DOMAIN}",
        defaults={"given_name": "Trellis", "family_name": "Administrator"},
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(password)
    admin.save()

    return [
        DemoLogin("Staff member", people["staff"].email, people["staff"].full_name),
        DemoLogin("Line manager", people["manager"].email, people["manager"].full_name),
        DemoLogin("LED team", led.email, led.full_name),
        DemoLogin("HR", hr.email, hr.full_name),
        DemoLogin("Administrator", admin.email, admin.full_name),
    ]
