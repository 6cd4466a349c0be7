"""Who gets an appraisal's booklet, what they get (the sealed file, a draft, an earlier
sealed copy), that reads by others are recorded and shown to the person, and HR's
check of a file."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from appraisals.booklet import seal, services
from appraisals.management.commands.booklet_demo_certificate import make_pair
from appraisals.models import Appraisal, AppraisalEvent, SealedBooklet
from frontend import downloads
from frontend.models import PdfDownload
from people.models import RecordView
from tests.factories import PersonFactory
from tests.factories_booklet import appraisal_for, complete, cycle_for, fill

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def sealing(settings, tmp_path):
    key, cert, passphrase = make_pair(tmp_path / "seal", organisation="Test Trust")
    settings.BOOKLET_SEAL_KEY, settings.BOOKLET_SEAL_CERT = str(key), str(cert)
    settings.BOOKLET_SEAL_PASSPHRASE = passphrase
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE


@pytest.fixture
def done(cast):
    """The owner's complete appraisal, written by them and their line manager."""
    return complete(fill(appraisal_for(cast["owner"]), objectives=2))


def urls(appraisal):
    return [
        reverse("appraisals:appraisal-booklet", args=[appraisal.pk]),
        reverse("appraisals:appraisal-booklet-pdf", args=[appraisal.pk]),
    ]


