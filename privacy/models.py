"""The privacy models, one topic a package; imported here so Django finds them."""

from .your_data.models import DataExport, SubjectAccessRequest

__all__ = ["DataExport", "SubjectAccessRequest"]
