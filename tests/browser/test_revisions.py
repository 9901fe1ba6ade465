"""Comparing two revisions in headless Chromium (issue 11): the changes read
as running text in the admin's own type, every word whole on its line, and the
page is screenshot for a human to look at (var/screenshots/)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from articles import revisions
from articles.models import Section
from tests.browser.helpers import watch_for_errors
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
PARAGRAPH = (
    "The Minister of Finance told parliament on Monday that the budget for the coming "
    "year would raise spending on schools, hospitals and the regional railway network, "
    "while holding the deficit below three percent of national output."
)

# Words whose characters the browser laid out on more than one line: a word
# broken in the middle ("Mi nister").
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [1280, 800])
def test_a_comparison_reads_as_text_with_whole_words(
    transactional_db, live_server, new_page, screenshots, width
):
    editor = get_user_model().objects.create_superuser("leyla", "leyla@example.org", PASSWORD)
    article = ArticleFactory(
        section=Section.objects.create(name="Politics", slug="politics"),
        headline="Budget raises school spending",
        body="".join(f"<p>{PARAGRAPH}</p>" for _ in range(3)),
    )
    older = revisions.save_revision(article=article, by=editor)
    article.headline = "Budget raises school and hospital spending"
    article.body = article.body.replace("Finance told", "Finance, Anar Aliyev, told", 1).replace(
        "Monday", "Tuesday"
    )
    article.save()
    revisions.save_revision(article=article, by=editor)

    page = new_page(viewport={"width": width, "height": 800})
    problems = watch_for_errors(page)
    url = reverse("admin:articles_article_revisions", args=[article.pk])
    page.goto(f"{live_server.url}{reverse('admin:login')}?next={url}")
    page.get_by_label("Username").fill("leyla")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_have_text(
        "Revisions of “Budget raises school and hospital spending”"
    )
    expect(page.locator("#revisions td.summary")).to_have_text(
        ["Headline, Body (+6 −4 words)", "Created"]
    )
    page.locator(f"#revisions input[name=a][value='{older.pk}']").check()
    page.get_by_role("button", name="Compare", exact=True).click()
    comparison = page.locator("#comparison")
    expect(comparison.locator("del").first).to_have_text("Finance")

    diff = comparison.locator(".revision-diff").first
    font = diff.evaluate("element => getComputedStyle(element).fontFamily")
    assert "mono" not in font.lower()
    assert font == page.locator("#content").evaluate(
        "element => getComputedStyle(element).fontFamily"
    )
    assert page.evaluate(BROKEN_WORDS, "#comparison .revision-diff") == []
    # No empty cells: every column of the comparison holds something.
    assert comparison.locator("td:empty, th:empty").count() == 0
    screenshot = screenshots / f"admin-revisions-compare-{width}.png"
    page.screenshot(path=screenshot, full_page=True)
    assert not problems, "\n".join(problems)
