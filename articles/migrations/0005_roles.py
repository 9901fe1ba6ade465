"""The newsroom's roles, so a fresh install has them (see articles/workflow.py
for the rules each permission unlocks)."""

from django.db import migrations

from newsroom import roles
from newsroom.permissions import make_permissions

REPORTER = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.view_section",
    "articles.view_author",
    "articles.add_byline",
    "articles.change_byline",
    "articles.delete_byline",
    "articles.view_byline",
    "articles.add_editorialnote",
    "articles.view_editorialnote",
    "articles.view_articlerevision",
    "articles.view_correction",
    "taggit.add_tag",
    "taggit.view_tag",
]
EDITOR = REPORTER + [
    "articles.publish_article",
    "articles.edit_any_article",
    "articles.view_articletransition",
    "articles.add_correction",
    "articles.change_correction",
    "articles.delete_correction",
    "articles.add_previewlink",
    "articles.change_previewlink",
    "articles.view_previewlink",
    "articles.add_author",
    "articles.change_author",
    "comments.view_comment",
    "comments.change_comment",
    "comments.view_commentreport",
]
CHIEF_APPS = ["articles", "comments", "newsletter", "taggit", "auth"]

ROLES = {roles.REPORTER: REPORTER, roles.EDITOR: EDITOR}


def forwards(apps, schema_editor):
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    for role, names in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions(names))
    chief, _ = Group.objects.get_or_create(name=roles.CHIEF_EDITOR)
    chief.permissions.set(Permission.objects.filter(content_type__app_label__in=CHIEF_APPS))


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=roles.DESK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_articlerevision_articletransition_correction_and_more"),
        ("comments", "0002_discussion_settings_row"),
        ("newsletter", "0002_default_lists_and_group"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
