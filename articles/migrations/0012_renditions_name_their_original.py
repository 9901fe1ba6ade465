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
        rows = model.objects.exclude(**{field: ""}).only("pk", field, renditions)
        for row in rows.iterator():
            data = getattr(row, renditions) or {}
            if data.get("sources") and "original" not in data:
                setattr(row, renditions, {"original": getattr(row, field).name, **data})
                row.save(update_fields=[renditions])


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_revision_snapshots_standfirst")]

    operations = [migrations.RunPython(name_originals, migrations.RunPython.noop)]
