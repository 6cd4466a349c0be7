"""The request fuzzer (tests/test_fuzz.py): what it sends, and where.

`values` holds the hostile values (hypothesis strategies); `targets` finds every page,
form and GET parameter from the URL resolver and the access matrix's world.
"""
