"""People: the user model, organisation units, line management, roles and access rules."""
