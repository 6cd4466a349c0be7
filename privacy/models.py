"""The privacy models, one topic a package; imported here so Django finds them."""

from .erasure.models import Erasure
from .retention.models import RetentionRun

__all__ = ["Erasure", "RetentionRun"]
