"""Full-text search on PostgreSQL: a trigger-maintained tsvector, a GIN index,
stemming, ranking with headline matches first, each article searched with the
rules of its own language (issue 12)."""

import importlib
import json
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def result_snippets(client, query) -> list[str]:
    html = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'<p class="card__dek card__snippet">(.*?)</p>', html, re.S)


def test_snippet_marks_the_stemmed_matches_with_ts_headline(client, section):
    """Issue 11: ts_headline marks every form of the searched word (stemmed
    in the search's configuration), in the body's text, markup stripped."""
    ArticleFactory(
        headline="Council meets",
        standfirst="A routine agenda.",
        body="<p>Two <strong>bridges</strong> need repairs; the bridge at Mingachevir first.</p>",
        section=section,
    )
    (snippet,) = result_snippets(client, "bridge")
    assert "Two <mark>bridges</mark> need repairs; the <mark>bridge</mark> at" in snippet
    assert "<strong>" not in snippet


def test_snippet_is_escaped_and_only_postgresql_marks_are_marks(client, section):
    ArticleFactory(
        headline="Harbour notes",
        standfirst="\ue000Forged\ue001 <i>mark</i>",
        body='<p>harbour &lt;script&gt;alert("x")&lt;/script&gt; &#57344;quay</p>',
        section=section,
    )
    (snippet,) = result_snippets(client, "harbour script")
    assert snippet.count("<mark>") == 2
    assert "<mark>harbour</mark>" in snippet and "&lt;<mark>script</mark>&gt;" in snippet
    assert "Forged" in snippet and "<mark>Forged" not in snippet
    assert "<i>" not in snippet and "<script" not in snippet


def test_snippets_are_computed_for_the_page_shown_only(client, section, settings):
    """ts_headline parses a story's whole text: PostgreSQL computes it after
    sorting and limiting the matches, for the page's rows, not for every match
    (a common word matches up to ``SEARCH_CANDIDATES``)."""
    settings.ARTICLES_PER_PAGE = 3
    for n in range(20):
        ArticleFactory(section=section, slug=f"harbour-{n}", body=f"<p>The harbour, day {n}.</p>")
    with CaptureQueriesContext(connection) as captured:
        assert len(result_snippets(client, "harbour")) == 3
    (page_query,) = [q["sql"] for q in captured if "ts_headline" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) " + page_query)
        plan = cursor.fetchone()[0]
    plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    # The node that computes it lists the call itself; nodes above it list
    # its result, in parentheses.
    computing = [
        node
        for node in plan_nodes(plan)
        if any(item.startswith("ts_headline(") for item in node.get("Output", []))
    ]
    assert computing
    assert all(node["Actual Rows"] * node["Actual Loops"] <= 3 for node in computing)


def snippet_of(query, language) -> str:
    (article,) = Article.objects.published().search(query, language=language)
    return article.snippet_text.replace("\ue000", "[").replace("\ue001", "]")


def test_snippets_mark_words_with_the_rules_of_the_articles_language(section):
    """ts_headline runs in the search's configuration (issue 12): Russian words
    in other forms, Azerbaijani letters typed without their diacritics."""
    ArticleFactory(
        language="ru",
        headline="Переговоры",
        standfirst="",
        body="<p>Делегации обсудили поставки газа в Москве.</p>",
        section=section,
    )
    ArticleFactory(
        language="az",
        headline="Festival",
        standfirst="",
        body="<p>Şuşa festivalı Gəncədə də başlayır.</p>",
        section=section,
    )
    assert "обсудили [поставки] газа в [Москве]" in snippet_of("поставка москва", "ru")
    assert "[Şuşa] festivalı" in snippet_of("susa", "az")
    assert "[Gəncədə]" in snippet_of("Gəncədə", "az")


def plan_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)
