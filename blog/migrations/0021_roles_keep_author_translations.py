"""Editors and Bio managers keep a person's titles and bio in other languages too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Editors", "Bio managers"]


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    app_config = apps.get_app_config("people")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="people", codename__endswith="_authortranslation"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="people", codename__endswith="_authortranslation"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0020_body_changed_at"),
        ("people", "0005_author_translations"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
