"""Who reaches a person's data out: a person only their own copies, HR only for people
of their scope (recorded as a subject access request and told to the person), nobody
another's copy by swapping ids; and "Who has looked at your records", linked from
"Your data", in plain words."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.timezone import localdate

from people.models import RecordView
from privacy.models import DataExport, SubjectAccessRequest
from privacy.your_data import archive, services
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BOOKLET_EXPORT_RECYCLE_EVERY = 0


def ready(person, by=None):
    export = services.start(by=by or person, person=person, reference="SAR-2026-014")
    archive.build(export_id=export.pk)
    export.refresh_from_db()
    return export


def urls(export):
    return [reverse("privacy:your-data-progress", args=[export.token]),
            reverse("privacy:your-data-download", args=[export.token])]  # fmt: skip


@pytest.mark.django_db
def test_hr_prepares_a_copy_the_person_is_told_and_the_download_is_a_read(client, cast):
    owner, hr = cast["owner"], cast["hr"]
    client.force_login(hr)
    record = client.get(reverse("person-detail", args=[owner.pk])).text
    form_url = reverse("privacy:subject-access", args=[owner.pk])
    assert form_url in record
    refused = client.post(form_url, {"reference": ""})
    assert "Enter the reference or reason for the copy" in refused.text
    response = client.post(form_url, {"reference": "SAR-2026-014"})
    export = DataExport.objects.get(person=owner, requested_by=hr)
    assert response.url == reverse("privacy:your-data-progress", args=[export.token])
    sar = SubjectAccessRequest.objects.get(person=owner)
    assert (sar.prepared_by, sar.reference) == (hr, "SAR-2026-014")
    archive.build(export_id=export.pk)
    assert client.get(urls(export)[1]).status_code == 200
    read = RecordView.objects.get(subject=owner, viewer=hr, path=urls(export)[1])

    client.force_login(owner)
    page = client.get(reverse("privacy:your-data")).text
    told = f"HR prepared a copy of your data on {sar.at:%-d %B %Y} for a subject access request"
    assert told in page
    reads = client.get(reverse("my-reads")).text
    what = "Everything Trellis holds about you (downloaded by HR for a subject access request)"
    assert what in reads
    assert hr.full_name in reads and read.pk
    # Their own record links to "Your data"; HR's copy is not theirs to download.
    assert reverse("privacy:your-data") in client.get(reverse("person-me")).text
    assert [client.get(url).status_code for url in urls(export)] == [404, 404]


@pytest.mark.django_db
def test_hr_outside_the_persons_units_gets_nothing(client, cast, organisation):
    outside = PersonFactory(unit=organisation["other_team"], hr=True)
    outside.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(outside)
    owner = cast["owner"]
    assert client.get(reverse("privacy:subject-access", args=[owner.pk])).status_code == 404
    assert client.post(reverse("privacy:subject-access", args=[owner.pk]),
                       {"reference": "x"}).status_code == 404  # fmt: skip
    assert (
        reverse("privacy:subject-access", args=[owner.pk])
        not in client.get(reverse("person-detail", args=[cast["other_staff"].pk])).text
    )
    assert not DataExport.objects.exists()
    # A copy HR made while the person was in scope: once out of scope, gone too.
    copy = ready(owner, by=cast["hr"])
    cast["hr"].hr_scopes.update(unit=organisation["other_team"])
    client.force_login(cast["hr"])
    assert [client.get(url).status_code for url in urls(copy)] == [404, 404]


@pytest.mark.django_db
def test_nobody_reaches_anothers_copy_by_swapping_ids(client, cast):
    mine, theirs = ready(cast["owner"]), ready(cast["other_staff"])
    for role in cast:
        client.force_login(cast[role])
        expected = {"owner": mine, "other_staff": theirs}.get(role)
        for export in (mine, theirs):
            answers = [client.get(url).status_code for url in urls(export)]
            assert answers == ([200, 200] if export is expected else [404, 404]), (role, export)
    # Nor by a person's id on HR's page: only HR, and only for their scope.
    client.force_login(cast["line_manager"])
    url = reverse("privacy:subject-access", args=[cast["owner"].pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_person_downloads_their_own_without_a_read_recorded(client, cast):
    owner = cast["owner"]
    export = ready(owner)
    client.force_login(owner)
    response = client.get(urls(export)[1])
    assert response.status_code == 200
    assert "Trellis%20data" in response["Content-Disposition"]
    assert not RecordView.objects.filter(subject=owner, viewer=owner).exists()
    assert not SubjectAccessRequest.objects.exists()
    page = client.get(reverse("privacy:your-data")).text
    assert "subject access request" not in page.split("<h1>")[1].split("<h2>")[0]


@pytest.mark.django_db
def test_the_reads_page_lists_every_read_by_someone_else_in_plain_words(client, cast):
    owner = cast["owner"]
    for reader in ("line_manager", "hr"):
        client.force_login(cast[reader])
        assert client.get(reverse("person-detail", args=[owner.pk])).status_code == 200
    client.force_login(owner)
    page = client.get(reverse("privacy:your-data")).text
    assert reverse("my-reads") in page
    reads = client.get(reverse("my-reads")).text
    for reader in ("line_manager", "hr"):
        assert cast[reader].full_name in reads
    assert reads.count("Your staff record") >= 2
    assert cast["other_staff"].full_name not in reads


@pytest.mark.django_db
def test_hr_copies_hold_equality_answers_only_for_hr_who_may_read_them(cast):
    """The equality answers are readable only with their own permission (ADR 0033): a
    copy prepared by HR without it leaves them out; the person's own copy has them."""
    import json
    import zipfile

    from django.contrib.auth.models import Permission
    from django.core.files.storage import default_storage

    from tests.factories import EqualityInformationFactory

    owner, hr = cast["owner"], cast["hr"]
    EqualityInformationFactory(person=owner)

    def equality_in(export):
        with zipfile.ZipFile(default_storage.path(export.file.name)) as opened:
            names = opened.namelist()
            profile = json.loads(opened.read("json/profile.json"))
        return "csv/equality_monitoring.csv" in names, "equality_monitoring" in profile

    assert equality_in(ready(owner, by=hr)) == (False, False)
    assert equality_in(ready(owner)) == (True, True)
    hr.user_permissions.add(Permission.objects.get(codename="view_equality_information"))
    hr = type(hr).objects.get(pk=hr.pk)  # permissions are cached on the object
    assert equality_in(ready(owner, by=hr)) == (True, True)


