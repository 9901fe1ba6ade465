"""The shared page cache (newsroom/page_cache.py): readers get stored pages,
and every change reaches every page that shows it at once."""

import gzip
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles import services
from articles.models import Article, Correction, PreviewLink
from comments.models import DiscussionSettings
from tests.conftest import committed
from tests.factories import ArticleFactory
from tests.page_cache import GZIP, get, prime, text


def directives(response) -> dict:
    found = {}
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        found[name] = int(value) if value else True
    return found


def test_a_second_reader_gets_the_stored_page_without_running_anything(article):
    url = article.get_absolute_url()
    first = get(url, **GZIP)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = get(url, **GZIP)
    assert second["X-Page-Cache"] == "hit"
    assert queries.captured_queries == []
    assert second.content == first.content
    assert second["Content-Encoding"] == "gzip"
    assert article.headline in gzip.decompress(second.content).decode()
    # A reader whose browser takes no gzip has a copy of their own.
    plain = get(url)
    assert plain["X-Page-Cache"] == "miss" and "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(first.content)
    assert get(url)["X-Page-Cache"] == "hit"


def test_stored_pages_say_how_long_caches_in_front_may_keep_them(article):
    url = article.get_absolute_url()
    for response in (get(url, **GZIP), get(url, **GZIP)):
        assert directives(response) == {
            "public": True,
            "max-age": 30,
            "s-maxage": 10,
            "stale-while-revalidate": 30,
            "stale-if-error": 86400,
        }
        assert response["X-Accel-Expires"] == "10"
        # The bytes differ by encoding, and for a commenter (newsroom/http.py).
        assert {part.strip() for part in response["Vary"].split(",")} == {
            "Accept-Encoding",
            "Cookie",
        }
        assert response.has_header("ETag")
    # A conditional request is answered from the cache with 304.
    again = get(url, **GZIP, **{"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and again["X-Page-Cache"] == "hit"
    assert again.content == b""
    assert directives(again)["public"]


def test_head_gets_the_stored_headers_without_a_body(article):
    url = article.get_absolute_url()
    body = get(url).content
    head = Client().head(url)
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b"" and int(head["Content-Length"]) == len(body)


def test_the_cache_can_be_turned_off_keeping_the_http_headers(article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = article.get_absolute_url()
    get(url)
    second = get(url)
    assert second["X-Page-Cache"] == "miss"
    assert directives(second)["public"]


@pytest.mark.parametrize(
    "cookie", ["sessionid", "comment_author", "comment_mine", "comment_notice"]
)
def test_a_reader_with_a_session_or_comment_cookie_gets_a_fresh_page(article, cookie):
    url = article.get_absolute_url()
    prime(url)
    client = Client()
    client.cookies[cookie] = "anything"
    response = client.get(url)
    assert response["X-Page-Cache"] == "bypass"
    # And what was rendered for them is not stored for others.
    assert get(url)["X-Page-Cache"] == "hit"


def test_the_admin_posts_and_preview_links_are_never_stored(article, users):
    for url in ("/admin/login/", "/admin/"):
        get(url)
        response = get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "public" not in response.get("Cache-Control", ""), url
    link = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() + timedelta(days=1)
    )
    preview = f"/preview/{link.token}/"
    get(preview)
    response = get(preview)
    assert response["X-Page-Cache"] == "miss"
    assert "no-store" in response["Cache-Control"]
    prime("/")
    assert "X-Page-Cache" not in Client().post("/")


def test_a_scheduled_story_appears_when_due_without_any_job(article, section):
    ArticleFactory(
        section=section,
        headline="Metro line opens at noon",
        published_at=timezone.now() + timedelta(seconds=20),
    )
    home = get("/")
    assert "Metro line opens" not in home.content.decode()
    # No cache may keep the page past the publication time.
    assert directives(home)["max-age"] <= 20 and directives(home)["s-maxage"] <= 10
    assert "stale-while-revalidate" not in directives(home)
    assert get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(timezone.now() + timedelta(seconds=21)):
        assert "Metro line opens" in text("/")
        assert "Metro line opens" in text(section.get_absolute_url())


def test_an_expiring_story_goes_when_due(article):
    article.expires_at = timezone.now() + timedelta(minutes=3)
    article.save()
    prime("/", "/feed/")
    assert article.headline in text("/")
    with time_machine.travel(timezone.now() + timedelta(minutes=3, seconds=1)):
        assert article.headline not in text("/")
        assert article.headline not in text("/feed/")
        assert get(article.get_absolute_url()).status_code == 410


def test_a_comment_form_closes_when_the_article_gets_too_old(article):
    rules = DiscussionSettings.load()
    rules.close_after_days = 14
    rules.save()
    article.published_at = timezone.now() - timedelta(days=14) + timedelta(minutes=2)
    article.save()
    url = article.get_absolute_url()
    prime(url)
    assert 'name="body"' in text(url)
    with time_machine.travel(timezone.now() + timedelta(minutes=2, seconds=1)):
        page = text(url)
    assert "Comments are closed." in page and 'name="body"' not in page


# What each change must reach: every page that shows the story --------------


@pytest.fixture
def desk(article, section, author, settings):
    """The story on the first page of its section, tag and author archives,
    and an older one on their second pages."""
    settings.ARTICLES_PER_PAGE = 1
    older = ArticleFactory(
        headline="Harbour cranes arrive from Rotterdam",
        slug="harbour-cranes",
        section=section,
        authors=[author],
        tags=["Ganja"],
        published_at=timezone.now() - timedelta(days=2),
    )
    return {"story": article, "older": older}


LISTS = (
    "/",
    "/section/economy/",
    "/tag/ganja/",
    "/author/leyla-hasanova/",
    "/feed/",
    "/section/economy/feed/",
    "/search/?q=Ganja",
)
SECOND_PAGES = (
    "/section/economy/?page=2",
    "/tag/ganja/?page=2",
    "/author/leyla-hasanova/?page=2",
)


def test_publishing_reaches_every_list(desk, section, author, users):
    draft = ArticleFactory(
        headline="Ganja airport gets a new terminal",
        slug="ganja-airport",
        section=section,
        authors=[author],
        tags=["Ganja"],
        draft=True,
    )
    prime(*LISTS, "/sitemap-articles.xml")
    with committed():
        services.publish(article=draft, by=users["editor"])
    for url in LISTS:
        assert "Ganja airport gets a new terminal" in text(url), url
    assert "ganja-airport" in text("/sitemap-articles.xml")
    # Everything moved one place down: the old first story is on page 2 now.
    assert desk["story"].headline in text("/section/economy/?page=2")


def test_an_edit_reaches_the_story_and_every_list_including_deep_pages(desk):
    older = desk["older"]
    prime(older.get_absolute_url(), *SECOND_PAGES, "/feed/")
    older.headline = "Harbour cranes arrive late from Rotterdam"
    older.save()
    for url in (older.get_absolute_url(), *SECOND_PAGES, "/feed/"):
        assert "arrive late" in text(url), url


def test_a_correction_reaches_the_story(desk, users):
    story = desk["story"]
    prime(story.get_absolute_url())
    Correction.objects.create(
        article=story, text="An earlier version misnamed the bridge.", substantive=True
    )
    services.note_corrections(article=story)
    assert "misnamed the bridge" in text(story.get_absolute_url())


def test_unpublishing_removes_the_story_everywhere(desk, users):
    story = desk["story"]
    prime(story.get_absolute_url(), *LISTS, "/sitemap-articles.xml")
    with committed():
        services.unpublish(article=story, by=users["chief"])
    assert get(story.get_absolute_url()).status_code in (404, 410)
    for url in (*LISTS, "/sitemap-articles.xml"):
        assert story.slug not in text(url), url


def test_a_new_slug_reaches_the_lists_and_the_old_address_redirects(desk):
    story = desk["story"]
    old_url = story.get_absolute_url()
    prime(old_url, *LISTS)
    story.slug = "ganja-bridge-opens"
    story.save()
    assert get(old_url).status_code == 301
    for url in LISTS:
        assert "ganja-bridge-opens" in text(url), url


def test_a_related_story_published_reaches_the_pages_that_list_it_as_related(desk, section):
    older = desk["older"]
    prime(older.get_absolute_url())
    ArticleFactory(headline="Ganja tram depot expands", section=section, tags=["Ganja"])
    assert "Ganja tram depot expands" in text(older.get_absolute_url())


def test_renaming_a_section_author_or_tag_reaches_every_page(desk, section, author):
    story = desk["story"]
    prime(story.get_absolute_url(), *LISTS)
    section.name = "Business"
    section.save()
    author.display_name = "Leyla Hasanova-Aliyeva"
    author.save()
    tag = Tag.objects.get(name="Transport")
    tag.name = "Public transport"
    tag.save()
    page = text(story.get_absolute_url())
    assert ">Business<" in page and "Hasanova-Aliyeva" in page and "Public transport" in page
    assert ">Business<" in text("/") and "Hasanova-Aliyeva" in text("/author/leyla-hasanova/")


def test_a_discussion_setting_reaches_the_article_pages(desk):
    story = desk["story"]
    prime(story.get_absolute_url())
    rules = DiscussionSettings.load()
    rules.max_length = 1234
    rules.save()
    assert 'maxlength="1234"' in text(story.get_absolute_url())


def test_a_draft_saved_leaves_the_stored_lists_alone(desk, section):
    draft = ArticleFactory(section=section, draft=True, headline="Not yet")
    prime(*LISTS)
    draft.headline = "Still not yet"
    draft.save()
    for url in LISTS:
        assert get(url)["X-Page-Cache"] == "hit", url


def test_an_edit_of_one_story_leaves_unrelated_pages_stored(desk, author):
    elsewhere = ArticleFactory(headline="Shusha festival programme", tags=["Culture"])
    prime(elsewhere.get_absolute_url(), "/tag/culture/")
    story = Article.objects.get(pk=desk["story"].pk)
    story.headline = "Ganja opens its new river bridge to traffic"
    story.save()
    assert get(elsewhere.get_absolute_url())["X-Page-Cache"] == "hit"
    assert get("/tag/culture/")["X-Page-Cache"] == "hit"
    assert get("/")["X-Page-Cache"] == "miss"


def test_a_process_reuses_a_page_it_checked_for_half_a_second(article, settings):
    """A hot page costs no round trip to the shared cache: the process keeps it
    for PAGE_CACHE_LOCAL_MS. A change made in another process (its counter in
    the shared cache) reaches it within that time; one made here, at once."""
    settings.PAGE_CACHE_LOCAL_MS = 500
    url = article.get_absolute_url()
    get(url)
    store = caches["pages"]
    # What another process's change leaves in the shared cache (page_cache._bump).
    store.set(f"tag:article:{article.pk}", store.incr("sequence"), timeout=None)
    assert get(url)["X-Page-Cache"] == "hit"
    with time_machine.travel(timezone.now() + timedelta(milliseconds=600)):
        assert get(url)["X-Page-Cache"] == "miss"
        assert get(url)["X-Page-Cache"] == "hit"
        article.headline = "Ganja bridge opens a week early"
        article.save()
        changed = get(url)
    assert changed["X-Page-Cache"] == "miss"
    assert "opens a week early" in changed.content.decode()


def test_a_stored_redirect_from_an_old_date_follows_the_story(article):
    """The article moved to another day: the stored redirect from its first
    date's address leads to the new address, not the one it pointed at."""
    url = article.get_absolute_url()
    parts = url.split("/")  # ["", year, month, day, slug, ""]
    parts[3] = "01" if parts[3] != "01" else "02"
    mistyped = "/".join(parts)
    first = get(mistyped)
    assert first.status_code == 301 and first["Location"] == url
    assert get(mistyped)["X-Page-Cache"] == "hit"
    article.published_at -= timedelta(days=40)
    article.save()
    moved = get(mistyped)
    assert moved.status_code == 301 and moved["Location"] == article.get_absolute_url() != url
