"""The browser tests' fixtures: one Chromium per module, fresh contexts per
test, and the demo outlet served by pytest-django's live server."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, TIMEOUT_MS
from tests.conftest import require_browser


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
        # Playwright's own helpers (wait_for_function's polling, add_style_tag)
        # inject inline script and style, which the site's Content-Security-Policy
        # blocks: contexts bypass it unless a test asks for it, as
        # tests/browser/test_csp.py does.
        context_options.setdefault("bypass_csp", True)
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
