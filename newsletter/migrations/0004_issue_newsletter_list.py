"""Issue.newsletter becomes Issue.newsletter_list: it is a list, not a newsletter."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0003_send_permission"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="issue",
            name="issue_one_digest_a_day",
        ),
        migrations.RenameField(
            model_name="issue",
            old_name="newsletter",
            new_name="newsletter_list",
        ),
        migrations.AddConstraint(
            model_name="issue",
            constraint=models.UniqueConstraint(
                fields=("newsletter_list", "digest_date"), name="issue_one_digest_a_day"
            ),
        ),
    ]
