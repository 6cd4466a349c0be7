"""The LED team may publish new versions of the question bank in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    f"{action}_{model}"
    for model in ("questionbank", "journalsection", "question")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make careers' now.
    from django.apps import apps as global_apps

    create_permissions(global_apps.get_app_config("careers"), apps=apps, verbosity=0)
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="LED")
    permission = apps.get_model("auth", "Permission")
    group.permissions.add(
        *permission.objects.filter(content_type__app_label="careers", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="LED").first()
    if group:
        group.permissions.remove(*group.permissions.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0002_ship_question_bank"),
        ("people", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
