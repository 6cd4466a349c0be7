"""ESR staff import: the dry run's report of what would change and of every row it
cannot use, and the apply doing exactly that, once (docs/esr-import.md)."""

import pytest
from django.utils import timezone

from people.esr_import import planning, services
from people.esr_import.models import EsrImportRun
from people.esr_import.reading import FileRefused
from people.models import OrganisationUnit, Person
from tests.esr_import_files import csv_bytes, row, workbook_bytes
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CLINIC = ["Demo Trust", "Operations", "Outpatients", "Clinic Admin"]
BOOKING = ["Demo Trust", "Operations", "Outpatients", "Booking"]


def dry(raw, by=None):
    return services.dry_run(raw=raw, file_name="staff.csv", by=by)


def apply(run):
    services.apply_now(run)
    run.refresh_from_db()
    return run


def reasons(run):
    return {p["line"]: p["reason"] for p in run.plan["problems"]}


@pytest.fixture
def staff(organisation):
    """A manager and two of their team, as ESR knows them."""
    manager = PersonFactory(
        unit=organisation["team"],
        assignment_number="100",
        employee_number="1",
        given_name="Mo",
        family_name="Lead",
        email="mo.lead@trust.example",
    )
    people = {"manager": manager}
    for n, (first, last) in enumerate((("Ann", "Ash"), ("Ben", "Birch")), start=2):
        people[first.lower()] = PersonFactory(
            unit=organisation["team"], line_manager=manager, assignment_number=f"10{n}",
            employee_number=str(n), given_name=first, family_name=last,
            email=f"{first}.{last}@trust.example".lower(),
        )  # fmt: skip
    return people


def extract(**changes):
    """The staff fixture's people as an extract, with `changes` (assignment → row)."""
    rows = {
        "100": row("100", "1", "Mo", "Lead", position="Staff Nurse"),
        "102": row("102", "2", "Ann", "Ash", supervisor="100"),
        "103": row("103", "3", "Ben", "Birch", supervisor="100"),
    }
    rows.update(changes)
    return [r for r in rows.values() if r is not None]


def test_the_same_file_twice_changes_nothing_the_second_time(staff, organisation):
    rows = extract(**{"104": row("104", "4", "Cat", "Cole", supervisor="102",
                                 levels=[*BOOKING, "Evening Clinic"])})  # fmt: skip
    first = dry(csv_bytes(rows))
    plan = first.plan
    assert [p["name"] for p in plan["new_people"]] == ["Cat Cole"]
    assert [u["names"][-1] for u in plan["new_units"]] == ["Evening Clinic"]
    assert plan["problems"] == [] and plan["leavers"] == []
    assert apply(first).status == EsrImportRun.Status.APPLIED
    cat = Person.objects.get(assignment_number="104")
    assert cat.line_manager == staff["ann"] and cat.unit.name == "Evening Clinic"
    assert cat.unit.path.startswith(organisation["other_team"].path)
    assert not cat.has_usable_password()

    second = dry(csv_bytes(rows))
    assert services.has_changes(second) is False
    assert second.plan["unchanged"] == 4
    history = Person.history.count()
    units = OrganisationUnit.objects.count()
    apply(second)
    assert Person.history.count() == history and OrganisationUnit.objects.count() == units


def test_changed_fields_are_shown_old_and_new_and_applied_with_history(staff):
    run = dry(csv_bytes(extract(**{"103": row("103", "3", "Ben", "Birch-Jones", supervisor="100",
                                              band="Band 6", levels=BOOKING,
                                              email="ben.birch@trust.example")})))  # fmt: skip
    (changed,) = run.plan["changed"]
    assert changed["shown"] == [
        ["Last name", "Birch", "Birch-Jones"],
        ["Pay band", "Band 5", "Band 6"],  # by name, as on every other page
        ["Unit", " > ".join(CLINIC), " > ".join(BOOKING)],
    ]
    assert Person.objects.get(pk=staff["ben"].pk).family_name == "Birch"  # nothing written yet
    apply(run)
    ben = Person.objects.get(pk=staff["ben"].pk)
    assert (ben.family_name, ben.pay_band, ben.unit.name) == ("Birch-Jones", "6", "Booking")
    assert ben.history.first().history_change_reason == "ESR import"


