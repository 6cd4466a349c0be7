"""Reflection journal, Scope for Growth placement, career conversation, development plan."""
