"""Topics named in Cyrillic had addresses taggit wrote in Cyrillic, which the topic page's
URL cannot hold: each is given its transliteration, numbered if it is taken."""

from django.db import migrations
from django.utils.text import slugify

from core.text import transliterate


def latin_topic_addresses(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.all():
        if tag.slug.isascii():
            continue
        base = slugify(transliterate(tag.slug)) or "topic"
        slug, number = base, 1
        while slug in taken:
            slug, number = f"{base}_{number}", number + 1
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0018_post_language"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(latin_topic_addresses, migrations.RunPython.noop)]