def test_matched_by_assignment_then_employee_number_never_by_name(staff):
    rows = extract(
        **{
            "103": None,
            "103-2": row(
                "103-2",
                "3",
                "Benjamin",
                "Birch",
                supervisor="100",
                email="ben.birch@trust.example",
            ),
        }
    )
    rows.append(row("105", "5", "Ann", "Ash", email="ann.ash2@trust.example", supervisor="100"))
    run = dry(csv_bytes(rows))
    (changed,) = run.plan["changed"]
    assert changed["id"] == staff["ben"].pk
    assert ["Assignment number", "103", "103-2"] in changed["shown"]
    assert [p["assignment_number"] for p in run.plan["new_people"]] == ["105"]  # not Ann
    apply(run)
    assert Person.objects.get(pk=staff["ben"].pk).assignment_number == "103-2"
    assert Person.objects.filter(given_name="Ann", family_name="Ash").count() == 2


def test_the_first_load_links_people_without_numbers_by_work_email(staff, organisation):
    """Someone typed in before ESR numbers were kept is matched by their work email and
    given the file's numbers; their new report, whose supervisor they are, is used too.
    Someone who has a number is never matched by email (docs/esr-import.md)."""
    typed_in = PersonFactory(unit=organisation["team"], given_name="Dee", family_name="Dunn",
                             email="dee.dunn@trust.example", assignment_number=None,
                             employee_number=None)  # fmt: skip
    rows = extract(**{
        "102": None,  # Ann's email is on Flo's row: Ann has numbers, so no match by email
        "106": row("106", "6", "Dee", "Dunn", supervisor="100"),
        "107": row("107", "7", "Eli", "East", supervisor="106"),
        "108": row("108", "8", "Flo", "Fern", email="ann.ash@trust.example", supervisor="100"),
    })  # fmt: skip
    run = dry(csv_bytes(rows))
    (changed,) = [c for c in run.plan["changed"] if c["id"] == typed_in.pk]
    assert ["Assignment number", "", "106"] in changed["shown"]
    assert ["Employee number", "", "6"] in changed["shown"]
    assert [p["assignment_number"] for p in run.plan["new_people"]] == ["107"]
    assert "belongs to another person" in reasons(run)[6]
    apply(run)
    typed_in.refresh_from_db()
    assert (typed_in.assignment_number, typed_in.employee_number) == ("106", "6")
    assert Person.objects.get(assignment_number="107").line_manager == typed_in
    assert not dry(csv_bytes(rows)).plan["changed"]  # matched by number from now on


def test_a_leaver_is_deactivated_never_deleted_and_comes_back_on_return(staff):
    run = dry(
        csv_bytes(
            extract(
                **{"103": row("103", "3", "Ben", "Birch", status="Terminate Process Assignment")}
            )
        )
    )
    assert [(p["name"], p["line"]) for p in run.plan["leavers"]] == [("Ben Birch", 4)]
    apply(run)
    ben = Person.objects.get(pk=staff["ben"].pk)
    assert ben.is_active is False
    assert ben.left_on == timezone.localdate()  # the retention rules count from it

    back = dry(csv_bytes(extract()))
    assert [p["name"] for p in back.plan["returners"]] == ["Ben Birch"]
    apply(back)
    ben = Person.objects.get(pk=staff["ben"].pk)
    assert ben.is_active is True and ben.left_on is None


def test_someone_missing_from_the_extract_leaves(staff):
    run = dry(csv_bytes(extract(**{"102": None})))
    assert [(p["name"], p["line"]) for p in run.plan["leavers"]] == [("Ann Ash", None)]
    apply(run)
    assert Person.objects.get(pk=staff["ann"].pk).is_active is False


def test_the_administrator_importing_is_not_a_leaver_for_missing_from_the_file(
    staff, organisation
):
    """An administrator with an assignment number who imports a file that does not list
    them stays active: their own import would otherwise sign them out for good."""
    administrator = PersonFactory(unit=organisation["team"], administrator=True,
                                  assignment_number="900", employee_number="90")  # fmt: skip
    run = dry(csv_bytes(extract()), by=administrator)
    assert run.plan["leavers"] == []
    # Anyone else missing from the file still leaves.
    assert [p["name"] for p in dry(csv_bytes(extract(**{"102": None})), by=administrator)
            .plan["leavers"]] == ["Ann Ash"]  # fmt: skip