@pytest.mark.django_db
def test_completion_seals_the_booklet_everyone_then_downloads(client, cast, done, sealing):
    services.seal_on_completion(done)  # the task runs at once here
    sealed = SealedBooklet.objects.get(appraisal=done)
    kept = sealed.file.read()
    for role in ("owner", "line_manager", "hr"):
        client.force_login(cast[role])
        response = client.get(reverse("appraisals:appraisal-booklet-pdf", args=[done.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == kept
    assert seal.check(kept).ok
    page = client.get(reverse("appraisals:appraisal-booklet", args=[done.pk]))
    assert "Download the sealed booklet (PDF)" in page.text and sealed.sha256 in page.text


@pytest.mark.django_db
def test_reads_by_others_are_recorded_and_shown_to_the_person(client, cast, done):
    client.force_login(cast["owner"])
    assert client.get(urls(done)[1]).status_code == 200
    assert not RecordView.objects.exists()  # the person's own download

    for role in ("line_manager", "hr"):
        client.force_login(cast[role])
        assert client.get(urls(done)[1])["Content-Type"] == "application/pdf"
    readers = set(
        RecordView.objects.filter(subject=cast["owner"]).values_list("viewer", flat=True)
    )
    assert readers == {cast["line_manager"].pk, cast["hr"].pk}

    client.force_login(cast["owner"])
    page = client.get(reverse("my-reads")).text
    assert page.count("Your appraisal booklet (downloaded as a PDF)") == 2
    assert cast["hr"].full_name in page and cast["line_manager"].full_name in page


@pytest.mark.django_db
def test_a_long_booklet_built_in_the_background_is_recorded_when_fetched(
    client, cast, done, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PDF_INLINE_MAX_ITEMS = 1
    client.force_login(cast["hr"])
    response = client.get(urls(done)[1])
    assert response.status_code == 302 and "/downloads/" in response["Location"]
    reads = RecordView.objects.filter(viewer=cast["hr"], subject=cast["owner"])
    assert not reads.exists()  # asked for, not yet sent
    download = PdfDownload.objects.get(owner=cast["hr"])
    downloads.build(download_id=download.pk)
    file = client.get(reverse("download-file", args=[download.token]))
    assert file["Content-Type"] == "application/pdf" and reads.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other_staff", "other_manager", "led"])
def test_nobody_else_learns_the_booklet_exists(client, cast, done, role):
    client.force_login(cast[role])
    assert [client.get(url).status_code for url in urls(done)] == [404, 404]


@pytest.mark.django_db
def test_hr_outside_the_persons_unit_gets_nothing(client, cast, organisation, done):
    outsider = PersonFactory(unit=organisation["other_team"], hr=True)
    outsider.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(outsider)
    assert [client.get(url).status_code for url in urls(done)] == [404, 404]
    assert client.get(reverse("appraisals:booklet-check")).status_code == 200  # still HR


@pytest.mark.django_db
def test_swapped_ids_find_nobody_elses_booklet(client, cast, organisation, done, sealing):
    other_cycle = cycle_for(organisation["other_team"], name="Other cycle")
    theirs = complete(fill(appraisal_for(cast["other_staff"], cycle=other_cycle)))
    their_seal = services.seal_now(appraisal_id=theirs.pk)
    for role in ("owner", "line_manager"):
        client.force_login(cast[role])
        assert [client.get(url).status_code for url in urls(theirs)] == [404, 404]
        mixed = reverse("appraisals:appraisal-booklet-sealed", args=[done.pk, their_seal.pk])
        assert client.get(mixed).status_code == 404


@pytest.mark.django_db
def test_a_draft_booklet_is_rendered_on_request(client, cast):
    appraisal = fill(appraisal_for(cast["owner"]))
    client.force_login(cast["line_manager"])
    page = client.get(urls(appraisal)[0]).text
    assert "Download the draft booklet (PDF)" in page and "Objective 1:" in page
    assert client.get(urls(appraisal)[1])["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_without_a_certificate_the_page_says_the_booklet_is_not_sealed(client, cast, done):
    assert services.seal_on_completion(done) is None
    client.force_login(cast["owner"])
    page = client.get(urls(done)[0]).text
    assert "Not sealed" in page and "no organisation certificate is configured" in page
    assert client.get(urls(done)[1])["Content-Type"] == "application/pdf"
    assert not SealedBooklet.objects.exists()


def reopen(appraisal, by, reason):
    Appraisal.objects.filter(pk=appraisal.pk).update(
        status=Appraisal.Status.AWAITING_PERSON, version=appraisal.version + 1
    )
    AppraisalEvent.objects.create(
        appraisal=appraisal, actor=by, action="reopened", detail=reason,
        from_status=Appraisal.Status.COMPLETE, to_status=Appraisal.Status.AWAITING_PERSON,
    )  # fmt: skip
    appraisal.refresh_from_db()
    return appraisal


@pytest.mark.django_db
def test_a_reopened_appraisals_earlier_booklet_stays_verifiable(client, cast, done, sealing):
    first = services.seal_now(appraisal_id=done.pk)
    reopened = reopen(done, cast["hr"], "The meeting date was wrong")

    client.force_login(cast["owner"])
    page = client.get(urls(reopened)[0]).text
    assert "Download the draft booklet (PDF)" in page and "Earlier sealed booklets" in page
    earlier = reverse("appraisals:appraisal-booklet-sealed", args=[done.pk, first.pk])
    response = client.get(earlier)
    assert seal.check(b"".join(response.streaming_content)).ok

    Appraisal.objects.filter(pk=done.pk).update(
        status=Appraisal.Status.COMPLETE, version=reopened.version + 1
    )
    second = services.seal_now(appraisal_id=done.pk)
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None
    assert seal.check(first.file.read()).ok and seal.check(second.file.read()).ok
    assert "The meeting date was wrong" in client.get(urls(done)[0]).text


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.mark.django_db
def test_hr_checks_a_file_and_sees_whose_booklet_it_is(client, cast, done, sealing):
    sealed = services.seal_now(appraisal_id=done.pk)
    data = sealed.file.read()
    url = reverse("appraisals:booklet-check")
    client.force_login(cast["hr"])

    page = client.post(url, {"booklet": upload("booklet.pdf", data)}).text
    assert "The booklet is intact" in page and cast["owner"].full_name in page
    assert "Test Trust" in page

    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    page = client.post(url, {"booklet": upload("booklet.pdf", bytes(changed))}).text
    assert "The file was changed after it was sealed" in page
    assert cast["owner"].full_name not in page and "Test Trust" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("notes.txt", b"%PDF-1.7", "The selected file must be a PDF"),
        ("booklet.pdf", b"MZ\x90\x00 a program", "The selected file is not a real PDF file"),
        ("booklet.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_file_that_is_not_a_booklet_gets_a_clear_error(client, cast, name, data, error):
    client.force_login(cast["hr"])
    response = client.post(reverse("appraisals:booklet-check"), {"booklet": upload(name, data)})
    assert response.status_code == 200 and error in response.text
    assert "nhsuk-error-summary" in response.text


@pytest.mark.django_db
def test_a_damaged_pdf_is_not_intact(cast):
    verdict = seal.check(b"%PDF-1.7\n" + io.BytesIO(b"\x00" * 64).read())
    assert not verdict.ok and verdict.problem


@pytest.mark.django_db
def test_a_complete_booklet_still_being_sealed_says_so(client, cast, done, sealing, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client.force_login(cast["owner"])
    assert "The sealed booklet is being made" in client.get(urls(done)[0]).text
    response = client.get(urls(done)[1], follow=True)
    assert "The sealed booklet is being made" in response.text
    assert not SealedBooklet.objects.exists()


@pytest.mark.django_db
def test_an_earlier_booklet_of_a_reopened_appraisal_is_a_warning_not_intact(
    client, cast, done, sealing
):
    from django.utils import timezone

    from appraisals.models import SealedBooklet

    sealed = services.seal_now(appraisal_id=done.pk)
    SealedBooklet.objects.filter(pk=sealed.pk).update(superseded_at=timezone.now())
    client.force_login(cast["hr"])
    page = client.post(
        reverse("appraisals:booklet-check"),
        {"booklet": upload("booklet.pdf", sealed.file.read())},
    ).text
    assert "This is not the current booklet" in page and "nhsuk-warning-callout" in page
    assert "The booklet is intact" not in page
