"""Shared by the browser tests: how Chromium is started, and what the tests
check on every page (errors, images, accessibility)."""

import os
import time

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

# Playwright's sync API runs an asyncio event loop in this thread, which makes
# Django refuse ORM calls from the test (pytest-django + playwright known issue).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
    page.on(
        "requestfailed",
        lambda request: (
            # The tab's icon of a page already left: cancelled by the next
            # navigation, not an error (a race with the browser under load).
            None
            if request.failure == "net::ERR_ABORTED" and request.url.endswith("/favicon.svg")
            else problems.append(f"failed: {request.url}")
        ),
    )
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


def audit(page, name, report, blocking):
    """Run axe on the page as it is; collect every finding, and the blocking ones."""
    freeze_transitions(page)
    violations = Axe().run(page).response["violations"]
    if violations:
        report.append(f"== {name} {page.url}\n{describe_violations(violations)}")
    serious = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if serious:
        blocking.append(f"== {name} {page.url}\n{describe_violations(serious)}")
