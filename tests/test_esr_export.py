"""The ESR export: HR download a cycle's appraisals as a CSV in the layout
docs/esr-export.md documents. The doc's tables are read here, so the file and the doc
cannot drift apart; HR outside the cycle's units, and everyone else, find nothing."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisals.esr import services
from appraisals.models import Appraisal
from people.admin import PersonChangeForm
from people.models import RecordView
from tests.factories import OrganisationUnitFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parent.parent / "docs" / "esr-export.md"
Status = Appraisal.Status


# The documented layout, read from docs/esr-export.md ------------------------------------


def doc_table(heading):
    """The rows (lists of cell text) of the first table under `## heading` in the doc."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    return rows[2:]  # past the heading row and the |---| row


def code(cell):
    """The text between backticks in a cell, or "" for a cell without any."""
    found = re.fullmatch(r"`([^`]*)`", cell)
    return found.group(1) if found else ""


def documented_columns():
    return [(code(header), words) for _, header, words in doc_table("Columns")]


def documented_statuses():
    return {code(state): code(esr) for state, _, esr in doc_table("Appraisal Status codes")}


def documented_pay():
    return {code(value): code(esr) for value, _, esr in doc_table("Pay Progression Outcome codes")}


def test_the_doc_names_every_state_and_outcome_and_the_code_agrees():
    assert documented_columns() == services.COLUMNS
    assert set(documented_statuses()) == set(Status.values)
    assert documented_statuses() == {str(k): v for k, v in services.STATUS_CODES.items()}
    assert set(documented_pay()) == set(Appraisal.PayProgression.values)
    assert documented_pay() == {str(k): v for k, v in services.PAY_CODES.items()}


# A cycle with people in two teams ------------------------------------------------------


@pytest.fixture
def world(cast, organisation):
    team, other = organisation["team"], organisation["other_team"]
    cycle = AppraisalCycleFactory(units=[organisation["department"]], created_by=cast["hr"])
    made = {}

    def appraisal(name, unit, status, employee, assignment, **fields):
        person = PersonFactory(unit=unit, given_name=name, family_name="Tester",
                               employee_number=employee, assignment_number=assignment)  # fmt: skip
        made[name] = Appraisal.objects.create(cycle=cycle, person=person, status=status, **fields)
        return made[name]

    appraisal("Ada", team, Status.COMPLETE, "00012345", "00012345-2",
              meeting_date=date(2026, 4, 1), next_review_date=date(2026, 10, 15),
              pay_progression="meets")  # fmt: skip
    appraisal("Bea", team, Status.COMPLETE, "20000001", "20000001", pay_progression="not_met",
              meeting_date=date(2026, 5, 9))  # fmt: skip
    appraisal("Cal", team, Status.AWAITING_MANAGER, "30000001", "10000003",
              pay_progression="meets", meeting_date=date(2026, 6, 30))  # fmt: skip
    appraisal("Dee", other, Status.NOT_STARTED, "40000001", "10000004")
    appraisal("Eve", other, Status.LEFT, "50000001", "10000005", pay_progression="not_applicable")
    appraisal("Fay", other, Status.PREPARING, None, "10000006")  # no employee number
    appraisal("Gus", team, Status.MANAGER_WRITING, "70000001", None)  # no assignment number
    appraisal("Hal", team, Status.COMPLETE, "80000001", "=1+1", pay_progression="not_applicable")
    return {**cast, **organisation, "cycle": cycle, "made": made}


