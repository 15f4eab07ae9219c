"""
The roles of the contract (Editors, Contributors, Bio managers) and what each may do.

The roles migration made the groups from its own frozen copy of this table, as migrations
must; this one is the current statement, used to make a role's group again where it is
missing (a database emptied between tests, a group deleted by mistake).
"""

from django.contrib.auth.models import Group, Permission

ACTIONS = ("add", "change", "delete", "view")

ROLES = {
    "Editors": {
        "blog": ["post", "postauthor", "pullquote", "correction", "reviewlink", "postslug"],
        "taggit": ["tag", "taggeditem"],
        "programs": ["program", "series"],
        "people": ["author", "position", "authorlink", "authortranslation"],
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
        "people": ["author", "position", "authorlink", "authortranslation"],
        "extra": [],
    },
}


def role_permissions(name):
    """The (app label, codename) pairs the role `name` holds."""
    grants = ROLES[name]
    return list(grants["extra"]) + [
        (app_label, f"{action}_{model}")
        for app_label, models in grants.items()
        if app_label != "extra"
        for model in models
        for action in ACTIONS
    ]


def role_group(name):
    """The group of the role `name`, made with the role's permissions if it is missing."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in role_permissions(name)
        )
    return group
