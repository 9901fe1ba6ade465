"""Search in each article's own language (issue 12): the trigger of migrations
0002/0010 builds the search vector with the text search configuration of
NEW.language (English and Russian stemming; Azerbaijani without stemming but
with its letters folded, so that "susa" finds "Şuşa"), and the query side uses
the same mapping (articles/querysets.py, ``search_config``). Headline,
standfirst and body keep their weights A, B and C.

PostgreSQL only; on SQLite search stays LIKE-based and this does nothing."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# unaccent is a trusted extension from PostgreSQL 13: the database's owner may
# create it without being a superuser.
FORWARDS = """
-- Azerbaijani has no snowball stemmer in PostgreSQL: its words are kept whole
-- (simple), after unaccent has folded ş ğ ı ö ü ç (and İ, whose lower case is
-- then a plain i) to ASCII, so readers find "Şuşa" by "susa" and "Bakı" by "baki".
CREATE TEXT SEARCH CONFIGURATION newsroom_az (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION newsroom_az
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart,
                      word, hword, hword_part, numword, numhword, hword_numpart
    WITH unaccent, simple;

-- The configuration of an article's language; a language enabled later
-- (NEWSROOM_LANGUAGES) is searched word for word until it gets its own.
-- Must match SEARCH_CONFIGS in articles/querysets.py.
CREATE FUNCTION articles_search_config(language text) RETURNS regconfig AS $$
    SELECT CASE language
        WHEN 'en' THEN 'english'
        WHEN 'ru' THEN 'russian'
        WHEN 'az' THEN 'newsroom_az'
        ELSE 'simple'
    END::regconfig
$$ LANGUAGE sql STABLE;

-- PostgreSQL's unaccent.rules has no rule for the schwa (ə, Ə), the commonest
-- Azerbaijani vowel, and a rules file cannot be added on a managed database:
-- it is folded to e here, on the document side, and by fold_search_text() in
-- articles/querysets.py on the query side, so "gence" finds "Gəncə".
CREATE FUNCTION articles_search_text(language text, document text) RETURNS text AS $$
    SELECT CASE WHEN language = 'az' THEN translate(document, 'əƏ', 'eE') ELSE document END
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
DECLARE
    config regconfig := articles_search_config(NEW.language);
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(config,
            articles_search_text(NEW.language, coalesce(NEW.headline, ''))), 'A') ||
        setweight(to_tsvector(config,
            articles_search_text(NEW.language, coalesce(NEW.standfirst, ''))), 'B') ||
        setweight(to_tsvector(config, articles_search_text(NEW.language,
            regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g'))), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- A change of language changes the words' stems.
DROP TRIGGER articles_article_search_vector ON articles_article;
CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF headline, standfirst, body, language ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update();

-- Every existing article's vector, built again in its own language.
UPDATE articles_article SET language = language;
"""

# Migration 0010's trigger: every article in English again.
BACKWARDS = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.standfirst, '')), 'B') ||
        setweight(to_tsvector('english',
            regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER articles_article_search_vector ON articles_article;
CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF headline, standfirst, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update();

UPDATE articles_article SET headline = headline;

DROP FUNCTION articles_search_text(text, text);
DROP FUNCTION articles_search_config(text);
DROP TEXT SEARCH CONFIGURATION newsroom_az;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_section_translations")]

    operations = [
        # Does nothing on SQLite.
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
