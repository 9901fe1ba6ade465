"""What a reader sees: the demo outlet driven through headless Chromium.

Playwright (sync API) with Debian's Chromium against pytest-django's live
server. Screenshots land in var/screenshots/ for a human to look at.
"""

import io
import os
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from articles.models import Article, Section
from tests.conftest import require_browser

# Playwright's sync API runs an asyncio event loop in this thread, which makes
# Django refuse ORM calls from the test (pytest-django + playwright known issue).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def browser():
    require_browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server):
    """The demo outlet, served by the live server; returns its base URL.

    The `demo` fixture of tests/conftest.py uses `db`, whose open transaction
    the live server's thread cannot see (on PostgreSQL), hence transactional_db.
    """
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts; every context is closed after the test."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def watch_for_errors(page):
    """Collect failed requests, HTTP errors and console errors of a page."""
    problems = []
    page.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def load_all_images(page):
    """Load lazy images (a full-page screenshot does not scroll to them) and
    check none is broken."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')"
    )
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    broken = page.evaluate(
        "Array.from(document.images).filter(img => img.naturalWidth === 0)"
        ".map(img => img.currentSrc || img.src)"
    )
    assert not broken, f"broken images on {page.url}: {broken}"


def wait_until(page, expression, timeout=TIMEOUT_MS / 1000):
    """page.wait_for_function() for pages without JavaScript: with scripts
    disabled it never resolves once the page has followed a #fragment link."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression} on {page.url}"
        time.sleep(0.05)


def freeze_transitions(page):
    """Make the page settle at once before it is audited. The floating "Back
    to top" link fades (opacity, 0.2 s) right after every load and whenever
    axe's scrolling crosses site.js's threshold; caught mid-fade, axe reports
    the contrast of a half-transparent link: a timing flake, not the colours."""
    page.add_style_tag(
        content="*, *::before, *::after { transition: none !important;"
        " animation: none !important; }"
    )


def scroll_to_bottom(page):
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    # The stylesheet asks for smooth scrolling: wait for the scroll to finish.
    page.wait_for_function(
        "Math.ceil(window.scrollY + window.innerHeight)"
        " >= document.documentElement.scrollHeight - 1"
    )
    assert page.evaluate("window.scrollY") > 0, "the page is too short to scroll"


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


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {node.get('impact')}: {target}  {node['html'][:160]}")
    return "\n".join(lines)


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
