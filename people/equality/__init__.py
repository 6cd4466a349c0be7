"""Equality monitoring answers a person gives about themselves (docs/adr/0033): held
apart from Person, read back only by the person, and counted only in HR's equality
view (appraisals/reports/equality.py) by those with its own permission."""
