from django.db import migrations

# Related posts count, per post, the taggings of a post's topics. taggit indexes
# (content_type, object_id, tag) for one post's topics; this index answers the other
# direction, every tagging of a few topics, from the index alone.
CREATE = (
    "CREATE INDEX IF NOT EXISTS blog_taggeditem_by_topic "
    "ON taggit_taggeditem (content_type_id, tag_id, object_id)"
)
DROP = "DROP INDEX IF EXISTS blog_taggeditem_by_topic"


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0006_public_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
