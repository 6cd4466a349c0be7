"""The ESR export: a cycle's appraisals as a CSV file for upload to ESR (docs/esr-export.md)."""
