"""A fresh install has the outlet's two lists and the "Newsletter manager" role."""

from django.db import migrations

from newsroom import roles
from newsroom.permissions import make_permissions

LISTS = [
    {
        "slug": "daily-briefing",
        "name": "Daily briefing",
        "description": "The morning’s top stories from Baku and the regions, chosen by our editors, "
        "every day at seven.",
        "order": 1,
        "is_default": True,
        "daily_digest": True,
    },
    {
        "slug": "breaking-news",
        "name": "Breaking news",
        "description": "Only when something important happens: a few emails a month.",
        "order": 2,
        "is_default": False,
        "daily_digest": False,
    },
]


def forwards(apps, schema_editor):
    NewsletterList = apps.get_model("newsletter", "NewsletterList")
    for data in LISTS:
        NewsletterList.objects.get_or_create(slug=data["slug"], defaults=data)

    # Permissions are normally created after all migrations; the group needs them now.
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=roles.NEWSLETTER_MANAGER)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletter"),
        *Permission.objects.filter(
            content_type__app_label="articles", codename__in=["view_article"]
        ),
    )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=roles.NEWSLETTER_MANAGER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("articles", "0002_search_trigger"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
