from django.db import migrations, models


class Migration(migrations.Migration):
    """The sending loop's claim, one index probe instead of a walk past every
    delivery already sent (the new index first, so sends keep one meanwhile)."""

    dependencies = [
        ("newsletter", "0005_issue_heartbeat_at"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(fields=["issue", "status", "id"], name="delivery_queue"),
        ),
        migrations.RemoveIndex(
            model_name="delivery",
            name="delivery_issue_status",
        ),
    ]
