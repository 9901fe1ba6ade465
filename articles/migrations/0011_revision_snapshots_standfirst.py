"""Revisions saved before migration 0009 keep the standfirst under "dek": give
it its new name, so that restoring and comparing old revisions still see it."""

from django.db import migrations

BATCH = 500


def rename_key(apps, old: str, new: str) -> None:
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    changed = []
    for revision in ArticleRevision.objects.only("data").iterator(chunk_size=BATCH):
        if isinstance(revision.data, dict) and old in revision.data:
            revision.data = {(new if key == old else key): v for key, v in revision.data.items()}
            changed.append(revision)
    ArticleRevision.objects.bulk_update(changed, ["data"], batch_size=BATCH)


def forwards(apps, schema_editor):
    rename_key(apps, "dek", "standfirst")


def backwards(apps, schema_editor):
    rename_key(apps, "standfirst", "dek")


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_search_trigger_standfirst")]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
