"""Indexes for what readers see at scale (issue 9): partial indexes matching
the published() queryset, newest first, that carry the expiry time so that pages
of keys are read from the index alone; bylines by author; and, on PostgreSQL,
django-taggit's rows by article. Taggit keeps the article's key as an integer
and joins it to the bigint primary key through a cast, which its own indexes
cannot serve: this one indexes the cast (and carries the column itself, which
an index-only scan needs), so that neither side of a tag page reads the table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


TAGGED_ITEM_INDEX = """
CREATE INDEX taggeditem_tag_article
    ON taggit_taggeditem (tag_id, content_type_id, ((object_id)::bigint)) INCLUDE (object_id);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TAGGED_ITEM_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS taggeditem_tag_article")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_renditions_name_their_original"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_section_published",
        ),
        migrations.AlterField(
            model_name="byline",
            name="author",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bylines",
                to="articles.author",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-published_at", "-id", "expires_at"],
                name="article_published_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["section", "-published_at", "-id", "expires_at"],
                name="article_section_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(fields=["author", "article"], name="byline_author_article"),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
