"""crispy-forms layout objects for the NHS.UK template pack."""

from crispy_forms import layout

LEGEND_SIZES = ("s", "m", "l", "xl")


class Fieldset(layout.Fieldset):
    """A group of questions under one legend, e.g. ``Fieldset("Your details", "name", ...)``.

    ``legend_size`` picks the NHS.UK legend size: "s", "m" (the default), "l" or "xl".
    crispy's own Fieldset renders the same way with a medium legend.
    """

    def __init__(self, legend, *fields, legend_size="m", **kwargs):
        if legend_size not in LEGEND_SIZES:
            raise ValueError(f"legend_size must be one of {LEGEND_SIZES}, not {legend_size!r}")
        super().__init__(legend, *fields, **kwargs)
        self.legend_size = legend_size
