"""The security settings' one row, which chief editors may view and change."""

from django.db import migrations

from newsroom import roles
from newsroom.permissions import make_permissions


def forwards(apps, schema_editor):
    apps.get_model("newsroom", "SecuritySettings").objects.get_or_create(pk=1)
    make_permissions(apps, "newsroom")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief, _ = Group.objects.get_or_create(name=roles.CHIEF_EDITOR)
    chief.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="newsroom",
            codename__in=["view_securitysettings", "change_securitysettings"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        # After the roles are created with their permissions (which set()s the
        # chief editor's), so that this addition stays.
        ("articles", "0005_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
