"""The moderation admin: who may do what, reported comments, deletions."""

import pytest
from django.contrib.auth.models import Group, Permission

from comments import services
from comments.models import Comment, CommentReport, DiscussionSettings

from .conftest import SAME_ORIGIN, post_comment

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


def staff_user(django_user_model, username, *, groups=(), permissions=()):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="comments", codename__in=permissions)
    )
    return user


def approved(client, story, n=1, **fields):
    for i in range(n):
        post_comment(
            client, story, body=f"Approved remark {i}", email=f"a{i}@example.org", **fields
        )
    comments = list(Comment.objects.order_by("-pk")[:n])
    services.moderate(comments=comments, status=Comment.Status.APPROVED)
    return comments


def test_reported_comments_are_flagged_in_the_default_queue(client, story, rules, admin_user):
    reported, quiet = approved(client, story, n=2)
    post_comment(client, story, body="Waiting for a decision", email="w@example.org")
    client.post(f"/comments/{reported.pk}/report/", {"reason": "Insulting"}, headers=SAME_ORIGIN)
    client.force_login(admin_user)
    html = client.get(QUEUE).content.decode()
    assert "Waiting for a decision" in html
    assert reported.body in html
    assert quiet.body not in html
    assert "Reported (1)" in html
    assert "⚑ 1" in html

    # A moderator who finds the comment fine dismisses the reports.
    response = client.post(QUEUE, {"action": "dismiss_reports", "_selected_action": [reported.pk]})
    assert response.status_code == 302
    assert CommentReport.objects.get().dismissed_at is not None
    html = client.get(QUEUE).content.decode()
    assert reported.body not in html
    assert "Reported (1)" not in html
    reported.refresh_from_db()
    assert reported.status == Comment.Status.APPROVED
    # Still listed under every report, dismissed or not, for the record.
    assert reported.body in client.get(QUEUE + "?status=reported").content.decode()


def test_the_admin_index_counts_reported_comments(client, story, rules, admin_user):
    from django.template import Context, Template
    from django.test import RequestFactory

    (comment,) = approved(client, story)
    services.report(comment=comment, reason="Off topic", ip=None)
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    rendered = Template("{% load comments_admin %}{% reported_comments as n %}{{ n }}").render(
        Context({"request": request})
    )
    assert rendered == "1"
    services.dismiss_reports(comments=[comment])
    assert (
        Template("{% load comments_admin %}{% reported_comments as n %}{{ n }}").render(
            Context({"request": request})
        )
        == "0"
    )