def test_people_without_an_assignment_number_are_left_alone(staff, cast):
    run = dry(csv_bytes(extract()))
    assert run.plan["leavers"] == []
    assert cast["owner"].assignment_number is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (row("104", "4", "Cat", "Cole", supervisor="999"),
         "unknown supervisor: no active person has the assignment number 999"),
        (row("104", "4", "Cat", "Cole", email="cat@@trust"), "bad email address"),
        (row("104", "4", "Cat", "", supervisor="100"), "missing required field: last name"),
        (row("104", "4", "Cat", "Cole", band="Band 11"), "unknown pay band"),
        (row("104", "4x", "Cat", "Cole"), "the employee number \u201c4x\u201d is not"),
        (row("104", "4", "Cat", "Cole", start="31/02/2024"), "is not a date"),
    ],
)  # fmt: skip
def test_a_row_that_cannot_be_used_is_named_with_its_line_and_reason(staff, change, reason):
    run = dry(csv_bytes(extract(**{"104": change})))
    assert reason in reasons(run)[5]
    assert run.plan["new_people"] == []
    assert run.plan["unchanged"] == 3  # the other rows are still used


def test_a_duplicate_assignment_refuses_both_rows(staff):
    rows = [*extract(), row("103", "7", "Dee", "Dunn", supervisor="100")]
    found = reasons(dry(csv_bytes(rows)))
    assert found[4].startswith("duplicate assignment number \u201c103\u201d, also on line 5")
    assert found[5].startswith("duplicate assignment number \u201c103\u201d, also on line 4")


def test_a_line_management_loop_is_refused(staff):
    run = dry(csv_bytes(extract(**{"100": row("100", "1", "Mo", "Lead", supervisor="103")})))
    found = reasons(run)
    assert set(found) == {2, 4}
    assert found[2].startswith("a line-management loop: ")
    assert "100" in found[2] and "103" in found[2]


def test_a_new_persons_supervisor_refused_makes_them_unknown_too(staff):
    rows = extract(**{
        "104": row("104", "4", "Cat", "Cole", email="bad address", supervisor="100"),
        "105": row("105", "5", "Dan", "Dale", supervisor="104"),
    })  # fmt: skip
    found = reasons(dry(csv_bytes(rows)))
    assert "bad email address" in found[5]
    assert found[6].startswith("unknown supervisor")


def test_a_manager_change_is_in_history_and_shares_with_the_former_manager_lapse(staff, client):
    from people.consent import lapsed_shares_of
    from tests.test_consent_follows_person import share_journal_sections

    ann = staff["ann"]
    client.force_login(ann)
    shared = share_journal_sections(client, ann)
    read = shared[0].reads[0]
    client.force_login(staff["manager"])
    assert client.get(read).status_code == 200

    run = dry(csv_bytes(extract(**{"102": row("102", "2", "Ann", "Ash", supervisor="103")})))
    (changed,) = run.plan["changed"]
    assert changed["shown"] == [["Line manager", "Mo Lead (100)", "Ben Birch (103)"]]
    apply(run)
    ann.refresh_from_db()
    assert ann.line_manager == staff["ben"]
    assert ann.history.first().line_manager_id == staff["ben"].pk
    assert ann.history.all()[1].line_manager_id == staff["manager"].pk
    for manager in (staff["manager"], staff["ben"]):
        client.force_login(manager)
        assert client.get(read).status_code == 404
    assert lapsed_shares_of(ann)


def test_a_plan_made_before_the_data_changed_is_stale(staff):
    run = dry(csv_bytes(extract(**{"103": row("103", "3", "Ben", "Birch", band="Band 7",
                                              supervisor="100")})))  # fmt: skip
    Person.objects.filter(pk=staff["ann"].pk).update(job_title="Ward Clerk")
    with pytest.raises(services.Stale):
        services.confirm(run)
    run.refresh_from_db()
    assert run.status == EsrImportRun.Status.STALE
    assert Person.objects.get(pk=staff["ben"].pk).pay_band == "5"


def test_a_file_of_headings_and_no_staff_is_refused_not_everyone_a_leaver(staff):
    with pytest.raises(FileRefused, match="a heading row but no staff"):
        dry(csv_bytes([]))


def test_windows_1252_is_refused_by_name(staff):
    rows = extract(**{"104": row("104", "4", "Zoë", "Ångström", email="zoe@trust.example")})
    with pytest.raises(FileRefused, match="saved as Windows-1252"):
        dry(csv_bytes(rows, encoding="cp1252"))


