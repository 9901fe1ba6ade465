"""Every admin page with a template of ours reads "Home › Section › Page",
with a space after each "›" (issue 11: the comment reply page and the
subscriber import page ran the crumbs together)."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from articles.models import Article
from comments.models import Comment, DiscussionSettings
from newsletter.models import Issue

pytestmark = pytest.mark.django_db


def breadcrumbs_as_read(html: str) -> str:
    """The breadcrumbs as a browser shows them. Django's stylesheet adds " ›"
    after every item but the current page, inside the item; an item is an
    inline block, which drops its trailing space, so the space after "›" is
    only there when the HTML has whitespace between one item and the next."""
    found = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', html, re.S)
    assert found, "no breadcrumbs"
    items = re.findall(r"<li([^>]*)>(.*?)</li>(\s*)", found.group(1), re.S)
    assert items, found.group(0)
    return "".join(
        " ".join(strip_tags(inner).split())
        + ("" if "aria-current" in attributes else " ›")
        + (" " if gap else "")
        for attributes, inner, gap in items
    ).strip()


def pages():
    """The admin pages rendered by our templates (templates/admin/), or by
    Django's beneath ones of ours: each custom page and each overridden form or list."""
    article = Article.objects.published().first()
    comment = Comment.objects.first()
    issue = Issue.objects.first()
    return {
        "article list": reverse("admin:articles_article_changelist"),
        "article form": reverse("admin:articles_article_change", args=[article.pk]),
        "article calendar": reverse("admin:articles_article_calendar"),
        "article revisions": reverse("admin:articles_article_revisions", args=[article.pk]),
        "moderation queue": reverse("admin:comments_comment_changelist"),
        "comment form": reverse("admin:comments_comment_change", args=[comment.pk]),
        "comment reply": reverse("admin:comments_comment_reply", args=[comment.pk]),
        "discussion settings": reverse(
            "admin:comments_discussionsettings_change", args=[DiscussionSettings.load().pk]
        ),
        "subscriber list": reverse("admin:newsletter_subscriber_changelist"),
        "subscriber import": reverse("admin:newsletter_subscriber_import"),
        "issue form": reverse("admin:newsletter_issue_change", args=[issue.pk]),
        "audit trail": reverse("admin:newsroom_auditentry_changelist"),
        "two-factor": reverse("two_factor:setup"),
    }


def test_breadcrumbs_have_a_space_after_each_separator(demo, admin_client):
    for name, url in pages().items():
        response = admin_client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        crumbs = breadcrumbs_as_read(response.content.decode())
        assert crumbs.startswith("Home › "), (name, crumbs)
        assert not re.search(r"›(?! )", crumbs), f"{name}: {crumbs!r}"


def test_run_together_breadcrumbs_are_caught():
    """The check itself: the reply page's old markup, items back to back, reads
    "Home ›Comments"."""
    run_together = (
        '<ol class="breadcrumbs"><li><a href="/admin/">Home</a></li>'
        '<li aria-current="page">Reply</li></ol>'
    )
    assert breadcrumbs_as_read(run_together) == "Home ›Reply"
    spaced = run_together.replace("</li><li", "</li>\n<li")
    assert breadcrumbs_as_read(spaced) == "Home › Reply"
