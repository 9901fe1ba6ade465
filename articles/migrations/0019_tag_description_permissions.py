"""Editors and chief editors write tag descriptions (issue 11). The
description is edited on the tag's admin page, which editors could only view:
they may now change tags (the name too, as they may change authors)."""

from django.db import migrations

from newsroom import roles
from newsroom.permissions import make_permissions

GRANTS = {
    roles.EDITOR: [
        ("taggit", "change_tag"),
        ("articles", "add_tagdescription"),
        ("articles", "change_tagdescription"),
        ("articles", "view_tagdescription"),
    ],
    roles.CHIEF_EDITOR: [
        ("articles", "add_tagdescription"),
        ("articles", "change_tagdescription"),
        ("articles", "delete_tagdescription"),
        ("articles", "view_tagdescription"),
    ],
}


def permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in names
    ]


def forwards(apps, schema_editor):
    make_permissions(apps, "articles")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        group.permissions.add(*permissions(apps, GRANTS[group.name]))


def backwards(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions(apps, GRANTS[group.name]))


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_tag_description")]

    operations = [migrations.RunPython(forwards, backwards)]
