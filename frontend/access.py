"""Who may see a background PDF: its owner, nobody else (not even HR: the PDF
holds what the owner may read, which can be their private journal)."""

from .models import PdfDownload


def downloads_of(user):
    if not user.is_authenticated:
        return PdfDownload.objects.none()
    return PdfDownload.objects.filter(owner=user)
