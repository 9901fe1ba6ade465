"""Who may send an issue, and moving or cancelling a scheduled one."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Issue
from tests.factories import ArticleFactory

from .factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(daily, section):
    ArticleFactory(section=section, headline="Ferry service to resume")
    SubscriberFactory(email="reader@example.org", lists=[daily])
    return IssueFactory(
        newsletter_list=daily,
        subject="Morning briefing",
        scheduled_at=timezone.now() + timedelta(hours=1),
    )


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def staff(django_user_model, username, *codenames, groups=()):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def act(client, action, issue):
    return client.post(
        "/admin/newsletter/issue/", {"action": action, "_selected_action": [issue.pk]}
    )


def task_rows():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path__startswith="newsletter.tasks.")


def test_staff_who_may_only_view_issues_cannot_send_them(
    client, django_user_model, issue, mailoutbox, db_tasks
):
    client.force_login(staff(django_user_model, "viewer", "view_issue"))
    listing = client.get("/admin/newsletter/issue/").content.decode()
    assert "send_now" not in listing and "send_test_to_me" not in listing
    for action in ("send_test_to_me", "send_now", "schedule"):
        act(client, action, issue)
    # Nor through the issue page's button, which it is not shown.
    page = client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert "send-test" not in page
    assert client.post(f"/admin/newsletter/issue/{issue.pk}/send-test/").status_code == 403
    assert mailoutbox == []
    assert not task_rows().exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    # Viewing stays allowed, preview included.
    assert client.get(f"/admin/newsletter/issue/{issue.pk}/preview/").status_code == 200


def test_staff_without_newsletter_rights_cannot_preview_an_issue(client, django_user_model, issue):
    client.force_login(staff(django_user_model, "reporter", "view_article"))
    assert client.get(f"/admin/newsletter/issue/{issue.pk}/preview/").status_code == 403


@pytest.mark.parametrize("role", ["Newsletter manager", "Chief editor"])
def test_the_sending_roles_may_send(client, django_user_model, issue, mailoutbox, role):
    client.force_login(staff(django_user_model, "sender", groups=[role]))
    act(client, "send_now", issue)
    assert [message.to for message in mailoutbox] == [["reader@example.org"]]


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def change_form(issue, **changes):
    data = {
        "newsletter_list": issue.newsletter_list_id,
        "subject": issue.subject,
        "preheader": issue.preheader,
        "intro": issue.intro,
        "auto_articles": issue.auto_articles,
        "deliveries-TOTAL_FORMS": 0,
        "deliveries-INITIAL_FORMS": 0,
        "deliveries-MIN_NUM_FORMS": 0,
        "deliveries-MAX_NUM_FORMS": 0,
        "article_links-TOTAL_FORMS": 0,
        "article_links-INITIAL_FORMS": 0,
        "article_links-MIN_NUM_FORMS": 0,
        "article_links-MAX_NUM_FORMS": 1000,
    }
    when = changes.pop("scheduled_at", issue.scheduled_at)
    local = timezone.localtime(when) if when else None
    data["scheduled_at_0"] = local.strftime("%Y-%m-%d") if local else ""
    data["scheduled_at_1"] = local.strftime("%H:%M:%S") if local else ""
    return {**data, **changes}


@pytest.fixture
def chief_client(client, django_user_model):
    # Permissions, not a role: a transactional test's flush removes the roles.
    client.force_login(
        staff(django_user_model, "chief", "view_issue", "change_issue", "send_issue")
    )
    return client


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_issue_moved_later_goes_out_at_the_new_time_only(
    chief_client, issue, mailoutbox, db_tasks
):
    first = issue.scheduled_at.replace(microsecond=0)
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=first)
    act(chief_client, "schedule", issue)
    later = first + timedelta(hours=2)
    response = chief_client.post(
        f"/admin/newsletter/issue/{issue.pk}/change/", change_form(issue, scheduled_at=later)
    )
    assert response.status_code == 302, response.content.decode()
    assert sorted(task_rows().values_list("run_after", flat=True)) == [first, later]
    with time_machine.travel(first + timedelta(minutes=1)):
        run_worker()
    issue.refresh_from_db()
    assert (issue.status, mailoutbox) == (Issue.Status.SCHEDULED, [])
    with time_machine.travel(later + timedelta(minutes=1)):
        run_worker()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert len(mailoutbox) == 1


def test_scheduling_again_moves_a_scheduled_issue(chief_client, issue, db_tasks):
    act(chief_client, "schedule", issue)
    moved = issue.scheduled_at + timedelta(hours=3)
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=moved)
    act(chief_client, "schedule", issue)
    assert task_rows().filter(run_after=moved).exists()


@pytest.mark.django_db(transaction=True)
def test_an_unscheduled_issue_is_a_draft_again_and_is_not_sent(
    chief_client, issue, mailoutbox, db_tasks
):
    act(chief_client, "schedule", issue)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    act(chief_client, "unschedule", issue)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    with time_machine.travel(issue.scheduled_at + timedelta(minutes=1)):
        run_worker()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert mailoutbox == []


def test_a_scheduled_issue_cannot_lose_its_time_or_move_into_the_past(
    chief_client, issue, db_tasks
):
    act(chief_client, "schedule", issue)
    for when, message in [(None, "Unschedule"), (timezone.now() - timedelta(hours=1), "future")]:
        response = chief_client.post(
            f"/admin/newsletter/issue/{issue.pk}/change/", change_form(issue, scheduled_at=when)
        )
        assert response.status_code == 200
        assert message in response.content.decode()
    assert task_rows().count() == 1


def test_an_issue_has_an_admin_preview_and_no_public_page(client, django_user_model, issue):
    """An issue lives in the admin only: no "View on site" link to a page readers never see."""
    client.force_login(staff(django_user_model, "viewer", "view_issue", "change_issue"))
    assert issue.get_preview_url() == f"/admin/newsletter/issue/{issue.pk}/preview/"
    assert "Ferry service to resume" in client.get(issue.get_preview_url()).content.decode()
    page = client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert "viewsitelink" not in page


def test_an_issue_is_scheduled_only_as_a_draft_with_a_time_to_come(chief_client, issue, db_tasks):
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    response = chief_client.post(
        "/admin/newsletter/issue/",
        {"action": "schedule", "_selected_action": [issue.pk]},
        follow=True,
    )
    assert "the “send at” time has passed; use “Send now”" in response.content.decode()
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SENT, scheduled_at=timezone.now() + timedelta(hours=1)
    )
    response = chief_client.post(
        "/admin/newsletter/issue/",
        {"action": "schedule", "_selected_action": [issue.pk]},
        follow=True,
    )
    assert "needs to be a draft with a “send at” time" in response.content.decode()
    assert not task_rows().exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


# The issue page's own "Send now" and "Schedule" (issue 11) ------------------


def test_send_now_on_the_issue_page_asks_first_then_sends_as_the_list_action_does(
    chief_client, issue, mailoutbox
):
    page = chief_client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert f'href="/admin/newsletter/issue/{issue.pk}/send-now/"' in page
    confirm = chief_client.get(f"/admin/newsletter/issue/{issue.pk}/send-now/")
    assert "It goes at once to the 1 confirmed subscriber of “Daily briefing”" in (
        confirm.content.decode()
    )
    assert "Yes, send it now" in confirm.content.decode()
    assert mailoutbox == []
    response = chief_client.post(f"/admin/newsletter/issue/{issue.pk}/send-now/", follow=True)
    assert response.redirect_chain == [(f"/admin/newsletter/issue/{issue.pk}/change/", 302)]
    assert "“Morning briefing” is being sent to 1 subscriber." in response.content.decode()
    assert [message.to for message in mailoutbox] == [["reader@example.org"]]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    # Sent: the buttons are gone, and sending again does nothing.
    page = chief_client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert "send-now/" not in page and "schedule/" not in page
    again = chief_client.post(f"/admin/newsletter/issue/{issue.pk}/send-now/", follow=True)
    assert "has already been sent" in again.content.decode()
    assert len(mailoutbox) == 1
    scheduling = chief_client.get(f"/admin/newsletter/issue/{issue.pk}/schedule/", follow=True)
    assert "has already been sent" in scheduling.content.decode()


def test_schedule_on_the_issue_page_sets_the_time_and_queues_the_run(chief_client, issue, db_tasks):
    page = chief_client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert f'href="/admin/newsletter/issue/{issue.pk}/schedule/"' in page
    when = timezone.localtime() + timedelta(days=2)
    when = when.replace(hour=8, minute=30, second=0, microsecond=0)
    response = chief_client.post(
        f"/admin/newsletter/issue/{issue.pk}/schedule/", {"when": when.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.status, issue.scheduled_at) == (Issue.Status.SCHEDULED, when)
    assert list(task_rows().values_list("run_after", flat=True)) == [when]
    # The page offers the time it is scheduled for, to move it.
    form = chief_client.get(f"/admin/newsletter/issue/{issue.pk}/schedule/").content.decode()
    assert f'value="{when:%Y-%m-%dT%H:%M}"' in form


@pytest.mark.parametrize(
    "typed, error",
    [
        ("2020-01-01T08:00", "That time has passed: choose a time in the future"),
        ("next tuesday", "Enter a date and time, like 2026-12-24 08:00."),
        ("2026-02-30T08:00", "Enter a date and time, like 2026-12-24 08:00."),
        ("", "Enter the date and time to send it at."),
    ],
)
def test_schedule_on_the_issue_page_refuses_a_bad_time_beside_the_field(
    chief_client, issue, db_tasks, typed, error
):
    before = issue.scheduled_at
    response = chief_client.post(f"/admin/newsletter/issue/{issue.pk}/schedule/", {"when": typed})
    assert response.status_code == 200
    page = response.content.decode()
    row = page[page.index('<div class="form-row errors">') : page.index('id="id_when"')]
    assert error in row
    assert f'value="{typed}"' in page if typed else 'name="when"' in page
    issue.refresh_from_db()
    assert (issue.status, issue.scheduled_at) == (Issue.Status.DRAFT, before)
    assert not task_rows().exists()


def test_only_those_who_may_send_from_the_list_may_send_from_the_issue_page(
    client, django_user_model, issue, mailoutbox, db_tasks
):
    editor = staff(django_user_model, "editor", "view_issue", "change_issue")
    sender_blind = staff(django_user_model, "blind", "send_issue")
    for user in (editor, sender_blind):
        client.force_login(user)
        page = client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
        assert "send-now/" not in page and "schedule/" not in page
        for action in ("send-now", "schedule"):
            url = f"/admin/newsletter/issue/{issue.pk}/{action}/"
            assert client.get(url).status_code == 403
            when = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
            assert client.post(url, {"when": when}).status_code == 403
    assert mailoutbox == []
    assert not task_rows().exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
