"""crispy-forms layout objects for the NHS.UK template pack."""

from crispy_forms import layout

from frontend.components.labels import label_context
from frontend.options import OPTIONS, set_options

LEGEND_SIZES = ("s", "m", "l", "xl")


class Fieldset(layout.Fieldset):
    """A group of questions under one legend, e.g. ``Fieldset("Your details", "name", ...)``.

    The legend takes the options a field's legend does (frontend/components/labels.py):
    ``legend_size`` "s", "m" (the default, as crispy's own Fieldset renders), "l", "xl" or
    None for the body size; ``heading`` True (or a level 1 to 6) to make the legend the
    page heading; ``caption`` and ``caption_placement`` ("start", "end", "before",
    "after").
    """

    def __init__(
        self,
        legend,
        *fields,
        legend_size="m",
        heading=False,
        caption="",
        caption_placement="start",
        **kwargs,
    ):
        if legend_size is not None and legend_size not in LEGEND_SIZES:
            raise ValueError(f"legend_size must be one of {LEGEND_SIZES}, not {legend_size!r}")
        super().__init__(legend, *fields, **kwargs)
        self.legend_size = legend_size
        options = {"label_size": legend_size, "heading": heading, "caption": caption}
        options["caption_placement"] = caption_placement
        # What templates/nhsuk/components/_legend.html needs, as for a field's legend.
        self.nhsuk_legend = label_context(None, {}, options)


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
