"""An issue's articles come in the order its editor chose, in the email and on
the issue page, and the editor can change it (issue 11)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter import issues
from newsletter.models import Issue, IssueArticle
from tests.factories import ArticleFactory

from .factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(section):
    """Three articles, the newest first: the order the issues used to come in."""
    now = timezone.now()
    return [
        ArticleFactory(section=section, headline=headline, published_at=now - timedelta(hours=i))
        for i, headline in enumerate(["Newest story", "Middle story", "Oldest story"], start=1)
    ]


@pytest.fixture
def admin_client(client, admin_user):
    """The admin, with a client that runs on-commit work (the send's task)."""
    client.force_login(admin_user)
    return client


@pytest.fixture
def issue(daily):
    SubscriberFactory(email="reader@example.org", lists=[daily])
    return IssueFactory(newsletter_list=daily, subject="Morning briefing")


def form_data(issue, rows, **extra):
    """The issue's change form; ``rows`` are (link or None, article, typed position)."""
    data = {
        "newsletter_list": issue.newsletter_list_id,
        "subject": issue.subject,
        "preheader": "",
        "intro": "",
        "auto_articles": issue.auto_articles,
        "scheduled_at_0": "",
        "scheduled_at_1": "",
        "deliveries-TOTAL_FORMS": 0,
        "deliveries-INITIAL_FORMS": 0,
        "deliveries-MIN_NUM_FORMS": 0,
        "deliveries-MAX_NUM_FORMS": 0,
        "article_links-TOTAL_FORMS": len(rows),
        "article_links-INITIAL_FORMS": sum(1 for link, *_ in rows if link),
        "article_links-MIN_NUM_FORMS": 0,
        "article_links-MAX_NUM_FORMS": 1000,
        "_continue": "1",
    }
    for i, (link, article, position) in enumerate(rows):
        data[f"article_links-{i}-id"] = link.pk if link else ""
        data[f"article_links-{i}-issue"] = issue.pk
        data[f"article_links-{i}-article"] = article.pk
        data[f"article_links-{i}-position"] = position
    return {**data, **extra}


def headlines_in(text, stories):
    """The stories' headlines in the order ``text`` has them."""
    found = sorted((text.index(s.headline), s.headline) for s in stories if s.headline in text)
    return [headline for _, headline in found]


def test_the_email_follows_the_order_the_editor_chose(admin_client, issue, stories, mailoutbox):
    newest, middle, oldest = stories
    # Chosen oldest first; the last one added without a position goes last.
    rows = [(None, oldest, "1"), (None, newest, "2"), (None, middle, "")]
    response = admin_client.post(
        f"/admin/newsletter/issue/{issue.pk}/change/", form_data(issue, rows)
    )
    assert response.status_code == 302, response.content.decode()
    order = ["Oldest story", "Newest story", "Middle story"]
    assert [a.headline for a in issues.issue_articles(issue)] == order
    admin_client.post(
        "/admin/newsletter/issue/", {"action": "send_now", "_selected_action": [issue.pk]}
    )
    (message,) = mailoutbox
    assert headlines_in(message.body, stories) == order
    assert headlines_in(message.alternatives[0].content, stories) == order
    # The issue page and its preview show them so too.
    page = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert headlines_in(page, stories) == order
    preview = admin_client.get(issue.get_preview_url()).content.decode()
    assert headlines_in(preview, stories) == order


def test_the_up_and_down_buttons_move_an_article_and_keep_other_edits(admin_client, issue, stories):
    issues.set_articles(issue=issue, articles=stories)
    first, second, third = issue.article_links.all()
    rows = [(first, stories[0], "1"), (second, stories[1], "2"), (third, stories[2], "3")]
    response = admin_client.post(
        f"/admin/newsletter/issue/{issue.pk}/change/",
        form_data(issue, rows, subject="Evening briefing", _move_article=f"{third.pk}:up"),
    )
    assert response.status_code == 302
    assert response.url == f"/admin/newsletter/issue/{issue.pk}/change/#article_links-group"
    assert [a.headline for a in issues.issue_articles(issue)] == [
        "Newest story",
        "Oldest story",
        "Middle story",
    ]
    issue.refresh_from_db()
    assert issue.subject == "Evening briefing"
    rows = [(first, stories[0], "1"), (third, stories[2], "2"), (second, stories[1], "3")]
    admin_client.post(
        f"/admin/newsletter/issue/{issue.pk}/change/",
        form_data(issue, rows, _move_article=f"{first.pk}:down"),
    )
    assert [a.headline for a in issues.issue_articles(issue)] == [
        "Oldest story",
        "Newest story",
        "Middle story",
    ]
    # The first cannot go up, nor the last down; the buttons are plain submit buttons.
    for move in (f"{third.pk}:up", f"{second.pk}:down", "nonsense", f"{first.pk}:sideways"):
        rows = [(third, stories[2], "1"), (first, stories[0], "2"), (second, stories[1], "3")]
        response = admin_client.post(
            f"/admin/newsletter/issue/{issue.pk}/change/",
            form_data(issue, rows, _move_article=move),
        )
        assert response.status_code == 302
        assert list(issue.article_links.values_list("pk", "position")) == [
            (third.pk, 1),
            (first.pk, 2),
            (second.pk, 3),
        ]
    page = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert f'name="_move_article" value="{first.pk}:up"' in page


def test_typed_positions_set_the_order_and_are_numbered_again(admin_client, issue, stories):
    issues.set_articles(issue=issue, articles=stories)
    first, second, third = issue.article_links.all()
    rows = [(first, stories[0], "7"), (second, stories[1], "30"), (third, stories[2], "2")]
    admin_client.post(f"/admin/newsletter/issue/{issue.pk}/change/", form_data(issue, rows))
    assert list(issue.article_links.values_list("article__headline", "position")) == [
        ("Oldest story", 1),
        ("Newest story", 2),
        ("Middle story", 3),
    ]


def test_a_bad_position_is_refused_beside_the_field(admin_client, issue, stories):
    rows = [(None, stories[0], "first"), (None, stories[1], "-3")]
    response = admin_client.post(
        f"/admin/newsletter/issue/{issue.pk}/change/", form_data(issue, rows)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<ul class="errorlist') >= 2
    assert 'value="first"' in page or "Enter a whole number." in page
    assert not issue.article_links.exists()


def test_a_sent_issue_keeps_its_order(admin_client, issue, stories):
    issues.set_articles(issue=issue, articles=stories)
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT)
    first, second, third = issue.article_links.all()
    page = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert "_move_article" not in page
    admin_client.post(
        f"/admin/newsletter/issue/{issue.pk}/change/",
        form_data(issue, [], _move_article=f"{third.pk}:up"),
    )
    assert list(IssueArticle.objects.filter(issue=issue).values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
        third.pk,
    ]


def test_an_issue_frozen_at_sending_keeps_the_automatic_order(admin_client, issue, stories):
    """An issue sent without a choice gets the latest articles, newest first, and
    keeps that order."""
    admin_client.post(
        "/admin/newsletter/issue/", {"action": "send_now", "_selected_action": [issue.pk]}
    )
    assert list(issue.article_links.values_list("article__headline", "position")) == [
        ("Newest story", 1),
        ("Middle story", 2),
        ("Oldest story", 3),
    ]
