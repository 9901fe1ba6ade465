"""Issue 12: the public site in Azerbaijani, Russian and English.

The language of a page is its address's (/ru/..., /az/..., none for English);
each list holds one language's stories; an article's versions in other
languages link each other (hreflang) and the switcher leads to them."""

import re
from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory
from tests.page_cache import prime, text

pytestmark = pytest.mark.django_db

HREFLANG = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture
def story(section, author):
    """One story in English, Russian and Azerbaijani, and a Russian draft of another."""
    english = ArticleFactory(
        headline="Talks on the new rail link resume",
        slug="rail-link-talks",
        section=section,
        authors=[author],
        tags=["Rail"],
    )
    russian = ArticleFactory(
        headline="Переговоры о новой железной дороге возобновились",
        slug="peregovory-o-zheleznoy-doroge",
        language="ru",
        translation_key=english.translation_key,
        section=section,
        authors=[author],
        tags=["Железная дорога"],
    )
    azerbaijani = ArticleFactory(
        headline="Yeni dəmir yolu üzrə danışıqlar bərpa olundu",
        slug="demir-yolu-danisiqlari",
        language="az",
        translation_key=english.translation_key,
        section=section,
        authors=[author],
    )
    return {"en": english, "ru": russian, "az": azerbaijani}


def hreflang_links(client, url) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return dict(HREFLANG.findall(response.content.decode()))


def test_addresses_carry_the_language_of_the_story(story):
    assert story["en"].get_absolute_url().startswith("/20")
    assert story["ru"].get_absolute_url().startswith("/ru/20")
    assert story["az"].get_absolute_url().startswith("/az/20")


def test_a_page_is_in_the_language_of_its_address_whatever_the_browser_asks(client, story):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    russian = client.get("/ru/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="ru">' in russian.content.decode()
    assert english["Content-Language"] == "en" and russian["Content-Language"] == "ru"
    # One copy for every reader: nothing varies with the browser's language.
    assert "Accept-Language" not in english.get("Vary", "")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="az").content == english.content


def test_each_list_holds_its_own_languages_stories(client, story, section):
    pages = {"/": "en", "/ru/": "ru", "/az/": "az"}
    for url, language in pages.items():
        html = client.get(url).content.decode()
        for code, article in story.items():
            assert (article.headline in html) == (code == language), (url, code)
    section_page = client.get(f"/ru/section/{section.slug}/").content.decode()
    assert story["ru"].headline in section_page and story["en"].headline not in section_page
    feed = client.get("/ru/feed/").content.decode()
    assert story["ru"].headline in feed and story["en"].headline not in feed
    assert "<language>ru</language>" in feed


def test_search_finds_the_readers_languages_stories_only(client, story):
    english = client.get("/search/", {"q": "rail"}).content.decode()
    assert story["en"].headline in english
    russian = client.get("/ru/search/", {"q": "Переговоры"}).content.decode()
    assert story["ru"].headline in russian and story["en"].headline not in russian


def test_hreflang_groups_are_symmetric_and_name_a_default(client, story, settings):
    expected = {
        "en": settings.SITE_URL + story["en"].get_absolute_url(),
        "ru": settings.SITE_URL + story["ru"].get_absolute_url(),
        "az": settings.SITE_URL + story["az"].get_absolute_url(),
        "x-default": settings.SITE_URL + story["en"].get_absolute_url(),
    }
    for article in story.values():
        assert hreflang_links(client, article.get_absolute_url()) == expected
    # Every address in the group is a page that answers, and names the same group.
    for url in expected.values():
        assert hreflang_links(client, url.removeprefix(settings.SITE_URL)) == expected


def test_a_version_not_yet_public_is_not_linked(client, story):
    story["az"].status = Article.Status.TRANSLATION
    story["az"].save()
    links = hreflang_links(client, story["en"].get_absolute_url())
    assert set(links) == {"en", "ru", "x-default"}


def test_a_story_without_an_english_version_defaults_to_the_first_language(client, section):
    russian = ArticleFactory(language="ru", section=section, slug="tolko-po-russki")
    azerbaijani = ArticleFactory(
        language="az",
        section=section,
        slug="yalniz-azerbaycanca",
        translation_key=russian.translation_key,
    )
    links = hreflang_links(client, russian.get_absolute_url())
    # The settings' order is en, az, ru: Azerbaijani comes first.
    assert links["x-default"].endswith(azerbaijani.get_absolute_url())


