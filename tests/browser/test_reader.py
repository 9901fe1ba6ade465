"""What a reader sees: the demo outlet driven through headless Chromium.

Playwright (sync API) with Debian's Chromium against pytest-django's live
server. Screenshots land in var/screenshots/ for a human to look at.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from articles.models import Article, Section
from tests.browser.helpers import (
    BLOCKING_IMPACTS,
    describe_violations,
    freeze_transitions,
    load_all_images,
    scroll_to_bottom,
    wait_until,
    watch_for_errors,
)

pytestmark = pytest.mark.browser


def test_reader_reads_an_article_and_goes_back_to_top(site, new_page, screenshots):
    page = new_page(viewport={"width": 1280, "height": 800})
    problems = watch_for_errors(page)

    page.goto(site + "/")
    assert page.title() == settings.SITE_NAME
    load_all_images(page)
    page.screenshot(path=screenshots / "home.png", full_page=True)

    headline_link = page.locator(".card__headline a").first
    headline = headline_link.inner_text().strip()
    href = headline_link.get_attribute("href")
    headline_link.click()
    page.wait_for_url(site + href)
    h1 = page.locator("h1")
    assert h1.count() == 1
    assert h1.inner_text().strip() == headline
    load_all_images(page)
    page.screenshot(path=screenshots / "article.png", full_page=True)

    back_to_top = page.get_by_role("link", name="Back to top", exact=True)
    # Enhanced by site.js: it floats in the corner, hidden until the reader scrolls.
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert not back_to_top.is_visible()

    scroll_to_bottom(page)
    back_to_top.wait_for(state="visible")
    page.screenshot(path=screenshots / "article-bottom.png")
    back_to_top.click()
    page.wait_for_function("window.scrollY === 0")
    # Focus follows the reader to the top, and no "#top" is left in the address.
    assert page.evaluate("document.activeElement.classList.contains('masthead__title')")
    assert page.url == site + href
    back_to_top.wait_for(state="hidden")

    assert not problems, "\n".join(problems)


def test_back_to_top_works_without_javascript(site, new_page):
    article = Article.objects.get(slug="baku-jazz-festival-programme")
    page = new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page.goto(site + article.get_absolute_url())
    assert page.locator("h1").inner_text().strip() == article.headline
    assert not page.evaluate("document.documentElement.classList.contains('js')")

    back_to_top = page.get_by_role("link", name="Back to top", exact=True)
    assert back_to_top.get_attribute("href") == "#top"
    assert page.locator("body").get_attribute("id") == "top"

    scroll_to_bottom(page)
    assert back_to_top.is_visible()
    back_to_top.click()
    page.wait_for_url(site + article.get_absolute_url() + "#top")
    wait_until(page, "window.scrollY === 0")


def test_reader_pages_have_no_serious_accessibility_violations(site, new_page):
    article = Article.objects.published().order_by("-published_at").first()
    section = Section.objects.get(slug="economy")
    pages = {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "search": "/search/?q=Baku",
    }
    page = new_page(viewport={"width": 1280, "height": 800})
    axe = Axe()
    blocking, report = [], []
    for name, path in pages.items():
        response = page.goto(site + path)
        assert response.status == 200, f"{name}: HTTP {response.status} for {path}"
        freeze_transitions(page)
        violations = axe.run(page).response["violations"]
        if violations:
            report.append(f"== {name} {path}\n{describe_violations(violations)}")
        serious = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if serious:
            blocking.append(f"== {name} {path}\n{describe_violations(serious)}")

    if report:  # every finding, minor ones too: shown with `pytest -s` or on failure
        print("\naxe findings:\n" + "\n".join(report))
    assert not blocking, "serious or critical axe violations:\n" + "\n".join(blocking)


def test_home_fits_a_phone_screen(site, new_page, screenshots):
    width = 390
    page = new_page(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(site + "/")
    load_all_images(page)
    page.screenshot(path=screenshots / "home-phone.png", full_page=True)

    # The elements to blame if the page scrolls sideways: those reaching past
    # the screen's right edge, except inside a container that scrolls or clips.
    overflowing = page.evaluate(
        """width => Array.from(document.querySelectorAll('body *'))
            .filter(el => el.getBoundingClientRect().right > width + 0.5)
            .filter(el => {
                for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                    if (getComputedStyle(up).overflowX !== 'visible') return false;
                }
                return true;
            })
            .slice(0, 10)
            .map(el => `<${el.tagName.toLowerCase()} class="${el.className}">`
                       + ` right=${Math.round(el.getBoundingClientRect().right)}px`)""",
        width,
    )
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    # A phone widens its layout viewport to fit content that overflows, so
    # innerWidth must stay the screen's width too.
    assert scroll_width <= width and inner_width == width, (
        f"horizontal scroll on a {width}px screen: scrollWidth={scroll_width}, "
        f"innerWidth={inner_width}; elements past the right edge: {overflowing}"
    )
