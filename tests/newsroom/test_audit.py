"""The site-wide audit trail (newsroom/models.py AuditEntry): every comment
decision, newsletter send and schedule, and role change made in the admin
leaves one record naming who made it; chief editors read it, nobody edits it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from comments.models import Comment
from newsletter import tasks
from newsletter.models import Issue
from newsroom import roles
from newsroom.models import AuditEntry
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory
from tests.forms import form_fields
from tests.newsletter.factories import DailyBriefingFactory, IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"
ISSUES = "/admin/newsletter/issue/"
TRAIL = "/admin/newsroom/auditentry/"


def person(django_user_model, username, role, **flags):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True, **flags
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(django_user_model):
    return person(django_user_model, "aynur", roles.EDITOR)


@pytest.fixture
def chief(django_user_model):
    return person(django_user_model, "farid", roles.CHIEF_EDITOR)


@pytest.fixture
def manager(django_user_model):
    return person(django_user_model, "nuray", roles.NEWSLETTER_MANAGER)


def entries(action):
    return list(AuditEntry.objects.filter(action=action))


@pytest.mark.parametrize(
    ("action", "start", "recorded"),
    [
        ("approve", Comment.Status.PENDING, "comment.approve"),
        ("mark_spam", Comment.Status.PENDING, "comment.spam"),
        ("trash", Comment.Status.APPROVED, "comment.trash"),
        ("restore", Comment.Status.TRASH, "comment.restore"),
    ],
)
def test_each_moderation_decision_is_recorded_with_its_moderator(
    client, editor, action, start, recorded
):
    comment = CommentFactory(status=start)
    client.force_login(editor)
    client.post(QUEUE + "?status=all", {"action": action, "_selected_action": [comment.pk]})
    [entry] = entries(recorded)
    assert entry.actor == editor
    assert entry.object_id == str(comment.pk)
    assert entry.details["from"] == start
    # Not the commenter's name or words: the record outlives their erasure.
    assert comment.name not in entry.object_repr


def test_a_deleted_comment_is_recorded_with_who_deleted_it(client, chief):
    comment = CommentFactory()
    CommentFactory(parent=comment)
    client.force_login(chief)
    response = client.post(f"{QUEUE}{comment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    [entry] = entries("comment.delete")
    assert entry.actor == chief
    assert entry.details["comment_id"] == comment.pk
    assert entry.details["deleted"] == 2  # with its reply


def test_an_unchanged_status_records_nothing(client, editor):
    comment = CommentFactory(status=Comment.Status.APPROVED)
    client.force_login(editor)
    client.post(QUEUE + "?status=all", {"action": "approve", "_selected_action": [comment.pk]})
    assert not entries("comment.approve")


@pytest.fixture
def issue(db):
    daily = DailyBriefingFactory()
    ArticleFactory(headline="Ferry service to resume")
    SubscriberFactory(email="reader@example.org", lists=[daily])
    return IssueFactory(
        newsletter_list=daily,
        subject="Morning briefing",
        scheduled_at=timezone.now() + timedelta(hours=1),
    )


def test_sending_an_issue_is_recorded_with_who_sent_it(client, manager, issue):
    client.force_login(manager)
    client.post(ISSUES, {"action": "send_now", "_selected_action": [issue.pk]})
    [entry] = entries("newsletter.send")
    assert entry.actor == manager
    assert entry.object_id == str(issue.pk)
    assert entry.object_repr == "Morning briefing"
    assert entry.details == {"recipients": 1}


def test_scheduling_and_unscheduling_are_recorded(client, manager, issue, settings):
    # A backend that can run a task later, as production's does.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(manager)
    client.post(ISSUES, {"action": "schedule", "_selected_action": [issue.pk]})
    client.post(ISSUES, {"action": "unschedule", "_selected_action": [issue.pk]})
    [scheduled] = entries("newsletter.schedule")
    [unscheduled] = entries("newsletter.unschedule")
    assert scheduled.actor == unscheduled.actor == manager
    assert scheduled.details["send_at"].startswith(str(issue.scheduled_at.year))


def test_a_test_send_is_recorded(client, manager, issue, mailoutbox):
    client.force_login(manager)
    client.post(ISSUES, {"action": "send_test_to_me", "_selected_action": [issue.pk]})
    [entry] = entries("newsletter.send_test")
    assert entry.actor == manager
    assert entry.details == {"to": "nuray@example.org"}


def test_a_csv_export_of_subscribers_is_recorded(client, manager, issue):
    client.force_login(manager)
    response = client.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_csv", "select_across": "1", "_selected_action": ["0"]},
    )
    assert "reader@example.org" in b"".join(response.streaming_content).decode()
    [entry] = entries("newsletter.export_csv")
    assert entry.actor == manager
    assert entry.details == {"subscribers": 1}


def test_a_scheduled_send_started_by_the_site_is_recorded_as_nobodys(issue):
    tasks.start_sending(issue=issue)
    [entry] = entries("newsletter.send")
    assert entry.actor is None
    assert Issue.objects.get().status == Issue.Status.SENDING


def test_a_change_of_someones_groups_and_flags_is_recorded(client, chief, django_user_model):
    reporter = person(django_user_model, "rena", roles.REPORTER)
    client.force_login(chief)
    url = f"/admin/auth/user/{reporter.pk}/change/"
    data = form_fields(client.get(url), form_id="user_form")
    data["groups"] = [str(Group.objects.get(name=roles.EDITOR).pk)]
    data["is_superuser"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    [entry] = entries("auth.role_change")
    assert entry.actor == chief
    assert entry.object_id == str(reporter.pk)
    assert entry.details["groups"] == {"added": [roles.EDITOR], "removed": [roles.REPORTER]}
    assert entry.details["is_superuser"] is True


def test_a_change_of_what_a_role_may_do_is_recorded(client, chief):
    group = Group.objects.get(name=roles.NEWSLETTER_MANAGER)
    client.force_login(chief)
    url = f"/admin/auth/group/{group.pk}/change/"
    data = form_fields(client.get(url), form_id="group_form")
    view_comment = Permission.objects.get(codename="view_comment")
    held = data["permissions"]
    data["permissions"] = [*(held if isinstance(held, list) else [held]), str(view_comment.pk)]
    assert client.post(url, data).status_code == 302
    [entry] = entries("auth.group_change")
    assert entry.actor == chief
    assert entry.object_repr == roles.NEWSLETTER_MANAGER
    assert entry.details["permissions"] == {"added": ["comments.view_comment"], "removed": []}


def test_saving_a_user_without_changing_their_role_records_nothing(
    client, chief, django_user_model
):
    reporter = person(django_user_model, "rena", roles.REPORTER)
    client.force_login(chief)
    url = f"/admin/auth/user/{reporter.pk}/change/"
    data = form_fields(client.get(url), form_id="user_form")
    data["first_name"] = "Rena"
    assert client.post(url, data).status_code == 302
    assert not entries("auth.role_change")


def test_chief_editors_read_the_trail_and_nobody_edits_it(client, chief, manager, editor):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(editor)
    client.post(QUEUE + "?status=all", {"action": "approve", "_selected_action": [comment.pk]})
    entry = AuditEntry.objects.get()

    client.force_login(chief)
    assert TRAIL in client.get("/admin/").content.decode()
    listing = client.get(TRAIL)
    assert listing.status_code == 200
    assert "comment.approve" in listing.content.decode()
    assert "/admin/articles/articletransition/" in listing.content.decode()
    page = client.get(f"{TRAIL}{entry.pk}/change/").content.decode()
    assert 'type="submit"' not in page.split('id="auditentry_form"')[1].split("</form>")[0]
    assert client.get(f"{TRAIL}add/").status_code == 403
    assert client.post(f"{TRAIL}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.count() == 1

    for outsider in (manager, editor):
        client.force_login(outsider)
        assert client.get(TRAIL).status_code == 403
