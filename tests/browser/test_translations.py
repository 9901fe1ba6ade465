"""Making a translation in headless Chromium (issue 12): an editor opens an
English story of the demo outlet, presses "Translate into Russian", lands on
the new version's form marked "Needs translation", writes the Russian headline
and saves; the story's versions box and the article list (at 1280 px, beside
the admin's menu) show both languages. Screenshots land in var/screenshots/."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.helpers import TIMEOUT_MS
from tests.browser.test_workflow import (  # noqa: F401 - fixtures used by name
    EDITOR,
    editor,
    log_in,
    roles,
    watch_admin_for_errors,
)

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
RUSSIAN_HEADLINE = "Гянджа открывает новый мост через реку"


@pytest.fixture(autouse=True)
def _patient_expect():
    expect.set_options(timeout=TIMEOUT_MS)
    yield
    expect.set_options(timeout=None)


def test_an_editor_translates_a_story_into_russian(site, editor, new_page, screenshots):  # noqa: F811
    english = (
        Article.objects.published()
        .filter(language="en")
        .exclude(lead_image="")
        .exclude(
            translation_key__in=Article.objects.filter(language="ru").values("translation_key")
        )
        .first()
    )
    assert english is not None, "the demo has an English story with no Russian version"
    page = new_page(viewport=VIEWPORT)
    problems = watch_admin_for_errors(page)
    change = reverse("admin:articles_article_change", args=[english.pk])
    log_in(page, site, EDITOR, change)

    page.get_by_role("button", name=re.compile(r"Translate into (Russian|Русский)")).click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/$"))
    russian = Article.objects.get(translation_key=english.translation_key, language="ru")
    assert page.url == site + reverse("admin:articles_article_change", args=[russian.pk])
    expect(page.locator(".messagelist .success")).to_contain_text("Russian version")
    expect(page.locator(".field-status_now")).to_contain_text("Needs translation")
    expect(page.locator("#id_language")).to_have_value("ru")
    expect(page.locator("#id_headline")).to_have_value(english.headline)
    versions = page.locator(".story-versions")
    expect(versions.get_by_role("link", name=english.headline)).to_be_visible()
    page.screenshot(path=screenshots / "translation-change-page.png")

    page.locator("#id_headline").fill(RUSSIAN_HEADLINE)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    russian.refresh_from_db()
    assert russian.headline == RUSSIAN_HEADLINE
    assert russian.status == Article.Status.TRANSLATION
    assert russian.lead_image.name == english.lead_image.name

    # The English version now lists the Russian one, and offers only Azerbaijani.
    page.goto(site + change)
    versions = page.locator(".story-versions")
    expect(versions.get_by_role("link", name=RUSSIAN_HEADLINE)).to_be_visible()
    expect(versions.get_by_role("button", name=re.compile("Russian|Русский"))).to_have_count(0)
    page.screenshot(path=screenshots / "translation-versions-box.png")

    page.goto(site + reverse("admin:articles_article_changelist") + "?missing=az")
    row = page.locator("#result_list tr", has_text=RUSSIAN_HEADLINE)
    expect(row.locator(".story-languages")).to_have_text("RU · en")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=screenshots / "translation-article-list-1280.png")
    assert width <= VIEWPORT["width"], f"the list scrolls sideways: {width}px"
    assert problems == []
