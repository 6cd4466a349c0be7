"""Every answer HR's check page (and manage.py verify_booklet) can give about a file,
each in plain words that are true of that file: intact, changed after sealing, not
sealed, not a PDF, sealed by another certificate, and an earlier booklet a later one
replaces. Who sealed it is the organisation's name, never a certificate's raw name."""

import io
import resource
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from appraisals.booklet import seal, services
from appraisals.management.commands.booklet_demo_certificate import make_pair
from appraisals.models import SealedBooklet
from tests.factories_booklet import appraisal_for, complete, fill

RAW_NAME = ("Common Name", "Organization", "Organisation:")


def use_certificate(settings, folder, organisation):
    key, cert, passphrase = make_pair(folder, organisation=organisation)
    settings.BOOKLET_SEAL_KEY, settings.BOOKLET_SEAL_CERT = str(key), str(cert)
    settings.BOOKLET_SEAL_PASSPHRASE = passphrase


@pytest.fixture
def sealed(settings, tmp_path, cast):
    """The owner's complete appraisal's booklet, sealed by "Test Trust"."""
    use_certificate(settings, tmp_path / "seal", "Test Trust")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    appraisal = complete(fill(appraisal_for(cast["owner"]), objectives=1))
    return services.seal_now(appraisal_id=appraisal.pk)


def check_page(client, cast, data):
    client.force_login(cast["hr"])
    upload = SimpleUploadedFile("booklet.pdf", data, content_type="application/pdf")
    response = client.post(reverse("appraisals:booklet-check"), {"booklet": upload})
    assert response.status_code == 200
    return response.text


def verify(tmp_path, data):
    """verify_booklet's output and exit code for `data`."""
    path = tmp_path / "checked.pdf"
    path.write_bytes(data)
    out = io.StringIO()
    try:
        call_command("verify_booklet", str(path), stdout=out)
    except CommandError as failed:
        return out.getvalue() + str(failed), failed.returncode
    return out.getvalue(), 0


@pytest.mark.django_db
def test_an_intact_booklet_names_the_organisation_that_sealed_it(client, cast, sealed, tmp_path):
    data = sealed.file.read()
    page = check_page(client, cast, data)
    assert "The booklet is intact" in page and "nhsuk-card--feature" in page
    assert '<dd class="nhsuk-summary-list__value">Test Trust</dd>' in page
    assert not any(raw in page for raw in RAW_NAME)

    out, code = verify(tmp_path, data)
    assert code == 0 and "Sealed by: Test Trust\n" in out and "The booklet is intact" in out
    assert not any(raw in out for raw in RAW_NAME)


@pytest.mark.django_db
def test_one_byte_changed_says_the_file_was_changed_not_a_certificate_fault(
    client, cast, sealed, tmp_path
):
    changed = bytearray(sealed.file.read())
    changed[len(changed) // 2] ^= 0x01
    page = check_page(client, cast, bytes(changed))
    assert "The file was changed after it was sealed" in page
    assert "nhsuk-warning-callout" in page and "The booklet is intact" not in page
    # Nothing the changed file claims is repeated, and no certificate is blamed.
    answer = page.split('class="nhsuk-warning-callout"')[1].split("multipart/form-data")[0]
    assert "certificate" not in answer
    assert "Test Trust" not in page and "Sealed by" not in page

    out, code = verify(tmp_path, bytes(changed))
    assert code == 1 and "The file was changed after it was sealed" in out
    assert "certificate" not in out and "Test Trust" not in out


@pytest.mark.django_db
def test_a_pdf_with_no_seal_says_it_is_not_sealed(client, cast, sealed, tmp_path):
    plain = services.render(sealed.appraisal)
    page = check_page(client, cast, plain)
    assert "The file is not sealed" in page and "carries no seal" in page
    assert "Sealed by" not in page

    out, code = verify(tmp_path, plain)
    assert code == 1 and "The file is not sealed" in out


@pytest.mark.django_db
def test_a_file_that_is_not_really_a_pdf_says_it_could_not_be_read(client, cast, tmp_path):
    damaged = b"%PDF-1.7\n" + b"\x00" * 64
    page = check_page(client, cast, damaged)
    assert "The file could not be read as a PDF" in page

    out, code = verify(tmp_path, damaged)
    assert code == 1 and "The file could not be read as a PDF" in out


@pytest.mark.django_db
def test_a_booklet_sealed_by_another_certificate_says_so(client, cast, sealed, settings, tmp_path):
    use_certificate(settings, tmp_path / "other", "Other Trust")
    theirs = seal.seal(services.render(sealed.appraisal), reason="Appraisal complete")
    use_certificate(settings, tmp_path / "ours", "Test Trust")

    page = check_page(client, cast, theirs)
    assert "The file was sealed by someone else" in page
    assert "not sealed with this organisation&#x27;s certificate" in page
    assert "Sealed by (as its own certificate says)" in page and "Other Trust" in page
    assert not any(raw in page for raw in RAW_NAME)
    assert "The booklet is intact" not in page

    out, code = verify(tmp_path, theirs)
    assert code == 1 and "Sealed by (as its own certificate says): Other Trust\n" in out
    assert "The file was sealed by someone else" in out


@pytest.mark.django_db
def test_an_earlier_booklet_replaced_by_a_later_one_says_so(client, cast, sealed):
    SealedBooklet.objects.filter(pk=sealed.pk).update(superseded_at=timezone.now())
    page = check_page(client, cast, sealed.file.read())
    assert "This is not the current booklet" in page and "nhsuk-warning-callout" in page
    assert "a later booklet replaces this one" in page and "The booklet is intact" not in page
    assert cast["owner"].full_name in page


def zeros_bomb(megabytes):
    """A small PDF whose cross-reference stream (FlateDecode) inflates to `megabytes`
    of zeros: about a thousandth of that on disk."""
    squeeze = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    stream = b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    body = b"%PDF-1.7\n"
    offsets = []
    for number, text in [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"),
    ]:
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    xref = len(body)
    entries = megabytes * 1024 * 1024 // 4
    body += (
        b"4 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Root 1 0 R /Length %d "
        b"/Filter /FlateDecode >>\nstream\n" % (entries, len(stream))
    )
    body += stream + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref
    return body


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_as_a_file_that_could_not_be_checked(
    client, cast, settings, tmp_path
):
    use_certificate(settings, tmp_path / "seal", "Test Trust")
    bomb = zeros_bomb(200)
    assert len(bomb) < settings.MAX_UPLOAD_BYTES // 10

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes
    page = check_page(client, cast, bomb)
    assert "This file could not be checked" in page and "nhsuk-warning-callout" in page
    # The 200 MB the file inflates to never reached this process.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100 * 1024

    out, code = verify(tmp_path, bomb)
    assert code == 1 and "This file could not be checked" in out
