"""Radios, checkboxes and the single yes/no checkbox, as nhsuk-frontend 10.6.1 renders them.

Item options (frontend.options) name items by their value: ``hints``, ``dividers``,
``disabled``, ``exclusive``/``inclusive`` (checkboxes' "None" and "All" boxes),
``behaviour_group``, ``small``, ``inline`` and ``conditional``, which shows other fields of
the same form inside ``nhsuk-radios__conditional`` under an item (a "conditional reveal").
"""

from frontend.components.base import input_html, render_widget, tokens


def checkbox(bound_field, c):
    """A single yes/no box (a BooleanField). ``exclusive=True`` and ``behaviour_group`` tie
    it to other yes/no fields of the form: ticking an exclusive box ("None of these")
    unticks the others of its group, as nhsuk-frontend's checkboxes script does."""
    options = c["options"]
    attrs = {}
    if options.get("exclusive") is True:
        attrs["data-behaviour"] = "exclusive"
    elif options.get("exclusive") or options.get("inclusive"):
        raise ValueError("a single checkbox takes exclusive=True; inclusive is for checkboxes")
    if options.get("behaviour_group"):
        attrs["data-behaviour-group"] = options["behaviour_group"]
    return {
        "control": render_widget(bound_field, "nhsuk-checkboxes__input", c["describedby"], **attrs)
    }


def _by_value(mapping):
    """Option keys as the strings Django compares choice values by."""
    return {str(key): value for key, value in (mapping or {}).items()}


def _values(values):
    return {str(value) for value in (values or ())}


def _names(revealed):
    """A field name or a list of names, as a list."""
    return [revealed] if isinstance(revealed, str) else list(revealed)


def declared_reveals(form, name):
    """{value: [field names]} set by the ``conditional`` option of the field ``name``."""
    conditional = getattr(form.fields[name].widget, "nhsuk", {}).get("conditional") or {}
    reveals = {str(value): _names(revealed) for value, revealed in conditional.items()}
    for revealed in (n for names in reveals.values() for n in names):
        if revealed not in form.fields:
            raise ValueError(f"{name!r} reveals {revealed!r}, which is not a field of the form")
        if revealed == name:
            raise ValueError(f"{name!r} cannot reveal itself")
    return reveals


def chosen_values(bound_field):
    """The values chosen (or posted) for a radios, checkboxes or select field: a set of str."""
    value = bound_field.value()
    if value is None:
        return set()
    values = value if isinstance(value, list | tuple) else [value]
    return {str(v) for v in values}


def reveals_of(form, name):
    """{value: [field names]} that the field ``name`` shows under its items as they render.

    A revealed field that holds an error while its item is not chosen is left out (it then
    renders in the open): nhsuk-frontend's script hides such a reveal, so the error and the
    error summary's link to it would otherwise point at nothing anyone can see.
    """
    chosen = chosen_values(form[name])
    return {
        value: [n for n in names if value in chosen or not _holds_errors(form, [n])]
        for value, names in declared_reveals(form, name).items()
    }


def _all_revealed(form, name):
    """Every field name the field ``name`` reveals, under any of its items."""
    return [n for names in reveals_of(form, name).values() for n in names]


def _all_declared(form, name):
    return [n for names in declared_reveals(form, name).values() for n in names]


def revealed_names(form):
    """Names of the fields of ``form`` that another field shows inside a conditional reveal.

    Raises ValueError for a loop (a field revealed, through others, inside itself), which
    would never render, and for a field revealed in two places (its id would repeat).
    """
    graph = {name: _all_revealed(form, name) for name in form.fields}

    def inside(name, path):
        for child in graph[name]:
            if child in path:
                raise ValueError(f"conditional reveals loop: {' > '.join([*path, child])}")
            inside(child, [*path, child])

    for name in graph:
        inside(name, [name])
    revealed = [n for children in graph.values() for n in children]
    twice = sorted({n for n in revealed if revealed.count(n) > 1})
    if twice:
        raise ValueError(f"{', '.join(map(repr, twice))} revealed under more than one item")
    return set(revealed)


def top_level_fields(form):
    """The bound fields of ``form`` in order, less those shown inside another's reveal."""
    hidden = revealed_names(form)
    return [bound_field for bound_field in form if bound_field.name not in hidden]


def _holds_errors(form, names, seen=frozenset()):
    """Whether any of the fields ``names`` (or a field they reveal in turn) has an error.
    ``seen`` stops at a loop, which revealed_names() then refuses with its own error."""
    return any(
        form[name].errors
        or (name not in seen and _holds_errors(form, _all_declared(form, name), seen | {name}))
        for name in names
    )


