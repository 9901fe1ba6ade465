"""The newsletter issue list and the issue's article picker in a browser, at
the widths editors use (issue 11): the list fits beside the admin's menu
without sideways scrolling, its subjects wrap as lines of text, and the picker
shows a long headline whole."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from newsletter import issues
from newsletter.models import Issue
from tests.newsletter.factories import BreakingNewsFactory, DailyBriefingFactory

pytestmark = pytest.mark.browser

PASSWORD = "pw"
LONG_HEADLINE = (
    "Parliament approves the long-debated reform of the regional water utilities "
    "after a marathon overnight session in Baku"
)
LONG_SUBJECT = (
    "Tuesday briefing: parliament debates the budget while the metro extension opens to passengers"
)


@pytest.fixture
def outlet(site, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    # A transactional test's flush removed the lists the migrations make.
    daily, breaking = DailyBriefingFactory(), BreakingNewsFactory()
    now = timezone.now()
    Issue.objects.create(
        newsletter_list=daily,
        subject=LONG_SUBJECT,
        status=Issue.Status.SENT,
        queued_at=now - timedelta(days=1),
        sent_at=now - timedelta(days=1),
    )
    Issue.objects.create(
        newsletter_list=breaking,
        subject="Breaking: earthquake felt across the Absheron peninsula",
        status=Issue.Status.SCHEDULED,
        scheduled_at=now + timedelta(days=1),
    )
    stories = list(Article.objects.published().order_by("published_at")[:3])
    Article.objects.filter(pk=stories[0].pk).update(headline=LONG_HEADLINE)
    draft = Issue.objects.create(newsletter_list=daily, subject="The week, chosen by the desk")
    issues.set_articles(issue=draft, articles=stories[1:])
    return site


def log_in(page, site, next_url):
    page.goto(f"{site}{reverse('admin:login')}?next={next_url}")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + next_url)


@pytest.mark.parametrize("width, height", [(1280, 800), (1024, 768)])
def test_the_issue_list_fits_beside_the_menu_and_wraps_subjects_as_text(
    outlet, new_page, screenshots, width, height
):
    page = new_page(viewport={"width": width, "height": height})
    changelist = reverse("admin:newsletter_issue_changelist")
    log_in(page, outlet, changelist)
    expect(page.locator("#nav-sidebar")).to_be_visible()
    expect(page.locator("#changelist-filter")).to_be_visible()
    page.screenshot(path=screenshots / f"issue-list-{width}.png", full_page=True)
    overflow = page.evaluate(
        """() => [document.documentElement, document.querySelector('#changelist .results')]
            .map(box => box.scrollWidth - box.clientWidth)"""
    )
    assert overflow == [0, 0], f"sideways scrolling at {width}px: {overflow}"
    subject = page.locator("#result_list th.field-subject_and_list a", has_text=LONG_SUBJECT)
    box = subject.bounding_box()
    line_height = float(subject.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)"))
    # 15 words: a word a line would be 15 lines; wrapped as text, a few.
    assert box["height"] <= 5 * line_height, f"{box['height']}px for {line_height}px lines"


def test_the_article_picker_shows_a_long_headline_whole(outlet, new_page, screenshots):
    page = new_page(viewport={"width": 1024, "height": 768})
    issue = Issue.objects.get(subject="The week, chosen by the desk")
    change = reverse("admin:newsletter_issue_change", args=[issue.pk])
    log_in(page, outlet, change)
    page.wait_for_load_state("load")
    empty_row = page.locator("#article_links-group tr.form-row:not(.has_original)").first
    empty_row.locator(".select2-selection").click()
    page.keyboard.type("marathon overnight")
    option = page.locator(".select2-results__option", has_text="marathon overnight")
    expect(option).to_have_text(LONG_HEADLINE)
    assert option.evaluate("o => o.scrollWidth <= o.clientWidth")
    page.screenshot(path=screenshots / "issue-article-picker-1024.png")
    option.click()
    chosen = empty_row.locator(".select2-selection__rendered")
    expect(chosen).to_contain_text(LONG_HEADLINE)
    # Whole: wrapped inside the box, not cut off with an ellipsis.
    assert chosen.evaluate(
        "c => c.scrollWidth <= c.clientWidth && getComputedStyle(c).textOverflow !== 'ellipsis'"
    )
    assert chosen.evaluate("c => c.getBoundingClientRect().height") > 30
    page.screenshot(path=screenshots / "issue-article-chosen-1024.png")
