"""manage.py booklet_demo_certificate: a self-signed certificate that seals appraisal
booklets on a developer's machine (`make run` calls it). Never for production: an
organisation seals with its own certificate (docs/adr/0028-sealed-booklet.md).

When BOOKLET_SEAL_CERT is already set and its file exists, nothing is done. Otherwise
the key (encrypted with a random passphrase) and certificate are written under .seal/
(ignored by git) and the three settings are added to the .env file."""

import datetime
import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from appraisals.booklet import seal

VALID_DAYS = 3 * 365
COMMENT = "# A self-signed demo certificate that seals appraisal booklets (make run)."


def make_pair(folder, organisation="Trellis demo organisation"):
    """Write key.pem (encrypted) and cert.pem to `folder`; return (key, cert, passphrase)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    passphrase = secrets.token_urlsafe(24)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} appraisal booklet seal (demo)"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
    ])  # fmt: skip
    now = datetime.datetime.now(datetime.UTC)
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / "key.pem", folder / "cert.pem"
    encryption = serialization.BestAvailableEncryption(passphrase.encode())
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path, passphrase


class Command(BaseCommand):
    help = "Make a self-signed demo certificate that seals appraisal booklets (not production)."

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=str(settings.BASE_DIR / ".seal"))
        parser.add_argument("--env-file", default=str(settings.BASE_DIR / ".env"))

    def handle(self, *args, folder, env_file, **options):
        if seal.configured():
            self.stdout.write("Booklets are sealed with the configured certificate.")
            return
        if not settings.DEBUG:
            self.stderr.write("No booklet seal configured; a demo one is made only with DEBUG on.")
            return
        key, cert, passphrase = make_pair(Path(folder))
        env = Path(env_file)
        # Earlier lines naming a seal whose files are gone would win (read_env keeps the first).
        kept = [
            line
            for line in (env.read_text().splitlines() if env.exists() else [])
            if not line.startswith(("BOOKLET_SEAL_", COMMENT))
        ]
        env.write_text(
            "\n".join([*kept, COMMENT, f"BOOKLET_SEAL_KEY={key}", f"BOOKLET_SEAL_CERT={cert}",
                       f"BOOKLET_SEAL_PASSPHRASE={passphrase}"]) + "\n"
        )  # fmt: skip
        self.stdout.write(f"Made a demo booklet seal in {folder} and named it in {env_file}.")
