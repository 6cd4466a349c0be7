"""The figures stamp: one row a cycle whose token changes whenever anything its
management information counts changes (appraisals/reports/stamp.py)."""

from django.db import models


class FiguresStamp(models.Model):
    """A cycle's figures token. Cached dashboard figures are keyed by it, so every
    process sees a change at once, whatever the cache backend (docs/adr/0034)."""

    cycle = models.OneToOneField(
        "appraisals.AppraisalCycle", on_delete=models.CASCADE, primary_key=True,
        related_name="+",
    )  # fmt: skip
    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token
