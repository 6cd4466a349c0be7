"""Staff loaded from an ESR staff extract: a dry run first, then the apply in the
background (docs/esr-import.md, docs/adr/0035-esr-staff-import.md)."""
