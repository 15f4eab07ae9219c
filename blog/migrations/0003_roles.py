"""The three roles of the contract, as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editors": {
        "blog": ["post", "postauthor", "pullquote", "correction", "reviewlink", "postslug"],
        "taggit": ["tag", "taggeditem"],
        "programs": ["program", "series"],
        "people": ["author", "position", "authorlink"],
        "extra": [("blog", "publish_post"), ("blog", "view_revision")],
    },
    "Contributors": {
        "blog": [],
        "extra": [
            ("blog", "add_post"),
            ("blog", "change_post"),
            ("blog", "view_post"),
            *[
                (app, f"{action}_{model}")
                for app, model in [("blog", "postauthor"), ("blog", "pullquote")]
                for action in ("add", "change", "delete", "view")
            ],
            ("blog", "view_revision"),
            ("blog", "add_reviewlink"),
            ("blog", "change_reviewlink"),
            ("blog", "view_reviewlink"),
            # To pick authors, programs and series in the post form.
            ("people", "view_author"),
            ("programs", "view_program"),
            ("programs", "view_series"),
            ("taggit", "view_tag"),
        ],
    },
    "Bio managers": {
        "people": ["author", "position", "authorlink"],
        "extra": [],
    },
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = list(grants.get("extra", []))
        for app_label, models in grants.items():
            if app_label == "extra":
                continue
            for model in models:
                wanted += [(app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in wanted
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_editorial_workflow"),
        ("people", "0001_initial"),
        ("programs", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
