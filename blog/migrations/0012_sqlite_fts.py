"""
SQLite's search index: an FTS5 table of the indexed parts of each post (`PARTS` in
blog/search.py, in that order; its rowid is the post's id), filled from the posts.
PostgreSQL has its search entries (0008) and is left as it is.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    # unicode61 folds case and removes diacritics ("Órtega" is "ortega"); porter stems
    # English words as PostgreSQL's English configuration does ("ports" finds "port").
    schema_editor.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS blog_post_fts USING fts5("
        "title, dek, people, body, tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    from blog.search import reindex_all

    reindex_all()


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS blog_post_fts")


class Migration(migrations.Migration):

    dependencies = [
        ("blog", "0011_hero_image_unguessable_names"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
