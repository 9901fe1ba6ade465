"""Chief editors read the site-wide audit trail (superusers always may)."""

from django.db import migrations

from newsroom import roles
from newsroom.permissions import make_permissions


def forwards(apps, schema_editor):
    make_permissions(apps, "newsroom")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="newsroom", codename="view_auditentry")
    for group in Group.objects.filter(name=roles.CHIEF_EDITOR):
        group.permissions.add(view)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="newsroom", codename="view_auditentry")
    for group in apps.get_model("auth", "Group").objects.filter(name=roles.CHIEF_EDITOR):
        group.permissions.remove(*view)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_audit_entry"),
        # The "Chief editor" role is created there, its permissions set (not added to).
        ("articles", "0005_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
