"""Sending becomes a permission of its own, given to the roles that send."""

from django.db import migrations

from newsroom import roles
from newsroom.permissions import make_permissions

ROLES = [roles.NEWSLETTER_MANAGER, roles.CHIEF_EDITOR]


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need it now.
    make_permissions(apps, "newsletter")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    send = Permission.objects.get(content_type__app_label="newsletter", codename="send_issue")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(send)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="newsletter", codename="send_issue"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_default_lists_and_group"),
        # The "Chief editor" role is created there.
        ("articles", "0005_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="issue",
            options={
                "get_latest_by": "created_at",
                "ordering": ["-created_at"],
                "permissions": [
                    ("send_issue", "Can send newsletter issues (tests, now, scheduled)")
                ],
                "verbose_name": "newsletter issue",
                "verbose_name_plural": "newsletter issues",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
