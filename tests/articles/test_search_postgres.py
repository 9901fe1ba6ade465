"""Full-text search on PostgreSQL: a trigger-maintained tsvector, a GIN index,
stemming, ranking with headline matches first, each article searched with the
rules of its own language (issue 12)."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone, translation

from articles.models import Article
from articles.querysets import SEARCH_CONFIGS, search_config
from tests.conftest import postgres_only
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, postgres_only]

search_per_language = importlib.import_module("articles.migrations.0017_search_per_language")


def search(query, language=None):
    return [a.headline for a in Article.objects.published().search(query, language=language)]


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


SHUSHA = "Şuşa ilə Gəncə arasında yeni yol"


@pytest.fixture
def azerbaijani(section):
    return ArticleFactory(
        language="az",
        headline=SHUSHA,
        standfirst="Bakı yolu qısaldır.",
        body="<p>İşğal illərindən sonra ilk avtobus.</p>",
        section=section,
    )


@pytest.mark.parametrize(
    "query",
    [
        "Şuşa", "susa", "SUSA", "ŞUŞA",
        "Gəncə", "gence", "GƏNCƏ", "Gence",
        "Bakı", "baki", "BAKI", "Baki",
        "işğal", "isgal", "İŞĞAL", "ISGAL",
        "qisaldir", "ilk avtobus",
    ],
)  # fmt: skip
def test_azerbaijani_letters_match_with_and_without_diacritics(azerbaijani, query):
    """Readers type Azerbaijani on keyboards that may lack ə, ş, ğ, ı: the
    plain letters find the same words, in either case (İ and I included)."""
    assert search(query, language="az") == [SHUSHA]


def test_azerbaijani_words_are_not_stemmed_into_others(azerbaijani):
    assert search("Şuşalı", language="az") == []
    assert search("gənc", language="az") == []


def test_russian_words_match_in_other_forms(section):
    ArticleFactory(
        language="ru",
        headline="Новый раунд переговоров в Москве",
        body="<p>Делегации обсудили поставки газа.</p>",
        section=section,
    )
    for query in ["переговоры", "Москва", "москву", "ПЕРЕГОВОРАМИ", "поставка газ"]:
        assert search(query, language="ru") == ["Новый раунд переговоров в Москве"], query


def test_english_words_still_match_in_other_forms(section):
    ArticleFactory(language="en", headline="Ministers negotiating in Moscow", section=section)
    assert search("negotiations", language="en") == ["Ministers negotiating in Moscow"]


def test_a_search_finds_only_articles_in_its_language(section):
    ArticleFactory(language="en", headline="Baku hosts the climate talks", section=section)
    ArticleFactory(language="ru", headline="Baku: переговоры о климате", section=section)
    ArticleFactory(language="az", headline="Baku iqlim danışıqlarına ev sahibliyi edir")
    assert search("baku", language="en") == ["Baku hosts the climate talks"]
    assert search("baku", language="ru") == ["Baku: переговоры о климате"]
    assert search("talks", language="ru") == []
    # By default, the reader's language.
    assert search("baku") == ["Baku hosts the climate talks"]
    with translation.override("az"):
        assert search("baku") == ["Baku iqlim danışıqlarına ev sahibliyi edir"]


def test_a_language_without_its_own_rules_is_searched_word_for_word(section):
    ArticleFactory(language="de", headline="Neue Brücken für Gəncə", section=section)
    assert search("brücken", language="de") == ["Neue Brücken für Gəncə"]
    assert search("brücke", language="de") == []


def test_changing_an_articles_language_rebuilds_its_words(section):
    article = ArticleFactory(language="en", headline="Şuşa festivalı", section=section)
    Article.objects.filter(pk=article.pk).update(language="az")
    assert search("susa festivali", language="az") == ["Şuşa festivalı"]


def test_query_and_trigger_use_the_same_configuration(db):
    with connection.cursor() as cursor:
        for language in [*SEARCH_CONFIGS, "de", ""]:
            cursor.execute("SELECT articles_search_config(%s)::text", [language])
            assert cursor.fetchone()[0] == search_config(language), language


def test_the_migration_rebuilds_existing_articles_in_their_language(section):
    """Articles written before the migration were parsed as English: it
    parses them again in their own language, and reversing it goes back."""
    article = ArticleFactory(language="az", headline="Gəncədə bayram", section=section)
    ArticleFactory(language="ru", headline="Переговоров не будет", section=section)
    with connection.schema_editor() as editor:
        search_per_language.backwards(apps, editor)
    # (Reversed, there is no Azerbaijani configuration to search with.)
    article.refresh_from_db(fields=["search_vector"])
    assert "gəncədə" in article.search_vector and "gencede" not in article.search_vector
    assert search("переговоры", language="ru") == []
    with connection.schema_editor() as editor:
        search_per_language.forwards(apps, editor)
    assert search("gencede", language="az") == ["Gəncədə bayram"]
    assert search("переговоры", language="ru") == ["Переговоров не будет"]
