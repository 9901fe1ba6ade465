"""Full-text search on PostgreSQL: a trigger-maintained tsvector, a GIN index,
stemming, ranking with headline matches first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from tests.conftest import postgres_only
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, postgres_only]


def search(query):
    return [a.headline for a in Article.objects.published().search(query)]


def test_search_vector_is_kept_current_by_the_database(section):
    article = ArticleFactory(headline="Harvest begins in Lankaran", section=section)
    assert search("harvest") == ["Harvest begins in Lankaran"]
    # An update that bypasses save() is still seen by the trigger.
    Article.objects.filter(pk=article.pk).update(headline="Tea pickers return to the hills")
    assert search("harvest") == []
    assert search("tea") == ["Tea pickers return to the hills"]


def test_stemming_and_web_search_syntax(section):
    ArticleFactory(headline="Bridges repaired before winter", section=section)
    ArticleFactory(
        headline="Ferry timetable changes", body="<p>No bridge here</p>", section=section
    )
    assert search("bridge") == ["Bridges repaired before winter", "Ferry timetable changes"]
    assert search("bridge -ferry") == ["Bridges repaired before winter"]
    assert search('"timetable changes"') == ["Ferry timetable changes"]


def test_headline_matches_rank_above_body_matches(section):
    ArticleFactory(
        headline="Council meets",
        body="<p>" + "Metro metro metro. " * 20 + "</p>",
        section=section,
    )
    ArticleFactory(
        headline="Metro opens a new station",
        body="<p>Short.</p>",
        section=section,
        published_at=timezone.now() - timedelta(days=5),
    )
    assert search("metro") == ["Metro opens a new station", "Council meets"]


def test_markup_is_not_searchable(section):
    ArticleFactory(headline="Plain story", body='<p class="strong">Text</p>', section=section)
    assert search("strong") == []


def test_search_uses_the_gin_index(section):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_article_search_vector_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


def test_hostile_queries_do_not_error(client, section):
    ArticleFactory(section=section)
    for query in ["&&", "!!", "a:*", "'", "(", "<script>", "\\", "or", "-", "\x00", "a\x00b"]:
        assert client.get("/search/", {"q": query}).status_code == 200, query