def test_a_story_in_one_language_has_no_hreflang(client, article):
    assert hreflang_links(client, article.get_absolute_url()) == {}


def test_pages_in_every_language_list_their_versions(client, section, story):
    links = hreflang_links(client, f"/ru/section/{section.slug}/")
    assert links["ru"].endswith(f"/ru/section/{section.slug}/")
    assert links["en"].endswith(f"/section/{section.slug}/")
    assert links["x-default"] == links["en"]


def switcher(client, url) -> dict[str, str]:
    html = client.get(url).content.decode()
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def test_the_switcher_leads_to_the_translation_or_that_languages_home(client, story):
    story["az"].delete()
    links = switcher(client, story["en"].get_absolute_url())
    assert links == {"ru": story["ru"].get_absolute_url(), "az": "/az/"}
    assert switcher(client, story["ru"].get_absolute_url())["en"] == story["en"].get_absolute_url()


def test_the_switcher_on_a_section_page_goes_to_the_same_section(client, section, story):
    links = switcher(client, f"/section/{section.slug}/")
    assert links == {"az": f"/az/section/{section.slug}/", "ru": f"/ru/section/{section.slug}/"}


def test_a_story_asked_for_under_another_languages_address_is_sent_to_its_own(client, story):
    own = story["ru"].get_absolute_url()
    response = client.get(own.removeprefix("/ru"))
    assert response.status_code == 301 and response["Location"] == own
    response = client.get("/az" + own.removeprefix("/ru"))
    assert response.status_code == 301 and response["Location"] == own


def test_json_ld_names_the_language(client, story):
    html = client.get(story["ru"].get_absolute_url()).content.decode()
    assert '"inLanguage": "ru"' in html


def test_sections_are_named_in_the_page_language(client, story, section):
    section.translations = {"ru": {"name": "Экономика", "description": "Рынки и цены."}}
    section.save()
    russian = client.get(f"/ru/section/{section.slug}/").content.decode()
    assert "Экономика" in russian and "Рынки и цены." in russian
    assert "Экономика" not in client.get(f"/section/{section.slug}/").content.decode()
    # Azerbaijani has no name of its own yet: the main language's.
    assert section.name in client.get(f"/az/section/{section.slug}/").content.decode()


def test_sitemaps_are_per_language_with_alternates(client, story, settings):
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    tree = ElementTree.fromstring(client.get("/ru/sitemap-articles.xml").content)
    urls = tree.findall("s:url", namespaces)
    assert [url.find("s:loc", namespaces).text for url in urls] == [
        settings.SITE_URL + story["ru"].get_absolute_url()
    ]
    alternates = {
        link.get("hreflang"): link.get("href") for link in urls[0].findall("x:link", namespaces)
    }
    assert alternates == hreflang_links(client, story["ru"].get_absolute_url())
    robots = client.get("/robots.txt").content.decode()
    for prefix in ("", "/az", "/ru"):
        assert f"Sitemap: {settings.SITE_URL}{prefix}/sitemap.xml" in robots


def test_news_sitemap_names_each_languages_stories(client, story):
    russian = client.get("/ru/sitemap-news.xml").content.decode()
    assert "<news:language>ru</news:language>" in russian
    assert story["ru"].headline in russian and story["en"].headline not in russian


