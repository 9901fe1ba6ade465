"""The renditions JSON names the original it describes (issue 9): while a new
upload waits for the task worker, the image field names the upload and the
JSON still describes the image the page shows, so the worker knows which files
to delete once the new one is in place."""

from django.db import migrations

IMAGES = [("Author", "photo"), ("Article", "lead_image"), ("BodyImage", "image")]


def name_originals(apps, schema_editor):
    for model_name, field in IMAGES:
        model = apps.get_model("articles", model_name)
        renditions = f"{field}_renditions"
        # Values, not instances: the historical models keep ImageRenditionsMixin
        # (0001's bases) but not its image_field, which its from_db() reads.
        rows = model.objects.exclude(**{field: ""}).values_list("pk", field, renditions)
        for pk, name, data in rows.iterator():
            data = data or {}
            if data.get("sources") and "original" not in data:
                model.objects.filter(pk=pk).update(**{renditions: {"original": name, **data}})


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_revision_snapshots_standfirst")]

    operations = [migrations.RunPython(name_originals, migrations.RunPython.noop)]
