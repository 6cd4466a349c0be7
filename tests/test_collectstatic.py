"""Step 4 of docs/deployment.md: `collectstatic` with the production storage (hashed,
compressed names) succeeds, and the PDF stylesheet's own URLs are left alone."""

import pytest
from django.core.management import call_command

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.django_db
def test_collectstatic_succeeds_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = PRODUCTION_STORAGES
    call_command("collectstatic", "--no-input", verbosity=0)
    pdf_css = next(tmp_path.glob("css/pdf.*.css")).read_text()
    assert 'url("trellisstatic:vendor/fonts/noto-sans/NotoSans-Regular.woff")' in pdf_css
