"""The privacy models, one topic a package; imported here so Django finds them."""

from .erasure.models import Erasure
from .retention.models import RetentionRun
from .your_data.models import DataExport, SubjectAccessRequest

__all__ = ["DataExport", "SubjectAccessRequest", "Erasure", "RetentionRun"]
