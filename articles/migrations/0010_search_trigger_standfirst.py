"""The search trigger of migration 0002, recreated on the renamed column: the
function's body names the column (NEW.dek would fail on every insert and update),
and the trigger fires on changes of headline, standfirst and body."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.{column}, '')), 'B') ||
        setweight(to_tsvector('english',
            regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article;
-- The column is called standfirst until migration 0009 is reversed (the trigger
-- follows a later rename by itself).
CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF headline, standfirst, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION.format(column="standfirst"))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Reversing 0009 next renames the column back to dek.
        schema_editor.execute(FUNCTION.format(column="dek"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_rename_dek_standfirst")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
