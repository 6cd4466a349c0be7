"""A file over the upload limit is refused while it is read: nothing of it is stored,
not even in a temporary file, and the form says how large a file may be
(frontend/uploads.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.urls import reverse

from learning.models import CPDEntry, Evidence
from tests.factories_learning import PDF_BYTES, CPDEntryFactory
from tests.test_learning_cpd import _form

pytestmark = pytest.mark.django_db
WRITTEN = []


class RecordingTemporaryFileHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler, counting the bytes it writes to disk."""

    def receive_data_chunk(self, raw_data, start):
        WRITTEN.append(len(raw_data))
        return super().receive_data_chunk(raw_data, start)


@pytest.fixture
def disks(settings, tmp_path):
    WRITTEN.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploading"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    settings.FILE_UPLOAD_HANDLERS = [
        "tests.test_uploads.RecordingTemporaryFileHandler"
        if name.endswith(".TemporaryFileUploadHandler")
        else name
        for name in settings.FILE_UPLOAD_HANDLERS
    ]
    return tmp_path


def twenty_megabytes():
    return SimpleUploadedFile("scan.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024), "application/pdf")


def files_under(path):
    return [p for p in path.rglob("*") if p.is_file()]


def test_a_20_mb_file_is_refused_with_the_plain_error_and_never_stored(client, cast, disks):
    client.force_login(cast["owner"])
    response = client.post(
        reverse("learning:cpd-create"),
        {**_form(title="With a big scan"), "evidence": twenty_megabytes()},
    )
    assert response.status_code == 200
    assert "The selected file must be smaller than 5MB" in response.text
    assert "With a big scan" in response.text  # the typed text is still there
    assert sum(WRITTEN) <= 5 * 1024 * 1024 + 64 * 1024  # at most the limit and a chunk
    assert files_under(disks) == []
    assert not CPDEntry.objects.exists()


def test_a_20_mb_file_added_to_an_entry_is_refused_the_same_way(client, cast, disks):
    entry = CPDEntryFactory(person=cast["owner"])
    client.force_login(cast["owner"])
    response = client.post(
        reverse("learning:cpd-evidence-add", args=[entry.pk]), {"evidence": twenty_megabytes()}
    )
    assert "The selected file must be smaller than 5MB" in response.text
    assert sum(WRITTEN) <= 5 * 1024 * 1024 + 64 * 1024
    assert files_under(disks) == []
    assert not Evidence.objects.exists()


def test_a_file_under_the_limit_is_stored_as_before(client, cast, disks):
    entry = CPDEntryFactory(person=cast["owner"])
    client.force_login(cast["owner"])
    scan = SimpleUploadedFile("scan.pdf", PDF_BYTES + b"0" * (4 * 1024 * 1024), "application/pdf")
    client.post(reverse("learning:cpd-evidence-add", args=[entry.pk]), {"evidence": scan})
    assert Evidence.objects.get().size == len(PDF_BYTES) + 4 * 1024 * 1024
    assert len(files_under(disks / "media")) == 1