def test_the_admin_speaks_the_editors_language(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")
    assert '<html lang="ru"' in page.content.decode()
    # The choice in the admin's header outlasts what the browser asks for.
    chosen = client.post("/i18n/setlang/", {"language": "az", "next": "/admin/"})
    assert chosen.status_code == 302 and chosen["Location"] == "/admin/"
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")
    html = page.content.decode()
    assert '<html lang="az"' in html
    assert '<button type="submit" name="language" value="ru" lang="ru">Русский</button>' in html


def test_a_translation_published_later_shows_on_the_stored_pages_of_the_others(section):
    english = ArticleFactory(section=section, slug="harbour-reopens")
    url = english.get_absolute_url()
    prime(url)
    assert HREFLANG.findall(text(url)) == []
    ArticleFactory(
        section=section,
        slug="gavan-otkryvaetsya",
        language="ru",
        translation_key=english.translation_key,
        published_at=timezone.now() - timedelta(minutes=1),
    )
    assert set(dict(HREFLANG.findall(text(url)))) == {"en", "ru", "x-default"}


def test_dates_name_the_month_in_the_pages_language(client, section):
    when = timezone.now().replace(month=12, day=2) - timedelta(days=365)
    russian = ArticleFactory(language="ru", section=section, slug="dekabr", published_at=when)
    azerbaijani = ArticleFactory(
        language="az", section=section, slug="dekabr-az", published_at=when
    )
    assert "2 декабря" in client.get(russian.get_absolute_url()).content.decode()
    assert "2 dekabr" in client.get(azerbaijani.get_absolute_url()).content.decode()


def test_a_section_unknown_in_a_language_still_has_its_page(client):
    SectionFactory(slug="weather", name="Weather")
    assert client.get("/az/section/weather/").status_code == 200


def english_interface_strings() -> set[str]:
    """The catalogue's source strings long enough to be unmistakable (three
    words or more, no placeholder): none may show on an az or ru page."""
    import polib
    from django.conf import settings

    po = polib.pofile(str(settings.BASE_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    return {
        entry.msgid
        for entry in po
        if len(entry.msgid.split()) >= 3
        and not re.search(r"%|\{|<|\n", entry.msgid)
        and entry.msgstr != entry.msgid
    }


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    # Attributes a reader meets too: placeholders, labels, titles.
    attributes = " ".join(re.findall(r'(?:placeholder|aria-label|title|alt)="([^"]*)"', html))
    return " ".join(f"{text} {attributes}".split())


@pytest.mark.parametrize("language", ["az", "ru"])
def test_no_english_is_left_on_the_pages_of_another_language(client, language, section, author):
    article = ArticleFactory(
        language=language,
        headline="Şuşada yeni muzey açıldı" if language == "az" else "В Шуше открылся новый музей",
        standfirst="—",
        body="<p>—</p>",
        slug=f"muzey-{language}",
        section=section,
        authors=[author],
        tags=["muzey"],
    )
    english = english_interface_strings()
    assert len(english) > 100
    pages = [
        f"/{language}/",
        f"/{language}/section/{section.slug}/",
        article.get_absolute_url(),
        f"/{language}/tag/muzey/",
        f"/{language}/author/{author.slug}/",
        f"/{language}/search/?q=muzey",
        f"/{language}/search/?q=nothing-matches-this",
        f"/{language}/newsletter/",
        f"/{language}/privacy/",
        f"/{language}/no-such-page/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        text = visible_text(response.content.decode())
        left = sorted(msgid for msgid in english if msgid in text)
        assert not left, f"{url} shows English: {left}"


def test_a_withdrawn_storys_page_links_no_versions(client, story):
    story["en"].status = Article.Status.UNPUBLISHED
    story["en"].save()
    url = story["en"].get_absolute_url()
    response = client.get(url)
    assert response.status_code == 410
    assert HREFLANG.findall(response.content.decode()) == []
    assert switcher(client, url) == {"az": "/az/", "ru": "/ru/"}


def test_a_lists_later_pages_name_no_versions(client, story, section, settings):
    settings.ARTICLES_PER_PAGE = 1
    ArticleFactory(section=section, slug="older-story")
    assert hreflang_links(client, f"/section/{section.slug}/?page=2") == {}
    assert hreflang_links(client, f"/section/{section.slug}/") != {}


def test_a_drafts_preview_is_in_its_language_for_an_english_editor(admin_client, section):
    draft = ArticleFactory(language="ru", section=section, slug="chernovik", draft=True)
    response = admin_client.get(
        f"/admin/articles/article/{draft.pk}/preview/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert '<html lang="ru">' in response.content.decode()


def test_feeds_are_titled_in_their_language(client, story):
    from django.utils import translation

    with translation.override("ru"):
        name = translation.gettext("Azerbaijan news")
    assert name != "Azerbaijan news"
    assert f"<title>{name}</title>" in client.get("/ru/feed/").content.decode()
