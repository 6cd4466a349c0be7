"""Translator for nhsuk-frontend's date input fixtures (see tests/nhsuk_fixtures).

The boxes are ``frontend.widgets.DateInput(parts=..., autocomplete=..., labels=...)`` on a
``frontend.fields.DateField``; the values a fixture shows are what the person typed (the
form is bound) or, with no error, the field's initial date. Errors come from the field's
own validation, so the boxes it marks are the ones it names.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from frontend.fields import DateField
from frontend.widgets import PART_NAMES, DateInput
from tests.nhsuk_fixtures import Allowance, NotApplicable, walk
from tests.nhsuk_fixtures.allowances import drop_attribute
from tests.nhsuk_fixtures.common import render_field, text_of
from tests.nhsuk_fixtures.label import label_options


def _strip_box_names(tree):
    for el in walk(tree):
        if el.name == "input" and "nhsuk-date-input__input" in dict(el.attributes)["class"]:
            el.attributes = [(k, v) for k, v in el.attributes if k != "name"]


ALLOWED = [
    drop_attribute(
        "aria-invalid",
        "aria-invalid",
        'Django marks the boxes the error names aria-invalid="true", so screen readers '
        "announce which part is wrong; NHS.UK's macro marks them by class only",
        element="input",
    ),
    drop_attribute(
        "required",
        "required",
        "Django marks each box of a required field required, so screen readers say it must "
        "be answered; the pack's forms are novalidate, so the browser never blocks sending",
        element="input",
    ),
    Allowance(
        "box names",
        "each box is named after its field and position (date_of_birth_0, _1, _2) as "
        "Django's MultiWidget posts it, so two dates on one form never collide; NHS.UK's "
        "macro names them day, month, year or namePrefix[day]; nobody sees a name",
        _strip_box_names,
    ),
]


def _items(ctx):
    """The macro's boxes as dicts with a name, in order (as its template works them out)."""
    if ctx.get("items"):
        return [item for item in ctx["items"] if item]
    items = []
    for name in PART_NAMES:
        item = ctx.get(name, {"name": name})
        if item is False:
            continue
        items.append({"name": name, **item})
    return items


def build(fixture):
    ctx = fixture.context
    legend = ctx["fieldset"]["legend"]
    legend = legend if isinstance(legend, dict) else {"text": legend}
    items = _items(ctx)
    # An error with no message marks boxes only: every box here, as the fixtures mark all.
    marked = [item.get("error") for item in items]
    mark_only = ctx.get("errorMessage") is True or (not ctx.get("errorMessage") and any(marked))
    if mark_only and any(marked) and not all(marked):
        raise NotApplicable("some boxes marked with no message: a date error names its parts")
    parts = tuple(item["name"] for item in items)
    values = ctx.get("values") or {}
    typed = {item["name"]: item.get("value", values.get(item["name"])) for item in items}
    autocomplete = {item.get("autocomplete", "").split("-")[0] for item in items}
    labels = {item["name"]: item["label"] for item in items if item.get("label")}
    widget = DateInput(parts=parts, autocomplete=next(iter(autocomplete)) or None, labels=labels)
    # A disabled field disables every box; some boxes alone are disabled on their widgets.
    disabled = [item.get("disabled", ctx.get("disabled")) for item in items]
    for part_widget, off in zip(widget.widgets, disabled, strict=True):
        if off and not all(disabled):
            part_widget.attrs["disabled"] = True
    text, options = label_options(legend)
    if legend.get("id"):
        options["label_id"] = legend["id"]
    error = None if mark_only else text_of(ctx.get("errorMessage"))
    kwargs = {
        "label": text,
        "widget": widget,
        "help_text": text_of(ctx.get("hint")) or "",
        "disabled": all(disabled),
    }
    if parts == ("day", "month"):
        # A day and month with no year is no date: the widget alone, on a plain field.
        field = forms.Field(required=False, **kwargs)
    else:
        field = DateField(
            parts=parts,
            # Only "Enter your date of birth" (nothing typed) needs the field required.
            required=bool(error) and not any(typed.values()),
            error_messages={
                "required": error or "",
                "incomplete": "Date of birth must include a %(missing)s",
            },
            **kwargs,
        )
    data = {}
    if error:
        data = {f"example_{i}": typed[name] or "" for i, name in enumerate(parts)}
        try:
            field.clean(widget.value_from_datadict(data, {}, "example"))
        except ValidationError as invalid:
            error = invalid
        else:
            raise AssertionError("the fixture shows an error the field does not find")
    elif any(typed.values()):
        day = int(typed.get("day") or 1)
        field.initial = date(int(typed.get("year") or 2000), int(typed["month"]), day)
    return render_field(
        field,
        "example",
        id=ctx.get("id"),
        error="" if mark_only else error,
        data=data if error else None,
        options=options,
    )
