"""Booklet rules: sealing a complete appraisal's booklet."""


def seal_on_completion(appraisal):
    """Seal the booklet of `appraisal`, which has just become complete."""
