"""Appraisal cycles, the values-based appraisal, sign-off, PDF booklets, HR reports."""