def page_url(cycle, **query):
    url = reverse("appraisals:cycle-esr", args=[cycle.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def download_url(cycle, **query):
    url = reverse("appraisals:cycle-esr-download", args=[cycle.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def download(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_the_file_has_the_documented_columns_codes_and_dates(client, world):
    rows = download(client, world["hr"], download_url(world["cycle"]))
    assert rows[0] == [header for header, _ in documented_columns()]
    by_employee = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    statuses, pay = documented_statuses(), documented_pay()
    for name, a in world["made"].items():
        person = a.person
        if not (person.employee_number and person.assignment_number):
            assert person.employee_number not in by_employee, name
            continue
        row = by_employee[person.employee_number]
        assert row["Appraisal Status"] == statuses[a.status], name
        signed = a.status == Status.COMPLETE
        assert row["Pay Progression Outcome"] == pay[a.pay_progression if signed else ""], name
        for header, value in (("Appraisal Date", a.meeting_date),
                              ("Next Review Date", a.next_review_date)):  # fmt: skip
            assert row[header] == (value.strftime("%d/%m/%Y") if value else ""), name
    ada = by_employee["00012345"]  # leading zeros kept, dates day first
    assert ada == {
        "Employee Number": "00012345",
        "Assignment Number": "00012345-2",
        "Appraisal Date": "01/04/2026",
        "Next Review Date": "15/10/2026",
        "Appraisal Status": "COMPLETE",
        "Pay Progression Outcome": "MEETS",
    }
    # Signed outcomes only: Cal's appraiser chose "meets" but has not signed.
    assert by_employee["30000001"]["Pay Progression Outcome"] == "NOT_RECORDED"
    assert by_employee["50000001"]["Appraisal Status"] == "LEFT"
    # A cell a spreadsheet would run is quoted by the safe-export helper.
    assert by_employee["80000001"]["Assignment Number"] == "'=1+1"


def test_rows_are_in_assignment_number_order_every_time(client, world):
    rows = download(client, world["hr"], download_url(world["cycle"]))
    assignments = [row[1] for row in rows[1:]]
    numbers = [a for a in assignments if a[0].isdigit()]  # "'=1+1" sorts by each database's rules
    assert numbers == ["00012345-2", "10000003", "10000004", "10000005", "20000001"]
    assert len(assignments) == 6
    assert download(client, world["hr"], download_url(world["cycle"])) == rows


def test_people_without_both_numbers_are_left_out_and_the_page_names_them(client, world):
    rows = download(client, world["hr"], download_url(world["cycle"]))
    assert len(rows) == 1 + 6
    assert "70000001" not in {row[0] for row in rows}
    client.force_login(world["hr"])
    page = client.get(page_url(world["cycle"])).content.decode()
    assert "The file has 6 rows" in page
    assert "2 people are left out of the file" in page
    assert "Fay Tester: no employee number" in page
    assert "Gus Tester: no assignment number" in page


def test_one_unit_includes_the_units_below_it(client, world):
    team = world["team"]
    rows = download(client, world["hr"], download_url(world["cycle"], unit=team.pk))
    assert {row[0] for row in rows[1:]} == {"00012345", "20000001", "30000001", "80000001"}
    client.force_login(world["hr"])
    page = client.get(page_url(world["cycle"], unit=team.pk)).content.decode()
    assert "The file has 4 rows" in page and "Gus Tester: no assignment number" in page
    assert "Fay Tester" not in page
    assert f'?unit={team.pk}"' in page  # the download link keeps the chosen unit
    below = OrganisationUnitFactory(name="Clinic Admin evenings", kind="team", parent=team)
    PersonFactory(unit=below, employee_number="90000001", assignment_number="10000009")
    Appraisal.objects.create(cycle=world["cycle"], person=below.members.get(),
                             status=Status.NOT_STARTED)  # fmt: skip
    rows = download(client, world["hr"], download_url(world["cycle"], unit=team.pk))
    assert "90000001" in {row[0] for row in rows[1:]}


def test_the_chooser_offers_only_the_cycle_s_units_and_those_below(client, world):
    client.force_login(world["hr"])
    page = client.get(page_url(world["cycle"])).content.decode()
    for unit in ("department", "team", "other_team"):
        assert f'value="{world[unit].pk}"' in page, unit
    for unit in ("org", "directorate"):  # above the cycle's unit: not offered
        assert f'value="{world[unit].pk}"' not in page, unit
    outside = world["directorate"].pk
    assert client.get(download_url(world["cycle"], unit=outside)).status_code == 404
    for odd in ("nonsense", "9" * 30, "-1", "1.5", "%00"):  # never a 500
        assert client.get(download_url(world["cycle"], unit=odd)).status_code == 404, odd
        assert client.get(page_url(world["cycle"], unit=odd)).status_code == 200, odd
    refused = client.get(page_url(world["cycle"], unit=outside))
    assert refused.status_code == 200
    assert "Select a unit from the list" in refused.content.decode()
    assert "Download the CSV file" not in refused.content.decode()


def test_hr_outside_the_cycle_s_units_and_other_roles_get_nothing(client, world):
    elsewhere_unit = OrganisationUnitFactory(name="Estates", kind="directorate",
                                             parent=world["org"])  # fmt: skip
    elsewhere = PersonFactory(unit=elsewhere_unit, hr=True)
    elsewhere.hr_scopes.create(unit=elsewhere_unit)
    own_cycle = AppraisalCycleFactory(units=[elsewhere_unit], created_by=elsewhere)
    cycle, team = world["cycle"], world["team"]
    urls = [page_url(cycle), download_url(cycle), download_url(cycle, unit=team.pk)]
    for user in (elsewhere, world["owner"], world["line_manager"], world["led"]):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    # Their own cycle's id with a unit of another HR team's swapped in: nothing.
    client.force_login(elsewhere)
    assert client.get(download_url(own_cycle)).status_code == 200
    assert client.get(download_url(own_cycle, unit=team.pk)).status_code == 404
    assert client.get(page_url(own_cycle, unit=team.pk)).status_code == 200  # a plain error
    assert b"Select a unit from the list" in client.get(page_url(own_cycle, unit=team.pk)).content


def test_each_appraisal_in_the_file_is_a_recorded_read(client, world):
    download(client, world["hr"], download_url(world["cycle"]))
    read = set(RecordView.objects.filter(viewer=world["hr"]).values_list("subject", flat=True))
    included = {a.person_id for a in world["made"].values()
                if a.person.employee_number and a.person.assignment_number}  # fmt: skip
    assert read == included


def test_the_cycle_page_offers_the_download(client, world):
    client.force_login(world["hr"])
    page = client.get(reverse("appraisals:cycle-detail", args=[world["cycle"].pk]))
    assert f'href="{page_url(world["cycle"])}"' in page.content.decode()


# Queries do not grow with the people --------------------------------------------------


def test_the_file_costs_the_same_queries_for_3_or_30_people(client, cast, organisation):
    cycle = AppraisalCycleFactory(units=[organisation["team"]])
    client.force_login(cast["hr"])
    built, served = [], []
    for size in (3, 30):
        while Appraisal.objects.filter(cycle=cycle).count() < size:
            n = Appraisal.objects.count() + 1
            person = PersonFactory(unit=organisation["team"], employee_number=str(n),
                                   assignment_number=f"A{n:04d}")  # fmt: skip
            Appraisal.objects.create(
                cycle=cycle, person=person, status=Status.COMPLETE, pay_progression="meets",
                meeting_date=date(2026, 5, 1),
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            export = services.build(Appraisal.objects.filter(cycle=cycle))
        assert export.count == size
        built.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(download_url(cycle))
        assert response.content.decode("utf-8-sig").count("\r\n") == size + 1
        served.append(len(queries))
    assert built == [2, 2]  # the rows, and those left out
    assert served[0] == served[1]


# The employee number on a person's record ---------------------------------------------


def person_form(person, **changes):
    data = {
        "email": person.email,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_joined": "2026-01-01 09:00",
        "is_active": "on",
        **changes,
    }
    return PersonChangeForm(data, instance=person)


def test_an_employee_number_is_digits_only_and_keeps_its_leading_zeros(organisation):
    person = PersonFactory(unit=organisation["team"])
    form = person_form(person, employee_number="1234 56a")
    assert not form.is_valid()
    assert form.errors["employee_number"] == [
        "Enter the ESR employee number using only the digits 0 to 9"
    ]
    form = person_form(person, employee_number=" 00123456\n")
    assert form.is_valid(), form.errors
    assert form.save().employee_number == "00123456"
    other = PersonFactory(unit=organisation["team"])
    assert not person_form(other, employee_number="00123456").is_valid()  # one person's
    form = person_form(other, employee_number="")
    assert form.is_valid(), form.errors
    assert form.save().employee_number is None  # empty is "not recorded", never a clash
