"""`make run`'s demo certificate: made once for local use, never with DEBUG off."""

import io

from django.core.management import call_command

from appraisals.booklet import seal


def test_a_demo_certificate_is_made_and_named_in_the_env_file(settings, tmp_path):
    settings.DEBUG = True
    settings.BOOKLET_SEAL_CERT = settings.BOOKLET_SEAL_KEY = ""
    env = tmp_path / ".env"
    env.write_text("DEBUG=1\nBOOKLET_SEAL_CERT=/gone/cert.pem\n")
    call_command("booklet_demo_certificate", folder=str(tmp_path / ".seal"), env_file=str(env),
                 stdout=io.StringIO())  # fmt: skip
    lines = dict(line.split("=", 1) for line in env.read_text().splitlines() if "=" in line)
    assert lines["DEBUG"] == "1" and lines["BOOKLET_SEAL_CERT"].endswith(".seal/cert.pem")
    settings.BOOKLET_SEAL_CERT, settings.BOOKLET_SEAL_KEY = (
        lines["BOOKLET_SEAL_CERT"], lines["BOOKLET_SEAL_KEY"])  # fmt: skip
    settings.BOOKLET_SEAL_PASSPHRASE = lines["BOOKLET_SEAL_PASSPHRASE"]
    assert seal.configured()
    assert seal.check(seal.seal(minimal_pdf(), reason="test")).ok

    out = io.StringIO()
    call_command("booklet_demo_certificate", folder=str(tmp_path / "again"),
                 env_file=str(env), stdout=out)  # fmt: skip
    assert "configured certificate" in out.getvalue() and not (tmp_path / "again").exists()


def test_no_demo_certificate_with_debug_off(settings, tmp_path):
    settings.DEBUG = False
    settings.BOOKLET_SEAL_CERT = settings.BOOKLET_SEAL_KEY = ""
    env = tmp_path / ".env"
    call_command("booklet_demo_certificate", folder=str(tmp_path / ".seal"), env_file=str(env),
                 stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    assert not env.exists() and not (tmp_path / ".seal").exists()


def minimal_pdf():
    from weasyprint import HTML

    return HTML(string="<html lang='en'><title>t</title><p>Sealed</p></html>").write_pdf()
