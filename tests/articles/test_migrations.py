"""Data migrations of the articles app, run on rows shaped as before them."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from articles.models import ArticleRevision
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

rename_snapshots = importlib.import_module("articles.migrations.0011_revision_snapshots_standfirst")


def test_old_revision_snapshots_get_the_standfirst_key_and_back(section):
    article = ArticleFactory(section=section)
    old = ArticleRevision.objects.create(
        article=article, data={"headline": "Harbour", "dek": "Ferries return."}
    )
    new = ArticleRevision.objects.create(
        article=article, data={"headline": "Harbour", "standfirst": "Already renamed."}
    )
    rename_snapshots.forwards(apps, None)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.data == {"headline": "Harbour", "standfirst": "Ferries return."}
    assert new.data == {"headline": "Harbour", "standfirst": "Already renamed."}
    rename_snapshots.backwards(apps, None)
    old.refresh_from_db()
    assert old.data == {"headline": "Harbour", "dek": "Ferries return."}


give_stories = importlib.import_module("articles.migrations.0015_article_language")


def test_articles_from_before_languages_each_become_a_story_of_their_own(section):
    """Migration 0015 gives every existing article its own story key (a callable
    default would give them all the same, and the one-version-per-language
    constraint would refuse the second)."""
    articles = ArticleFactory.create_batch(3, section=section)
    with connection.cursor() as cursor:
        # What the migration uses of its schema editor (SQLite's refuses to
        # open inside the test's transaction).
        editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        give_stories.give_each_its_own_story(apps, editor)
    keys = {article.pk: article.translation_key for article in articles}
    for article in articles:
        article.refresh_from_db()
    assert len({article.translation_key for article in articles}) == 3
    assert all(keys[article.pk] != article.translation_key for article in articles)
