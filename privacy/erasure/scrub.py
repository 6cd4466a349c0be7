"""Finding a person's name, email address and ESR numbers in every text column of every
table (history tables too) and replacing them, so free text in other people's records
that names them no longer does.

What is searched for is exact (ignoring case): the full name both ways round ("Jo
Bloggs", "Bloggs, Jo"), the email address and the ESR numbers. A given or family name
on its own is not replaced: "Jo" or "Hall" would change words about other people."""

import re
from functools import reduce
from operator import or_

from django.apps import apps
from django.db import models

NAME_REMOVED = "[name removed]"


def identifiers(person):
    """The strings that identify `person` in free text, longest first (so a full name is
    replaced before a part of it): [(text, replacement)]."""
    found = {}
    given, family = person.given_name.strip(), person.family_name.strip()
    if given and family:
        found[f"{given} {family}"] = NAME_REMOVED
        found[f"{family}, {given}"] = NAME_REMOVED
        found[f"{family} {given}"] = NAME_REMOVED
    if person.email:
        found[person.email] = "[email removed]"
    for number in (person.employee_number, person.assignment_number):
        if number and len(number) >= 4:  # a short number is in too many other texts
            found[number] = "[number removed]"
    return sorted(found.items(), key=lambda item: -len(item[0]))


def _text_columns(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        and not field.primary_key
        and not field.choices
    ]


def _replace(value, pattern, replacements):
    if isinstance(value, str):
        return pattern.sub(lambda m: replacements.get(m.group(0).casefold(), NAME_REMOVED), value)
    if isinstance(value, list):
        return [_replace(item, pattern, replacements) for item in value]
    if isinstance(value, dict):
        return {
            _replace(k, pattern, replacements): _replace(v, pattern, replacements)
            for k, v in value.items()
        }
    return value


def _matcher(found):
    replacements = {text.casefold(): replacement for text, replacement in found}
    pattern = re.compile("|".join(re.escape(text) for text, _ in found), re.IGNORECASE)
    return pattern, replacements


def scrub_text(person, text):
    """`text` with `person`'s identifiers replaced."""
    found = identifiers(person)
    return _replace(text, *_matcher(found)) if found else text


def scrub(person, *, skip=()):
    """Replace `person`'s identifiers in every text column of every installed model but
    those in `skip`. Writes with `update()`: no signals, no new history rows. Returns
    the number of rows changed by model label."""
    found = identifiers(person)
    if not found:
        return {}
    pattern, replacements = _matcher(found)
    changed = {}
    for model in apps.get_models():
        if model in skip or model._meta.proxy or not model._meta.managed:
            continue
        columns = _text_columns(model)
        if not columns:
            continue
        where = reduce(or_, (models.Q(**{f"{c.name}__icontains": text})
                             for c in columns for text, _ in found))  # fmt: skip
        names = [c.attname for c in columns]
        pk = model._meta.pk.attname
        rows = 0
        for row in model._base_manager.filter(where).values(pk, *names).iterator():
            update = {}
            for name in names:
                new = _replace(row[name], pattern, replacements)
                if new != row[name]:
                    update[name] = new
            if update:
                model._base_manager.filter(**{pk: row[pk]}).update(**update)
                rows += 1
        if rows:
            changed[model._meta.label] = rows
    return changed
