"""Issue 12: a reader switches language on an article and lands on its
translation, or on that language's home page where the story has none."""

import pytest

from tests.browser.helpers import watch_for_errors
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def story(transactional_db, live_server):
    section = SectionFactory(
        name="Transport", slug="transport", translations={"ru": {"name": "Транспорт"}}
    )
    english = ArticleFactory(
        headline="Talks on the new rail link resume", slug="rail-link-talks", section=section
    )
    russian = ArticleFactory(
        headline="Переговоры о новой железной дороге возобновились",
        slug="peregovory-o-zheleznoy-doroge",
        language="ru",
        translation_key=english.translation_key,
        section=section,
    )
    return {"site": live_server.url, "en": english, "ru": russian}


def test_switching_language_on_an_article_lands_on_its_translation(story, new_page, screenshots):
    page = new_page(viewport={"width": 1280, "height": 800})
    problems = watch_for_errors(page)
    site = story["site"]
    page.goto(site + story["en"].get_absolute_url())
    switcher = page.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name="Русский").click()
    page.wait_for_url(site + story["ru"].get_absolute_url())
    assert page.locator("h1").inner_text() == story["ru"].headline
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator(".kicker a").first.text_content() == "Транспорт"
    page.screenshot(path=screenshots / "article-switched-to-ru.png")

    # Back to English, then to Azerbaijani, in which the story has no version.
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="English").click()
    page.wait_for_url(site + story["en"].get_absolute_url())
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Azərbaycanca").click()
    page.wait_for_url(site + "/az/")
    assert page.locator("html").get_attribute("lang") == "az"
    assert problems == []