def test_utf8_with_a_byte_order_mark_is_read(staff):
    rows = extract(**{"104": row("104", "4", "Zoë", "Ångström", email="zoe@trust.example",
                                 supervisor="100")})  # fmt: skip
    run = dry(csv_bytes(rows, bom=True))
    assert run.plan["problems"] == []
    assert [p["name"] for p in run.plan["new_people"]] == ["Zoë Ångström"]


def test_an_excel_workbook_is_read(staff):
    rows = extract(**{"104": row("104", "4", "Cat", "Cole", supervisor="100")})
    run = dry(workbook_bytes(rows))
    assert run.plan["problems"] == []
    assert [p["name"] for p in run.plan["new_people"]] == ["Cat Cole"]


def test_an_organisations_own_column_mapping_and_one_path_column_are_read(staff):
    """The active mapping (kept in the admin) names the headings: here in another order
    and case, with the unit in one path column instead of the six levels."""
    from tests.factories import EsrColumnMappingFactory

    EsrColumnMappingFactory(
        is_active=True, employee_number="Emp No", assignment_number="Assignment",
        first_name="Forename", last_name="Surname", email="E-mail", org_path="Org Path",
        path_separator="/", supervisor="Reports To",
    )  # fmt: skip
    header = ["reports to", "SURNAME", "Forename", "Assignment", "Emp No", "E-mail", "Org Path"]
    lines = [
        ["", "Lead", "Mo", "100", "1", "mo.lead@trust.example", " / ".join(CLINIC)],
        ["100", "Cole", "Cat", "104", "4", "cat.cole@trust.example", " / ".join(BOOKING)],
    ]
    raw = "\r\n".join(",".join(cells) for cells in [header, *lines]).encode()
    run = dry(raw)
    assert run.plan["problems"] == []
    (cat,) = run.plan["new_people"]
    assert (cat["name"], cat["unit_shown"]) == ("Cat Cole", " > ".join(BOOKING))
    assert cat["manager_shown"] == "Mo Lead (100)"
    with pytest.raises(FileRefused, match="no column headed: Emp No"):
        dry(csv_bytes(extract()))  # the default headings are no longer the mapping's


def test_a_missing_column_is_named(staff):
    raw = csv_bytes(extract()).replace(b"Work Email Address", b"Email", 1)
    with pytest.raises(FileRefused, match="no column headed: Work Email Address"):
        dry(raw)


def test_hr_rows_outside_their_scope_are_refused(staff, organisation):
    hr = PersonFactory(unit=organisation["other_team"], hr=True)
    hr.hr_scopes.create(unit=organisation["other_team"])
    rows = [
        row("102", "2", "Ann", "Ash", levels=BOOKING),  # Ann is in Clinic Admin today
        row("104", "4", "Cat", "Cole", levels=BOOKING),
        row("105", "5", "Dan", "Dale", levels=CLINIC),
    ]
    run = dry(csv_bytes(rows), by=hr)
    found = reasons(run)
    assert found[2].startswith("outside your HR scope: this person")
    assert found[4].startswith("outside your HR scope: the unit")
    assert [p["name"] for p in run.plan["new_people"]] == ["Cat Cole"]
    assert run.plan["leavers"] == []  # nobody in Booking has an assignment number


def test_units_are_created_and_moved_in_the_tree(staff, organisation):
    """Clinic Admin, named under a new "Day Services" department, moves there; a new
    team is made below it."""
    moved = ["Demo Trust", "Operations", "Day Services", "Clinic Admin"]
    rows = extract(**{
        "100": row("100", "1", "Mo", "Lead", levels=moved),
        "102": row("102", "2", "Ann", "Ash", supervisor="100", levels=moved),
        "103": row("103", "3", "Ben", "Birch", supervisor="100", levels=[*moved, "Late Shift"]),
    })  # fmt: skip
    run = dry(csv_bytes(rows))
    assert [u["names"][-1] for u in run.plan["new_units"]] == ["Day Services", "Late Shift"]
    (move,) = run.plan["moved_units"]
    assert move["from"] == " > ".join(CLINIC) and move["to"] == moved
    apply(run)
    team = OrganisationUnit.objects.get(pk=organisation["team"].pk)
    parent = OrganisationUnit.objects.get(path=team.path[: -team.steplen])
    assert parent.name == "Day Services"
    assert Person.objects.get(pk=staff["ben"].pk).unit.name == "Late Shift"
    again = dry(csv_bytes(rows))
    assert services.has_changes(again) is False


