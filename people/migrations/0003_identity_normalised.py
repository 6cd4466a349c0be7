"""Stored email addresses become the identity they stand for (people.identity),
before the check constraint that keeps them so. Two people whose addresses are
the same identity, or an address that is not plain ASCII once normalised, stop
the migration with the rows named: an administrator decides which is right."""

import re
import unicodedata

from django.db import migrations, models

import people.identity

STORED = re.compile(r"^[-a-z0-9!#$%&'*+/=?^_`{|}~.@]+$")


def _normalise(text):
    # As people.identity.normalise_email when this migration was written.
    text = unicodedata.normalize("NFKC", str(text or "")).strip()
    return unicodedata.normalize("NFKC", text.casefold()).strip()


def normalise_emails(apps, schema_editor):
    person = apps.get_model("people", "Person")
    seen, clashes, not_plain, changed = {}, [], [], []
    for pk, email in person.objects.order_by("pk").values_list("pk", "email"):
        identity = _normalise(email)
        if identity in seen:
            clashes.append(f"{email!r} (id {pk}) and id {seen[identity]}")
        seen[identity] = pk
        if not STORED.match(identity):
            not_plain.append(f"{email!r} (id {pk})")
        if identity != email:
            changed.append((pk, identity))
    if clashes or not_plain:
        raise RuntimeError(
            "Some email addresses need an administrator's decision before this update: "
            + "; ".join(
                [f"same address: {c}" for c in clashes]
                + [f"not plain letters a to z: {n}" for n in not_plain]
            )
        )
    for pk, identity in changed:
        person.objects.filter(pk=pk).update(email=identity)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('people', '0002_role_groups'),
    ]

    operations = [
        migrations.RunPython(normalise_emails, migrations.RunPython.noop),
        migrations.CreateModel(
            name='ThrottleCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(max_length=40)),
                ('key', models.CharField(max_length=64)),
                ('window_start', models.DateTimeField()),
                ('expires_at', models.DateTimeField(db_index=True)),
                ('count', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AlterField(
            model_name='historicalperson',
            name='email',
            field=models.EmailField(db_index=True, max_length=254, validators=[people.identity.validate_directory_email], verbose_name='email address'),
        ),
        migrations.AlterField(
            model_name='person',
            name='email',
            field=models.EmailField(max_length=254, unique=True, validators=[people.identity.validate_directory_email], verbose_name='email address'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.CheckConstraint(condition=models.Q(('email__regex', "^[-a-z0-9!#$%&'*+/=?^_`{|}~.@]+$")), name='person_email_normalised', violation_error_message='Enter an email address using only the letters a to z, numbers and symbols such as . - _ and @'),
        ),
        migrations.AddConstraint(
            model_name='throttlecount',
            constraint=models.UniqueConstraint(fields=('scope', 'key', 'window_start'), name='throttle_count_unique'),
        ),
    ]
