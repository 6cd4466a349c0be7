"""NHS.UK design-system glue: the crispy-forms pack's widgets and tags, layout context."""
