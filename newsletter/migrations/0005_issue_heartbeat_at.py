"""A send's heartbeat, so a stalled send is found from our own records."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0004_issue_newsletter_list"),
    ]

    operations = [
        migrations.AddField(
            model_name="issue",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
