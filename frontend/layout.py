"""crispy-forms layout objects for the NHS.UK template pack."""

from crispy_forms import layout
from crispy_forms.utils import flatatt
from django.template.loader import render_to_string

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
        # What frontend/jinja2/nhsuk/components/_legend.html needs, as for a field's legend.
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


# Buttons ---------------------------------------------------------------------------------

BUTTON_VARIANTS = ("brand", "login", "reverse", "secondary", "secondary-solid", "warning")
# The icons templates/nhsuk/components/_icon.html draws (paths copied from nhsuk-frontend
# 10.6.1's macros/icon.njk).
BUTTON_ICONS = ("arrow-left", "arrow-right")


class Button:
    """An NHS.UK button in a crispy layout, e.g. ``Button("Save and continue")``.

    ``variant``: "secondary", "reverse", "warning", "login", "brand" or "secondary-solid";
    ``small`` for a small button. It is a plain submit button: no name, value or id
    unless given (``name``/``value`` say which button sent the form, ``css_id`` an id).
    ``href`` makes it a link styled as a button (``<a role="button">``), e.g. Cancel.
    ``prevent_double_click`` (True or False) is written as ``data-prevent-double-click``:
    nhsuk-frontend's script then ignores a second click within a second. ``icon``
    ("arrow-left" or "arrow-right") is drawn at ``icon_placement`` "start" or "end".
    ``disabled``, ``button_type`` ("submit", "button", "reset"), ``css_class`` and other
    attributes (``aria_label="…"`` -> ``aria-label``) pass through. Put it in a layout
    (alone or in a ButtonHolder) or give it to ``helper.add_input``. Renders
    templates/nhsuk/components/button.html.
    """

    template = "nhsuk/components/button.html"
    is_nhsuk_button = True  # templates/nhsuk/inputs.html renders it as itself

    def __init__(
        self,
        text,
        *,
        variant=None,
        small=False,
        name=None,
        value=None,
        href=None,
        prevent_double_click=None,
        disabled=False,
        icon=None,
        icon_placement="start",
        button_type="submit",
        css_id=None,
        css_class=None,
        **attrs,
    ):
        if variant is not None and variant not in BUTTON_VARIANTS:
            raise ValueError(f"variant must be one of {BUTTON_VARIANTS}, not {variant!r}")
        if icon is not None and icon not in BUTTON_ICONS:
            raise ValueError(f"icon must be one of {BUTTON_ICONS}, not {icon!r}")
        if icon_placement not in ("start", "end"):
            raise ValueError('icon_placement must be "start" or "end"')
        if href is not None and (name or value or disabled):
            raise ValueError("a link button (href) has no name, value or disabled state")
        self.text, self.name, self.value, self.href = text, name, value, href
        self.css_id, self.disabled, self.button_type = css_id, disabled, button_type
        self.icon, self.icon_placement = icon, icon_placement
        self.prevent_double_click = (
            "" if prevent_double_click is None else str(bool(prevent_double_click)).lower()
        )
        self.css_class = " ".join(
            c
            for c in (
                "nhsuk-button",
                variant and f"nhsuk-button--{variant}",
                icon and "nhsuk-button--icon",
                small and "nhsuk-button--small",
                css_class,
            )
            if c
        )
        self.flat_attrs = flatatt(attrs)

    def render(self, form, context, template_pack=None, **kwargs):
        """The button's HTML (a safe string); ``form`` and ``context`` are not needed."""
        return render_to_string(self.template, {"button": self})
