"""The article's standfirst keeps the name the admin and the newsroom use for it
(it was "dek" in the code)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_fill_empty_tag_slugs")]

    operations = [migrations.RenameField("article", "dek", "standfirst")]
