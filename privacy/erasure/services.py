"""Erasing a person (UK GDPR article 17, the right to erasure): what they wrote, their
files and every history copy go; their row stays, anonymised, where other people's
records point to it; an `Erasure` row says who erased them, when and why.
docs/adr/0038-erasure-and-retention.md; what each model gets is in registry.py."""

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models.deletion import CASCADE

from people.models import Person
from people.signals import people_changed_in_bulk

from . import registry, scrub
from .models import Erasure
from .removal import Removal, history_model, is_history


class ErasureRefused(Exception):
    """The person cannot be erased; the message says why, in plain words."""


def refusal(person, by):
    """Why `by` may not erase `person` (a sentence), or None if they may. `by` is None
    for the retention rules."""
    if by is not None and person.pk == by.pk:
        return "You cannot erase yourself. Ask another administrator."
    if Erasure.objects.filter(person=person).exists():
        return "This person has already been erased."
    if person.is_staff and person.is_active:
        others = Person.objects.filter(is_staff=True, is_active=True).exclude(pk=person.pk)
        if not others.exists():
            return "This is the last administrator. Make someone else an administrator first."
    reports = Person.objects.filter(line_manager=person, is_active=True).count()
    if reports:
        people = "person" if reports == 1 else "people"
        return (
            f"They are the line manager of {reports} {people}. Give them a new line "
            "manager first, so that what they shared goes to the right person."
        )
    return None


def owned_querysets(person):
    """Every queryset of rows erasure deletes for `person`, in the order it deletes
    them: registry.CONTAINING, registry.OWNED, then every CASCADE key to the person
    (other than registry.KEPT and history tables)."""
    yield from _listed_querysets(person)
    for model, name in _cascade_keys():
        yield model._base_manager.filter(**{name: person})


def _listed_querysets(person):
    for label, lookup in registry.CONTAINING + registry.OWNED:
        if callable(lookup):
            yield lookup(person)
            continue
        yield apps.get_model(label)._base_manager.filter(**{lookup: person}).distinct()


def _cascade_keys():
    """(model, name of its key) of every CASCADE key to Person erasure follows."""
    # Hidden keys too (related_name="+", such as a form's answer kept for a resend):
    # `_meta.related_objects` leaves them out.
    for relation in Person._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.is_relation):
            continue
        model = relation.related_model
        if (
            relation.many_to_many
            or relation.on_delete is not CASCADE
            or is_history(model)
            or (model._meta.label, relation.field.name) in registry.KEPT
        ):
            continue
        yield model, relation.field.name


def preview(person):
    """How many rows of each kind erasing `person` would delete, before anything is
    deleted, for the confirmation page: ({verbose name (plural): count} of their own
    records, the same of files made from several people's records that are removed
    because they may name them, registry.MAY_NAME)."""
    listed = list(_listed_querysets(person))
    cascade = list(_cascade_keys())
    models = [queryset.model for queryset in listed] + [model for model, _ in cascade]
    own, naming = {}, {}
    for model, n in zip(models, _counts(listed, cascade, person), strict=True):
        if n:
            name = str(model._meta.verbose_name_plural)
            counts = naming if model._meta.label in registry.MAY_NAME else own
            counts[name] = counts.get(name, 0) + n
    return own, naming


def _counts(querysets, keys, person):
    """The number of rows of each of `querysets`, then of each (model, key) of `keys`
    pointing at `person` (the rows owned_querysets gives for them), in one statement
    rather than one a kind: SELECT (SELECT COUNT(*) ...), ..."""
    connection = connections["default"]
    parts, params, empty = [], [], set()
    for i, queryset in enumerate(querysets):
        try:
            # The primary key alone, unordered: the same rows (a DISTINCT still removes
            # the repeats a join makes), without reading every column.
            sql, args = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            empty.add(i)
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS c{i})")
        params.extend(args)
    # A key to the person is one column: compiled here rather than by a queryset
    # each (a filter and a compile cost more than the count itself).
    qn = connection.ops.quote_name
    for model, name in keys:
        key = model._meta.get_field(name)
        parts.append(
            f"(SELECT COUNT(*) FROM {qn(model._meta.db_table)} WHERE {qn(key.column)} = %s)"
        )
        params.append(getattr(person, key.target_field.attname))
    found = []
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            found = list(cursor.fetchone())
    found.reverse()
    return [0 if i in empty else found.pop() for i in range(len(querysets) + len(keys))]


def _remove_authored(person, counts):
    for label, key, values in registry.AUTHORED:
        model = apps.get_model(label)
        rows = model._base_manager.filter(**{key: person})
        pks = list(rows.values_list("pk", flat=True))
        if not pks:
            continue
        rows.update(**values)
        counts[label] = counts.get(label, 0) + len(pks)
        history = history_model(model)
        if history is not None:
            fields = {f.name for f in history._meta.concrete_fields}
            kept = {name: value for name, value in values.items() if name in fields}
            if kept:
                history.objects.filter(**{f"{model._meta.pk.attname}__in": pks}).update(**kept)


def _anonymise(person):
    Person._base_manager.filter(pk=person.pk).update(
        email=f"erased-{person.pk}@erased.invalid",
        given_name="Erased",
        family_name=f"person {person.pk}",
        job_title="",
        pay_band="",
        staff_group="",
        assignment_number=None,
        employee_number=None,
        unit=None,
        line_manager=None,
        is_active=False,
        is_staff=False,
        is_superuser=False,
        last_login=None,
        password=make_password(None),
    )
    person.groups.clear()
    person.user_permissions.clear()
    history_model(Person).objects.filter(id=person.pk).delete()
    # The update above sends no post_save: what counts people by unit renews here.
    people_changed_in_bulk.send(sender=__name__)


def erase(person, *, by, reason):
    """Erase `person`: delete every row that is theirs (see owned_querysets) with its
    files and history copies, remove what they wrote in others' records
    (registry.AUTHORED), replace their name, email and numbers wherever they appear in
    free text (scrub.py), and anonymise their row. Writes an `Erasure` with `by` (None:
    the retention rules), the reason (scrubbed of the same identifiers) and counts.
    Raises ErasureRefused with the sentence from `refusal`. Returns the Erasure."""
    why_not = refusal(person, by)
    if why_not:
        raise ErasureRefused(why_not)
    person = Person._base_manager.get(pk=person.pk)  # the stored names, not a form's
    removal = Removal()
    with transaction.atomic():
        # Two administrators erasing each other at once each saw the other still there:
        # the administrators are locked, and the rule asked again under the lock.
        list(Person.objects.select_for_update().filter(is_staff=True, is_active=True))
        why_not = refusal(person, by)
        if why_not:
            raise ErasureRefused(why_not)
        for queryset in owned_querysets(person):
            removal.delete(queryset)
        removal.finish()
        counts = dict(removal.counts)
        _remove_authored(person, counts)
        for label, n in scrub.scrub(person, skip=(Person,)).items():
            counts[label] = counts.get(label, 0) + n
        reason = scrub.scrub_text(person, reason)
        _anonymise(person)
        erasure = Erasure.objects.create(
            person_id=person.pk, erased_by=by, reason=reason, counts=counts
        )
    removal.remove_files()
    return erasure
