"""HR's bulk booklet exports: one ZIP of a unit's booklets in a cycle, made in chunks by
background tasks (run here in the test's process), with a progress page, the failures
listed by person, reads recorded on download, and the clean-up of expired files."""

import io
import zipfile
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appraisals.exports import assembly, services
from appraisals.models import Appraisal, BookletExport, BookletExportItem
from people.models import RecordView
from tests.factories import PersonFactory
from tests.factories_appraisals import SealedBookletFactory
from tests.factories_booklet import appraisal_for, complete, cycle_for

SEALED_BYTES = b"%PDF-1.7\n% the sealed booklet itself\n"


@pytest.fixture(autouse=True)
def _small(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BOOKLET_EXPORT_RECYCLE_EVERY = 0  # render in this process: quicker
    settings.BOOKLET_EXPORT_CHUNK = 2


def fake_pdf(appraisal):
    return b"%PDF-1.7\n% booklet of " + appraisal.person.full_name.encode() + b"\n"


def run_tasks():
    """Run every queued task as a worker would, oldest first."""
    ran = []
    while (row := DBTaskResult.objects.ready().order_by("enqueued_at", "id").first()) is not None:
        row.claim("test-worker")
        result = row.task_result
        row.set_successful(row.task.call(*result.args, **result.kwargs))
        ran.append(row.task_path.rsplit(".", 1)[-1])
    return ran


@pytest.fixture
def world(cast, organisation):
    """A cycle over the department. In the team: the owner and two more with
    appraisals (one complete and sealed). In the sibling team: someone else. The owner
    also has an appraisal in another cycle."""
    team = organisation["team"]
    cycle = cycle_for(organisation["department"], name="Outpatients 2026")
    manager = cast["line_manager"]
    ada = PersonFactory(unit=team, line_manager=manager, given_name="Ada", family_name="Lovelace",
                        assignment_number="12345678")  # fmt: skip
    bea = PersonFactory(unit=team, line_manager=manager, given_name="Bea", family_name="Baker",
                        assignment_number="87654321")  # fmt: skip
    owner = appraisal_for(cast["owner"], cycle=cycle)
    first = appraisal_for(ada, cycle=cycle)
    sealed = complete(appraisal_for(bea, cycle=cycle))
    SealedBookletFactory(appraisal=sealed, appraisal_version=sealed.version,
                         file__data=SEALED_BYTES)  # fmt: skip
    sibling = appraisal_for(cast["other_staff"], cycle=cycle)
    other_cycle = appraisal_for(cast["owner"], cycle=cycle_for(team, name="Earlier cycle"))
    return {
        "cycle": cycle, "team": team, "in_team": [owner, first, sealed],
        "sibling": sibling, "other_cycle": other_cycle, "ada": ada, "bea": bea,
    }  # fmt: skip


def start(client, hr, world):
    client.force_login(hr)
    url = reverse("appraisals:booklet-export-start", args=[world["cycle"].pk])
    return client.post(url, {"unit": world["team"].pk})


def zip_of(export):
    export.refresh_from_db()
    with export.file.open("rb") as opened:
        return zipfile.ZipFile(io.BytesIO(opened.read()))


def test_the_zip_holds_one_booklet_per_person_in_the_unit_and_no_one_else(client, cast, world):
    response = start(client, cast["hr"], world)
    export = BookletExport.objects.get()
    assert response["Location"] == reverse("appraisals:booklet-export", args=[export.token])
    assert (export.status, export.total, export.chunks) == ("queued", 3, 2)
    assert run_tasks() == ["build_chunk", "build_chunk", "assemble"]

    export.refresh_from_db()
    assert export.status == "ready" and export.file
    archive = zip_of(export)
    owner = cast["owner"]
    owner_name = f"{owner.family_name} {owner.given_name}"
    if owner.assignment_number:
        owner_name += f" – {owner.assignment_number}"
    assert sorted(archive.namelist()) == sorted([
        "Clinic Admin/Baker Bea – 87654321.pdf",
        "Clinic Admin/Lovelace Ada – 12345678.pdf",
        f"Clinic Admin/{owner_name}.pdf",
    ])  # fmt: skip
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF-")
    # The complete appraisal's booklet is its sealed file, byte for byte.
    assert archive.read("Clinic Admin/Baker Bea – 87654321.pdf") == SEALED_BYTES
    # The rendered booklets' parts are gone once the ZIP is published.
    assert not any(item.file and default_storage.exists(item.file.name)
                   for item in BookletExportItem.objects.all())  # fmt: skip

    page = client.get(response["Location"]).content.decode()
    assert "Download the ZIP file" in page and "The ZIP file holds 3 booklets" in page


def test_a_booklet_that_fails_is_listed_by_person_and_the_rest_are_made(
    client, cast, world, monkeypatch
):
    def render(appraisal):
        if appraisal.person == world["ada"]:
            raise ValueError("An image in the booklet could not be read")
        return fake_pdf(appraisal)

    monkeypatch.setattr(services, "render_booklet", render)
    response = start(client, cast["hr"], world)
    run_tasks()

    export = BookletExport.objects.get()
    assert export.status == "ready"
    assert len(zip_of(export).namelist()) == 2
    page = client.get(response["Location"]).content.decode()
    assert "Booklets that could not be made" in page
    reason = "An image in the booklet could not be read"
    assert f"Ada Lovelace (12345678), Clinic Admin: {reason}" in page
    assert "The ZIP file holds 2 booklets; 1 could not be made" in page


def test_when_no_booklet_can_be_made_nothing_is_offered(client, cast, world, monkeypatch):
    def render(appraisal):
        raise RuntimeError("WeasyPrint stopped")

    monkeypatch.setattr(services, "render_booklet", render)
    BookletExport.objects.all().delete()
    world["in_team"][2].sealed_booklets.all().delete()
    response = start(client, cast["hr"], world)
    run_tasks()
    export = BookletExport.objects.get()
    assert export.status == "failed" and not export.file
    page = client.get(response["Location"]).content.decode()
    assert "None of the booklets could be made." in page
    assert "Download the ZIP file" not in page


def test_the_progress_page_says_how_many_and_how_long(client, cast, world, monkeypatch):
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    response = start(client, cast["hr"], world)
    page = client.get(response["Location"]).content.decode()
    assert "0 of 3 booklets, waiting to start" in page
    assert '<progress id="export-progress" max="3" value="0"' in page

    export = BookletExport.objects.get()
    services.build_chunk(export_id=export.pk, chunk=0)  # two of the three
    BookletExport.objects.filter(pk=export.pk).update(
        started_at=timezone.now() - timedelta(minutes=8)
    )
    page = client.get(response["Location"]).content.decode()
    assert "2 of 3 booklets, about 4 minutes left" in page
    assert 'value="2"' in page and "hx-get" in page  # still polling

    run_tasks()
    polled = client.get(response["Location"] + "?seen=building-2", headers={"HX-Request": "true"})
    assert polled.status_code == 286  # finished: htmx stops polling
    assert "Download the ZIP file" in polled.content.decode()


def test_only_the_person_who_asked_sees_or_downloads_an_export(client, cast, world, monkeypatch):
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    response = start(client, cast["hr"], world)
    run_tasks()
    export = BookletExport.objects.get()
    download = reverse("appraisals:booklet-export-download", args=[export.token])
    other_hr = PersonFactory(unit=world["team"], hr=True)
    other_hr.hr_scopes.create(unit=world["team"])
    for someone in (other_hr, cast["administrator"], cast["owner"]):
        client.force_login(someone)
        assert client.get(response["Location"]).status_code == 404
        assert client.get(download).status_code == 404
    assert not RecordView.objects.exists()


def test_downloading_records_one_read_of_each_persons_booklet(client, cast, world, monkeypatch):
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    start(client, cast["hr"], world)
    run_tasks()
    export = BookletExport.objects.get()
    response = client.get(reverse("appraisals:booklet-export-download", args=[export.token]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert b"".join(response.streaming_content).startswith(b"PK")
    reads = RecordView.objects.filter(viewer=cast["hr"])
    people = sorted(reads.values_list("subject_id", flat=True))
    assert people == sorted(a.person_id for a in world["in_team"])
    sealed = world["in_team"][2]
    assert reads.get(subject=sealed.person).content_type.model == "sealedbooklet"


def test_an_export_past_its_time_is_no_longer_offered(client, cast, world, monkeypatch):
    """Until the clean-up runs (every few minutes, and only with a worker) an expired
    ZIP stayed downloadable; it is a 404 from the moment it expires."""
    from datetime import timedelta

    from django.utils import timezone

    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    start(client, cast["hr"], world)
    run_tasks()
    export = BookletExport.objects.get()
    download = reverse("appraisals:booklet-export-download", args=[export.token])
    assert client.get(download).status_code == 200
    reads = RecordView.objects.count()
    BookletExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(1))
    assert client.get(download).status_code == 404
    assert RecordView.objects.count() == reads  # nothing sent, nothing read


def test_creating_the_items_takes_the_same_queries_however_many_people(cast, world, settings):
    settings.BOOKLET_EXPORT_CHUNK = 50  # one chunk either way: one task each
    cycle, team = world["cycle"], world["team"]

    def queries_for_export():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            services.start(by=cast["hr"], cycle=cycle, unit=team)
        BookletExport.objects.update(status=BookletExport.Status.READY)  # made: ask again
        return len(captured)

    queries_for_export()  # first use: caches warmed
    few = queries_for_export()
    for _ in range(6):
        appraisal_for(PersonFactory(unit=team), cycle=cycle)
    assert queries_for_export() == few
    assert BookletExportItem.objects.filter(export=BookletExport.objects.first()).count() == 9
    assert BookletExport.objects.count() == 3


def test_asking_again_while_an_export_is_made_follows_that_one(client, cast, world):
    """Each ask queued the whole export again: twenty held the workers for minutes."""
    first = services.start(by=cast["hr"], cycle=world["cycle"], unit=world["team"])
    again = services.start(by=cast["hr"], cycle=world["cycle"], unit=world["team"])
    assert again == first and BookletExport.objects.count() == 1
    BookletExport.objects.update(status=BookletExport.Status.READY)
    assert services.start(by=cast["hr"], cycle=world["cycle"], unit=world["team"]) != first


def test_hr_chooses_among_the_cycles_units_inside_their_scope(client, cast, world, organisation):
    client.force_login(cast["hr"])
    url = reverse("appraisals:booklet-export-start", args=[world["cycle"].pk])
    page = client.get(url).content.decode()
    for inside in ("Outpatients (department)", "Clinic Admin (team)", "Booking (team)"):
        assert inside in page
    assert "Operations (directorate)" not in page  # above the cycle's units
    response = client.post(url, {"unit": organisation["directorate"].pk})
    assert response.status_code == 200
    assert "Select one of the units listed" in response.content.decode()
    assert not BookletExport.objects.exists()


def test_the_home_page_shows_hr_their_exports(client, cast, world, monkeypatch):
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    start(client, cast["hr"], world)
    page = client.get("/").content.decode()
    assert "Booklets you asked for" in page
    assert "Booklets of Clinic Admin, Outpatients 2026</a>: waiting to start" in page
    client.force_login(cast["owner"])
    assert "Booklets you asked for" not in client.get("/").content.decode()


def test_the_clean_up_removes_expired_exports_and_files_nothing_refers_to(
    client, cast, world, monkeypatch, settings
):
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    start(client, cast["hr"], world)
    run_tasks()
    export = BookletExport.objects.get()
    published = export.file.name
    orphan = default_storage.save(f"booklet-exports/{export.token}/half-written.zip",
                                  io.BytesIO(b"PK"))  # fmt: skip
    settings.TASK_STUCK_AFTER_SECONDS = 60
    assert assembly.clean_up() == (0, 0)  # the orphan may still be being written
    later = timezone.now() + timedelta(minutes=5)
    assert assembly.clean_up(now=later) == (0, 1)
    out = io.StringIO()
    call_command("clean_booklet_exports", stdout=out)  # as cron would run it: nothing left
    assert out.getvalue() == "Removed 0 expired export(s) and 0 unreferenced file(s).\n"
    assert default_storage.exists(published) and not default_storage.exists(orphan)

    after_keep = timezone.now() + timedelta(days=settings.BOOKLET_EXPORT_KEEP_DAYS, minutes=1)
    assert assembly.clean_up(now=after_keep) == (1, 0)
    assert not BookletExport.objects.exists() and not default_storage.exists(published)
    assert Appraisal.objects.count() == 5  # the appraisals themselves are untouched


def test_names_in_the_zip_are_safe_and_never_overwrite_each_other(
    client, cast, world, monkeypatch
):
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    for _ in range(2):
        twin = PersonFactory(unit=world["team"], given_name="Jo", family_name="Smith/Jones:")
        appraisal_for(twin, cycle=world["cycle"])
    start(client, cast["hr"], world)
    run_tasks()
    export = BookletExport.objects.get()
    names = zip_of(export).namelist()
    assert "Clinic Admin/Smith Jones Jo.pdf" in names
    assert "Clinic Admin/Smith Jones Jo (2).pdf" in names
    assert len(names) == 5
    response = client.get(reverse("appraisals:booklet-export-download", args=[export.token]))
    assert "Appraisal booklets – Clinic Admin – Outpatients 2026.zip" in unquote(
        response["Content-Disposition"]
    )


def test_hr_who_moved_team_no_longer_follows_or_downloads_their_export(
    client, cast, world, monkeypatch, organisation
):
    """An export is read through the same scope as the booklets in it: HR whose scope
    no longer covers the unit get a 404, and no read is recorded."""
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    mover = PersonFactory(unit=world["team"], hr=True)
    scope = mover.hr_scopes.create(unit=organisation["department"])
    response = start(client, mover, world)
    run_tasks()
    export = BookletExport.objects.get()
    download = reverse("appraisals:booklet-export-download", args=[export.token])
    assert client.get(download).status_code == 200
    RecordView.objects.all().delete()

    scope.unit = organisation["other_team"]  # moved to the sibling team's HR
    scope.save()
    assert client.get(response["Location"]).status_code == 404
    assert client.get(download).status_code == 404
    assert not RecordView.objects.exists()


def test_a_name_cannot_reorder_its_file_name_in_the_zip(client, cast, world, monkeypatch):
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    # Stored before names were cleaned on save (an update skips save()).
    type(world["ada"]).objects.filter(pk=world["ada"].pk).update(given_name="Ada \u202egnp.exe")
    start(client, cast["hr"], world)
    run_tasks()
    names = zip_of(BookletExport.objects.get()).namelist()
    assert "Clinic Admin/Lovelace Ada gnp.exe – 12345678.pdf" in names
    assert not any("\u202e" in name for name in names)