def _register(form, names):
    """Tell crispy these fields are rendered, so a layout's unmentioned fields skip them."""
    rendered = getattr(form, "rendered_fields", None)
    if rendered is not None:
        rendered.update(names)


def choices(bound_field, c):
    """What choices.html needs beyond ``c`` (describe()'s dict) for radios or checkboxes:
    the items (input, label, hint, divider, reveal), the container's classes, and whether
    there is a fieldset. Raises ValueError for options the field cannot take."""
    module = c["name"]  # "radios" or "checkboxes"
    options = c["options"]
    form = bound_field.form
    hints = _by_value(options.get("hints"))
    dividers = _by_value(options.get("dividers"))
    disabled = _values(options.get("disabled"))
    behaviours = dict.fromkeys(_values(options.get("exclusive")), "exclusive")
    behaviours.update(dict.fromkeys(_values(options.get("inclusive")), "inclusive"))
    group = options.get("behaviour_group")
    reveals = reveals_of(form, bound_field.name)
    if reveals:
        revealed_names(form)  # refuses loops and repeats, with a crispy layout too
    if (behaviours or group) and module != "checkboxes":
        raise ValueError("exclusive, inclusive and behaviour_group are for checkboxes")
    # Without a fieldset (a field labelled ""), each box is described by the group's hint
    # and error, as nhsuk-frontend's checkboxes do; its radios describe items by hint only.
    fieldset = bool(bound_field.label)
    group_describedby = "" if fieldset or module == "radios" else c["describedby"]

    items, revealing = [], set()
    for index, option in enumerate(bound_field.subwidgets):
        value = str(option.data["value"])
        attrs = {**option.data["attrs"], "class": f"nhsuk-{module}__input"}
        item_id = attrs.get("id", "")
        hint = hints.get(value)
        hint_id = f"{item_id}-item-hint" if hint and item_id else ""
        describedby = tokens(attrs.get("aria-describedby"), group_describedby, hint_id)
        if describedby:
            attrs["aria-describedby"] = describedby
        if value in disabled:
            attrs["disabled"] = True
        if value in behaviours:
            attrs["data-behaviour"] = behaviours[value]
        if group:
            attrs["data-behaviour-group"] = group
        # A value offered twice reveals its fields under the first item only (ids once).
        revealed = [] if value in revealing else reveals.get(value, [])
        revealing.add(value)
        conditional_id = ""
        if revealed:
            conditional_id = f"conditional-{item_id or f'{bound_field.html_name}-{index}'}"
            attrs["data-aria-controls"] = conditional_id
            _register(form, revealed)
        # Shown when chosen (a field with an error under an item not chosen renders in the
        # open instead: see reveals_of).
        shown = option.data["selected"]
        items.append(
            {
                "id": item_id,
                "label": option.choice_label,
                "input": input_html(bound_field, {**option.data, "attrs": attrs}),
                "hint": hint,
                "hint_id": hint_id,
                "divider": dividers.get(value, ""),
                "behaviour": behaviours.get(value, ""),
                "reveals": [form[name] for name in revealed],
                "conditional_id": conditional_id,
                "conditional_class": tokens(
                    f"nhsuk-{module}__conditional",
                    not shown and f"nhsuk-{module}__conditional--hidden",
                ),
            }
        )
    _hide_without_javascript(items, module)
    widget_class = bound_field.field.widget.attrs.get("class")
    container = tokens(
        f"nhsuk-{module}",
        options.get("small") and f"nhsuk-{module}--small",
        options.get("inline") and f"nhsuk-{module}--inline",
        widget_class,
    )
    return {"module": module, "items": items, "container_class": container, "fieldset": fieldset}


def _hide_without_javascript(items, module):
    """An "All" box only works with JavaScript, so it (and a divider beside it) is hidden
    where nhsuk-frontend is not supported, as the checkboxes macro's inclusive items are."""
    for i, item in enumerate(items):
        inclusive = item["behaviour"] == "inclusive"
        before = i > 0 and items[i - 1]["behaviour"] == "inclusive"
        hidden = "nhsuk-u-frontend-not-supported-hidden"
        item["item_class"] = tokens(f"nhsuk-{module}__item", inclusive and hidden)
        divider_hidden = (inclusive or before) and hidden
        item["divider_class"] = tokens(f"nhsuk-{module}__divider", divider_hidden)
