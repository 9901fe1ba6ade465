"""The moderation admin: who may do what, reported comments, deletions."""

import pytest
from django.contrib.auth.models import Group, Permission

from comments import services
from comments.models import Comment, CommentReport, DiscussionSettings

from .conftest import SAME_ORIGIN, post_comment
from .factories import CommentFactory

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


def approved(story, n=1):
    return [
        CommentFactory(article=story, body=f"Approved remark {i}", email=f"a{i}@example.org")
        for i in range(n)
    ]


@pytest.mark.parametrize("action", ["export_data", "erase_data"])
@pytest.mark.parametrize(
    ("groups", "permissions"),
    [((), ("view_comment",)), (("Editor",), ())],
    ids=["view-only", "editor"],
)
def test_personal_data_export_and_erasure_need_the_delete_permission(
    client, story, rules, django_user_model, action, groups, permissions
):
    comment = CommentFactory(article=story, pending=True, email="me@example.org")
    user = staff_user(django_user_model, "limited", groups=groups, permissions=permissions)
    client.force_login(user)
    assert client.get(QUEUE).status_code == 200
    response = client.post(
        QUEUE + "?status=all", {"action": action, "_selected_action": [comment.pk]}
    )
    assert "Content-Disposition" not in response
    assert not response["Content-Type"].startswith("application/json")
    comment.refresh_from_db()
    assert comment.email == "me@example.org"


def test_chief_editors_may_export_personal_data(client, story, rules, django_user_model):
    comment = CommentFactory(article=story, pending=True, email="me@example.org")
    client.force_login(staff_user(django_user_model, "chief", groups=["Chief editor"]))
    response = client.post(
        QUEUE + "?status=all", {"action": "export_data", "_selected_action": [comment.pk]}
    )
    assert response["Content-Disposition"] == 'attachment; filename="personal-data.json"'


def test_editors_can_edit_the_discussion_settings(client, db, django_user_model):
    client.force_login(staff_user(django_user_model, "ed", groups=["Editor"]))
    url = "/admin/comments/discussionsettings/1/change/"
    assert client.get(url).status_code == 200
    rules = DiscussionSettings.load()
    data = {
        field: getattr(rules, field)
        for field in (
            "mode",
            "max_links",
            "moderation_words",
            "disallowed_words",
            "spam_threshold",
            "min_seconds",
            "comments_per_ip_per_hour",
            "max_length",
            "thread_depth",
            "threads_per_page",
            "page_order",
        )
    }
    response = client.post(url, {**data, "close_after_days": 30})
    assert response.status_code == 302
    assert DiscussionSettings.load().close_after_days == 30


def test_deleting_comments_in_the_admin_keeps_the_counts_right(client, story, rules, admin_user):
    question, other = approved(story, n=2)
    post_comment(client, story, body="A reply", email="r@example.org", parent=question.pk)
    services.moderate(
        comments=[Comment.objects.get(body="A reply")], status=Comment.Status.APPROVED
    )
    story.refresh_from_db()
    assert story.comment_count == 3
    assert "3 comments" in client.get("/section/economy/").content.decode()
    client.force_login(admin_user)
    # Deleting the question deletes its reply too (the cascade).
    response = client.post(f"{QUEUE}{question.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.comment_count == 1
    client.logout()
    assert "1 comment" in client.get("/section/economy/").content.decode()
    assert "1 comment" in client.get("/").content.decode()
    client.force_login(admin_user)
    response = client.post(
        QUEUE + "?status=all",
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.comment_count == 0
    assert (
        "comment"
        not in client.get("/section/economy/").content.decode().split("card__meta")[1][:300]
    )


def test_reported_comments_are_flagged_in_the_default_queue(client, story, rules, admin_user):
    reported, quiet = approved(story, n=2)
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
    # "Reported" lists what still needs a look, as its count and the admin index
    # say; the dismissed report stays on the comment's own page, for the record.
    assert reported.body not in client.get(QUEUE + "?status=reported").content.decode()
    assert "Insulting" in client.get(f"{QUEUE}{reported.pk}/change/").content.decode()


def test_the_admin_index_counts_reported_comments(client, story, rules, admin_user):
    """The moderator's first page says how many reported comments wait, and links to them."""
    (comment,) = approved(story)
    services.report(comment=comment, reason="Off topic", ip=None)
    client.force_login(admin_user)
    index = client.get("/admin/").content.decode()
    assert "1 reported comment<" in index
    assert "?status=reported" in index
    services.dismiss_reports(comments=[comment])
    assert "reported comment" not in client.get("/admin/").content.decode()
