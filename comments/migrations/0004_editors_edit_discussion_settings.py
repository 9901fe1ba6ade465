"""Editors edit the discussion settings (issue 4: "Discussion settings editable
by editors"); the "Editor" group comes from articles/migrations/0005_roles.py."""

from django.db import migrations

from newsroom import roles
from newsroom.permissions import make_permissions

CODENAMES = ["view_discussionsettings", "change_discussionsettings"]


def forwards(apps, schema_editor):
    make_permissions(apps, "comments")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="comments", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name=roles.EDITOR):
        group.permissions.add(*permissions)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="comments", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name=roles.EDITOR):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_commentreport_dismissed_at"),
        ("articles", "0005_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