def test_an_apply_renews_the_cached_appraisal_figures(staff, organisation):
    """The apply writes in bulk (no post_save): the appraisal figures' stamp is renewed
    all the same, so HR's dashboard never shows a leaver still counted."""
    from appraisals.reports import stamp
    from tests.factories_booklet import cycle_for

    cycle = cycle_for(organisation["team"])
    before = stamp.token(cycle)
    leaving = row("103", "3", "Ben", "Birch", status="Terminate Process Assignment")
    apply(dry(csv_bytes(extract(**{"103": leaving}))))
    assert stamp.token(cycle) != before


def test_hr_cannot_change_themselves_or_anyone_with_rights_nor_bring_in_outside_managers(
    staff, organisation
):
    """A team's HR could otherwise give an administrator's account their own email (and
    reset its password), mark administrators as leavers, rename themselves, or make
    someone outside their scope the line manager of their people."""
    team = organisation["team"]
    hr = PersonFactory(unit=team, hr=True, assignment_number="110", employee_number="10",
                       given_name="Hal", family_name="Hart",
                       email="hal.hart@trust.example")  # fmt: skip
    hr.hr_scopes.create(unit=team)
    PersonFactory(unit=team, administrator=True, assignment_number="109", employee_number="9",
                  given_name="Ada", family_name="Admin",
                  email="ada.admin@trust.example")  # fmt: skip
    PersonFactory(unit=organisation["other_team"], assignment_number="120",
                  employee_number="20", given_name="Oz", family_name="Out")  # fmt: skip
    rows = extract(**{
        "109": row("109", "9", "Ada", "Admin", email="takeover@attacker.example"),
        "110": row("110", "10", "Hal", "Boss", email="hal.hart@trust.example"),
        "102": row("102", "2", "Ann", "Ash", supervisor="120"),
    })  # fmt: skip
    run = dry(csv_bytes(rows), by=hr)
    found = reasons(run)
    assert found[5] == found[6] == planning.PROTECTED  # Ada's and Hal's rows
    assert found[3] == planning.OUTSIDE_MANAGER  # Ann's row
    assert run.plan["changed"] == [] and run.plan["leavers"] == []

    # Ada and Hal, left out of the file, are not leavers either.
    assert dry(csv_bytes(extract()), by=hr).plan["leavers"] == []
    # An administrator's import may make the same changes.
    by_admin = dry(csv_bytes(rows))
    assert {"Ada Admin", "Hal Boss"} <= {entry["name"] for entry in by_admin.plan["changed"]}


def test_hr_cannot_take_over_an_account_by_its_email_or_become_a_line_manager(staff, organisation):
    """An HR import that changed an ordinary person's work email let the importer reset
    their password and read their private journal; one that named the importer as
    supervisor gave them the person's records. Both need an administrator's import."""
    team = organisation["team"]
    hr = PersonFactory(unit=team, hr=True, assignment_number="110", employee_number="10",
                       given_name="Hal", family_name="Hart",
                       email="hal.hart@trust.example")  # fmt: skip
    hr.hr_scopes.create(unit=team)
    rows = extract(**{
        "102": row("102", "2", "Ann", "Ash", email="ann@attacker.example", supervisor="100"),
        "103": row("103", "3", "Ben", "Birch", supervisor="110"),
        "104": row("104", "4", "Cat", "Cole", supervisor="110"),
        "110": row("110", "10", "Hal", "Hart"),
    })  # fmt: skip
    run = dry(csv_bytes(rows), by=hr)
    found = reasons(run)
    assert found[3] == planning.EMAIL_CHANGE  # Ann's row
    assert found[4] == found[5] == planning.IMPORTER_MANAGER  # Ben's, and new Cat's
    assert run.plan["new_people"] == [] and run.plan["changed"] == []
    by_admin = dry(csv_bytes(rows))
    assert {"Ann Ash", "Ben Birch"} <= {entry["name"] for entry in by_admin.plan["changed"]}
    assert [p["name"] for p in by_admin.plan["new_people"]] == ["Cat Cole"]
