"""Who may reach what in the privacy app: decided here and nowhere else (ADR 0002).

Deny by default: every function answers for the signed-in person only, and anything
not named here is a 404."""
