"""A follow-up email that fails is recorded and tried a bounded number of times; the
LED team may see where each follow-up email stands in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CODENAMES = ["view_evaluation"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make learning's now.
    from django.apps import apps as global_apps

    create_permissions(global_apps.get_app_config("learning"), apps=apps, verbosity=0)
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="LED")
    permission = apps.get_model("auth", "Permission")
    group.permissions.add(
        *permission.objects.filter(content_type__app_label="learning", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="LED").first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="learning", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0007_catalogue_ratings_token"),
        ("people", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluation",
            name="follow_up_attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="evaluation",
            name="follow_up_error",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="evaluation",
            name="follow_up_failed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(grant, revoke),
    ]