@pytest.mark.django_db
def test_asking_again_while_a_copy_is_being_made_makes_no_second_one(client, cast):
    owner = cast["owner"]
    client.force_login(owner)
    first = client.post(reverse("privacy:your-data"))
    again = client.post(reverse("privacy:your-data"))
    assert DataExport.objects.filter(person=owner).count() == 1
    assert first.url == again.url  # both follow the one being made


def leaves_through_the_esr_import(person, by):
    """`person` marked a leaver by an ESR extract (their assignment terminated), as HR's
    nightly feed would; returns them as stored after."""
    from people.esr_import import services as esr_import
    from people.models import Person
    from tests.esr_import_files import csv_bytes, row

    Person.objects.filter(pk=person.pk).update(assignment_number="700", employee_number="70")
    ended = row("700", "70", person.given_name, person.family_name, email=person.email,
                status="Terminate Process Assignment")  # fmt: skip
    run = esr_import.dry_run(raw=csv_bytes([ended]), file_name="staff.csv", by=by)
    assert [p["name"] for p in run.plan["leavers"]] == [person.full_name]
    esr_import.apply_now(run, leavers_checked=True)
    return Person.objects.get(pk=person.pk)


@pytest.mark.django_db
def test_hr_finds_a_leaver_of_their_units_and_prepares_a_copy_for_them(client, cast, organisation):
    """A leaver keeps the unit they left (the ESR import and the admin change only
    `is_active` and `left_on`), so the HR of that unit answers their subject access
    request: from the unit's leavers to the leaver's record to the copy, recorded."""
    hr, team = cast["hr"], organisation["team"]
    leaver = leaves_through_the_esr_import(cast["owner"], by=cast["administrator"])
    assert (leaver.is_active, leaver.unit, leaver.left_on) == (False, team, localdate())
    client.force_login(hr)

    unit_page = client.get(reverse("unit-detail", args=[team.pk])).text
    assert leaver.full_name not in unit_page  # the unit's people are those still here
    leavers_url = reverse("unit-leavers", args=[team.pk])
    assert leavers_url in unit_page
    leavers = client.get(leavers_url).text
    record_url = reverse("person-detail", args=[leaver.pk])
    assert record_url in leavers and leaver.full_name in leavers
    assert f"{leaver.left_on:%-d %B %Y}" in leavers
    record = client.get(record_url).text
    assert f"Left on {leaver.left_on:%-d %B %Y}" in record
    form_url = reverse("privacy:subject-access", args=[leaver.pk])
    assert form_url in record
    form = client.get(form_url).text
    assert "cannot sign in" in form
    response = client.post(form_url, {"reference": "SAR-2026-031"})
    export = DataExport.objects.get(person=leaver, requested_by=hr)
    assert response.url == reverse("privacy:your-data-progress", args=[export.token])
    sar = SubjectAccessRequest.objects.get(person=leaver)
    assert (sar.prepared_by, sar.reference) == (hr, "SAR-2026-031")
    archive.build(export_id=export.pk)
    assert [client.get(url).status_code for url in urls(export)] == [200, 200]
    assert RecordView.objects.filter(subject=leaver, viewer=hr, path=urls(export)[1]).exists()


@pytest.mark.django_db
def test_nobody_but_the_hr_of_a_leavers_units_reaches_them(client, cast, organisation):
    from people.models import Person

    leaver = cast["owner"]
    Person.objects.filter(pk=leaver.pk).update(is_active=False, left_on=date(2026, 3, 31))
    form_url = reverse("privacy:subject-access", args=[leaver.pk])
    client.force_login(cast["hr"])  # the HR of the unit they left, scoped to the trust
    assert client.get(form_url).status_code == 200
    for role in ["other_staff", "line_manager", "other_manager", "led", "administrator"]:
        client.force_login(cast[role])
        assert client.get(form_url).status_code == 404, role
        assert client.post(form_url, {"reference": "x"}).status_code == 404, role
    outside = PersonFactory(unit=organisation["other_team"], hr=True)
    outside.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(outside)
    assert client.get(form_url).status_code == 404
    assert client.get(reverse("unit-leavers", args=[organisation["team"].pk])).status_code == 404
    theirs = client.get(reverse("unit-leavers", args=[organisation["other_team"].pk])).text
    assert leaver.full_name not in theirs
    assert not DataExport.objects.exists() and not SubjectAccessRequest.objects.exists()
    # An erased leaver has no unit: no HR reaches them.
    Person.objects.filter(pk=leaver.pk).update(unit=None)
    client.force_login(cast["hr"])
    assert client.get(form_url).status_code == 404
