"""Tags saved with an empty slug (a name of punctuation only) before
articles/signals.py gave them one: their links were 500s."""

from django.db import migrations

from articles.signals import fallback_slug


def fill(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = fallback_slug(tag.name)
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_body_images"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
