"""The site under its Content-Security-Policy (issue 10, defect 10) in
headless Chromium: the admin's article form with the rich-text editor, the
public article page and its comment form all work, and the browser reports no
policy violation. A script injected into a page is blocked and reported, which
shows the watch would see one."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.helpers import TIMEOUT_MS

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    const where = `${event.sourceFile}:${event.lineNumber}`;
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`
    );
});
"""


def watch_for_violations(page):
    """Violations as the page's own event reports them, and as Chromium's
    console does (which also sees those of pages navigated away from)."""
    console = []
    page.add_init_script(COLLECT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    return console


def violations(page, console):
    return [*console, *page.evaluate("window.__cspViolations || []")]


@pytest.fixture
def chief(django_user_model, site):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)


def test_admin_editor_and_public_pages_work_under_the_policy(site, chief, new_page):
    page = new_page(viewport={"width": 1280, "height": 900}, bypass_csp=False)
    console = watch_for_violations(page)
    expect.set_options(timeout=TIMEOUT_MS)
    try:
        page.goto(f"{site}{reverse('admin:login')}")
        assert violations(page, console) == []
        page.get_by_label("Username").fill("chief")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{site}/admin/")
        assert violations(page, console) == []

        # The article form: the editor starts, its toolbar styles the text.
        page.goto(site + reverse("admin:articles_article_add"))
        field = page.locator(".form-row.field-body")
        editable = field.locator(".ProseMirror[contenteditable=true]")
        editable.click()
        page.keyboard.type("Under the policy, ")
        bold = field.locator(".prose-menubar").get_by_role("button", name="bold", exact=True)
        bold.click()
        page.keyboard.type("bold")
        expect(editable.locator("strong")).to_have_text("bold")
        expect(page.locator("#id_body")).to_have_value(re.compile("<strong>bold</strong>"))
        assert violations(page, console) == []

        # An existing story's page in the admin (revisions, workflow buttons).
        story = Article.objects.published().order_by("-published_at").first()
        page.goto(site + reverse("admin:articles_article_change", args=[story.pk]))
        expect(field.locator(".ProseMirror[contenteditable=true]")).to_be_visible()
        assert violations(page, console) == []

        # The public article page as a reader: the page's script runs (the
        # inline one allowed by its hash marks the page as scripted).
        reader = new_page(viewport={"width": 1280, "height": 900}, bypass_csp=False)
        reader_console = watch_for_violations(reader)
        reader.goto(site + story.get_absolute_url())
        expect(reader.locator("html")).to_have_class(re.compile(r"\bjs\b"))
        reader.locator("[data-comment-respond]").scroll_into_view_if_needed()
        reader.goto(site + "/")
        assert violations(reader, reader_console) == []

        # The watch sees a violation: an injected inline script is blocked.
        reader.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.__injectedRan = true";
                document.body.append(script);
            }"""
        )
        reader.wait_for_function("window.__cspViolations.length > 0")
        assert reader.evaluate("window.__injectedRan") is None
        assert any("script-src" in v for v in violations(reader, reader_console))
    finally:
        expect.set_options(timeout=None)
