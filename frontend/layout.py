"""crispy-forms layout objects for the NHS.UK template pack."""

from crispy_forms import layout

from frontend.options import OPTIONS, set_options

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


class Field(layout.Field):
    """A field with NHS.UK options, e.g. ``Field("name", heading=True, label_size="l")``.

    The options (see frontend.options.OPTIONS) are set on the field's widget when the
    layout renders, so the pack reads them the same way as options set by the form.
    """

    def __init__(self, *fields, **kwargs):
        self.nhsuk_options = {k: kwargs.pop(k) for k in list(kwargs) if k in OPTIONS}
        super().__init__(*fields, **kwargs)

    def render(self, form, context, template_pack=None, **kwargs):
        for name in self.fields:
            if isinstance(name, str) and name in form.fields:
                set_options(form.fields[name].widget, **self.nhsuk_options)
        return super().render(form, context, template_pack=template_pack, **kwargs)
