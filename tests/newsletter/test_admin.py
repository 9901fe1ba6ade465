"""The newsroom's side: CSV export and import, webhooks, personal data,
housekeeping, scheduling and the daily digest."""

import base64
import csv
import io
import json
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsletter import issues, privacy
from newsletter.imports import import_subscribers
from newsletter.models import Issue, NewsletterList, Subscriber
from newsletter.signup import purge_unconfirmed
from newsletter.tasks import purge_pending_signups, send_due_digests
from tests.conftest import committed
from tests.factories import ArticleFactory

from .conftest import signup
from .factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return client


def test_csv_export_streams_every_selected_subscriber(admin_client, daily):
    SubscriberFactory(email="one@example.org", lists=[daily])
    SubscriberFactory(email="=HYPERLINK(1)@example.org", status="pending", lists=[daily])
    ids = list(Subscriber.objects.values_list("pk", flat=True))
    response = admin_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_csv", "_selected_action": ids},
    )
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["email"] for row in rows} == {"one@example.org", "'=HYPERLINK(1)@example.org"}
    assert {row["lists"] for row in rows} == {"daily-briefing"}


def test_csv_import_validates_deduplicates_and_records_the_source(admin_client, daily, breaking):
    SubscriberFactory(email="existing@example.org", lists=[daily])
    content = (
        b"email,lists\n"
        b"new@example.org,breaking-news\n"
        b"NEW@example.org,\n"
        b"existing@example.org,\n"
        b"not an address,\n"
        b"other@example.org;x@example.org,\n"
        b"second@example.org,\n"
    )
    response = admin_client.post(
        "/admin/newsletter/subscriber/import/",
        {
            "file": SimpleUploadedFile("list.csv", content, content_type="text/csv"),
            "lists": [daily.pk],
            "source": "Old WordPress list",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 added, 2 already present, 2 invalid." in html
    assert "not an address" in html
    new = Subscriber.objects.get(email="new@example.org")
    assert new.status == Subscriber.Status.CONFIRMED
    assert new.consent_source == "import: Old WordPress list"
    assert set(new.lists.all()) == {daily, breaking}
    assert Subscriber.objects.count() == 3


def test_csv_import_without_an_email_column_is_a_clear_error(admin_client, daily):
    response = admin_client.post(
        "/admin/newsletter/subscriber/import/",
        {
            "file": SimpleUploadedFile("list.csv", b"name\nAli\n", content_type="text/csv"),
            "source": "x",
        },
    )
    assert response.status_code == 200
    assert "needs a header row with an “email” column" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    ("record", "status"),
    [
        ({"RecordType": "Bounce", "Type": "HardBounce", "TypeCode": 1}, "bounced"),
        ({"RecordType": "SpamComplaint", "Type": "SpamComplaint", "TypeCode": 512}, "complained"),
    ],
)
def test_esp_webhooks_mark_subscribers_so_they_are_never_mailed_again(
    client, daily, record, status
):
    SubscriberFactory(email="reader@example.org", lists=[daily])
    payload = {
        **record,
        "Email": "reader@example.org",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "BouncedAt": "2026-11-27T10:00:00Z",
        "Description": "The server was unable to deliver your message.",
    }
    credentials = base64.b64encode(b"hook:secret").decode()
    response = client.post(
        "/anymail/postmark/tracking/",
        json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Basic {credentials}"},
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == status
    unauthenticated = client.post(
        "/anymail/postmark/tracking/", json.dumps(payload), content_type="application/json"
    )
    assert unauthenticated.status_code in (400, 401, 403)


def test_personal_data_export_and_erasure(admin_client, daily):
    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily])
    data = privacy.export_personal_data(email="READER@example.org")
    assert data[0]["email"] == "reader@example.org"
    assert data[0]["lists"] == ["Daily briefing"]
    response = admin_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "erase_personal_data", "_selected_action": [subscriber.pk]},
    )
    assert response.status_code == 302
    assert not Subscriber.objects.exists()


def test_the_daily_purge_removes_old_unconfirmed_signups(daily):
    old = SubscriberFactory(email="old@example.org", status="pending", lists=[daily])
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    SubscriberFactory(email="recent@example.org", status="pending", lists=[daily])
    SubscriberFactory(email="confirmed@example.org", lists=[daily])
    assert purge_pending_signups.call() == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "recent@example.org",
        "confirmed@example.org",
    }
    assert purge_pending_signups.call() == 0  # safe to run again
    assert Subscriber.objects.count() == 2


@pytest.fixture
def db_tasks(settings):
    """The real database task backend, as `make run` and production use."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_scheduled_issue_is_queued_for_its_time(admin_client, daily, db_tasks):
    from django_tasks_db.models import DBTaskResult

    when = timezone.now() + timedelta(hours=5)
    issue = IssueFactory(newsletter_list=daily, subject="Tomorrow", scheduled_at=when)
    response = admin_client.post(
        "/admin/newsletter/issue/", {"action": "schedule", "_selected_action": [issue.pk]}
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    task = DBTaskResult.objects.get(task_path="newsletter.tasks.start_scheduled_issue")
    assert task.run_after == when
    assert task.args_kwargs["args"] == [issue.pk]


def test_daily_digest_builds_once_a_day_and_schedules_the_next(daily, section, db_tasks):
    from django_tasks_db.models import DBTaskResult

    NewsletterList.objects.filter(pk=daily.pk).update(daily_digest=True)
    SubscriberFactory(email="reader@example.org", lists=[daily])
    ArticleFactory(section=section, headline="Digest story")
    # Just switched on: its first digest goes out at its next digest time.
    assert send_due_digests.call() == 0
    daily.refresh_from_db()
    assert daily.digest_next_at > timezone.now()
    with time_machine.travel(daily.digest_next_at + timedelta(seconds=30)):
        with committed():
            assert send_due_digests.call() == 1
        digest = Issue.objects.get(digest_date=timezone.localdate())
        assert digest.status == Issue.Status.SENDING
        assert [a.headline for a in digest.articles.all()] == ["Digest story"]
        daily.refresh_from_db()
        assert daily.digest_next_at > timezone.now()
        # Run again in the same minute, it builds nothing and queues nothing.
        assert send_due_digests.call() == 0
        assert Issue.objects.filter(digest_date__isnull=False).count() == 1
        queued = DBTaskResult.objects.exclude(task_path="newsletter.tasks.send_issue")
        assert not queued.exists()
    # Tomorrow, with nothing new published, no empty newsletter goes out.
    with time_machine.travel(daily.digest_next_at + timedelta(minutes=1)):
        assert send_due_digests.call() == 0
    assert Issue.objects.filter(digest_date__isnull=False).count() == 1


def test_a_digest_that_fails_to_build_stays_due_for_the_next_run(daily, section, monkeypatch):
    """The claim on today's digest is undone with the failed build: the digest
    goes out a minute later instead of being lost for the day."""
    due = timezone.now() - timedelta(minutes=1)
    NewsletterList.objects.filter(pk=daily.pk).update(daily_digest=True, digest_next_at=due)
    SubscriberFactory(email="reader@example.org", lists=[daily])
    ArticleFactory(section=section, headline="Digest story")

    def broken_build(**kwargs):
        raise RuntimeError("the template could not be read")

    monkeypatch.setattr(issues, "build_digest", broken_build)
    with pytest.raises(RuntimeError):
        send_due_digests.call()
    daily.refresh_from_db()
    assert daily.digest_next_at == due
    monkeypatch.undo()
    with committed():
        assert send_due_digests.call() == 1


def test_changing_the_digest_time_in_the_admin_moves_the_next_digest(admin_client, daily):
    response = admin_client.post(
        f"/admin/newsletter/newsletterlist/{daily.pk}/change/",
        {
            "name": daily.name,
            "slug": daily.slug,
            "language": daily.language,
            "order": daily.order,
            "is_public": "on",
            "daily_digest": "on",
            "digest_time": "18:30",
            "digest_articles": 10,
        },
    )
    assert response.status_code == 302
    daily.refresh_from_db()
    due = timezone.localtime(daily.digest_next_at)
    assert (due.hour, due.minute) == (18, 30)
    assert timezone.now() < daily.digest_next_at <= timezone.now() + timedelta(days=1)


def test_issue_admin_shows_progress_and_preview(admin_client, daily, section, mailoutbox):
    ArticleFactory(section=section, headline="Preview story")
    SubscriberFactory(email="reader@example.org", lists=[daily])
    issue = IssueFactory(newsletter_list=daily, subject="Preview me")
    preview = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/preview/")
    assert preview.status_code == 200
    assert "Preview story" in preview.content.decode()
    change = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/change/")
    assert change.status_code == 200
    assert "KB)" in change.content.decode()
    admin_client.post(
        "/admin/newsletter/issue/", {"action": "send_test_to_me", "_selected_action": [issue.pk]}
    )
    assert mailoutbox[-1].subject == "[Test] Preview me"
    assert mailoutbox[-1].to == ["chief@example.org"]
    admin_client.post(
        "/admin/newsletter/issue/", {"action": "send_now", "_selected_action": [issue.pk]}
    )
    listing = admin_client.get("/admin/newsletter/issue/").content.decode()
    assert "0 / 1 / <span>0</span>" in listing


def test_purge_counts_from_the_last_sign_up_attempt(client, daily, mailoutbox):
    """A reader who signs up again today got a fresh link: it must still work."""
    signup(client, "reader@example.org")
    month_ago = timezone.now() - timedelta(days=30)
    Subscriber.objects.update(
        created_at=month_ago, consent_at=month_ago, confirmation_sent_at=month_ago
    )
    signup(client, "reader@example.org")
    assert len(mailoutbox) == 2
    assert purge_unconfirmed() == 0
    Subscriber.objects.update(consent_at=month_ago)
    assert purge_unconfirmed() == 1


def test_the_editor_is_warned_when_gmail_would_clip_the_issue(
    admin_client, daily, section, settings
):
    """About 102 KB of HTML: Gmail hides the rest, unsubscribe link included."""
    ArticleFactory(section=section, headline="A story")
    SubscriberFactory(email="reader@example.org", lists=[daily])
    issue = IssueFactory(newsletter_list=daily, subject="Too long", intro="Words. " * 20000)
    change = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    assert "Gmail clips messages over about 102 KB" in change
    response = admin_client.post(
        "/admin/newsletter/issue/",
        {"action": "send_now", "_selected_action": [issue.pk]},
        follow=True,
    )
    assert "“Too long”: This issue&#x27;s HTML is" in response.content.decode()
    short = IssueFactory(newsletter_list=daily, subject="Short")
    response = admin_client.post(
        "/admin/newsletter/issue/",
        {"action": "send_now", "_selected_action": [short.pk]},
        follow=True,
    )
    assert "Gmail clips" not in response.content.decode()


def test_a_test_email_says_when_its_personal_links_cannot_work(
    admin_client, client, daily, section, mailoutbox
):
    """The editor clicking "Unsubscribe" in a test must not think the links are broken."""
    ArticleFactory(section=section, headline="A story")
    issue = IssueFactory(newsletter_list=daily, subject="Check me")
    send_test = {"action": "send_test_to_me", "_selected_action": [issue.pk]}
    admin_client.post("/admin/newsletter/issue/", send_test)
    assert "work in each subscriber’s own copy" in mailoutbox[-1].body
    # An editor who subscribes gets links that are really theirs.
    SubscriberFactory(email="chief@example.org", lists=[daily])
    admin_client.post("/admin/newsletter/issue/", send_test)
    message = mailoutbox[-1]
    assert "own copy" not in message.body
    link = (
        message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    )
    assert "Unsubscribe" in client.get(link).content.decode()


def test_the_issue_page_has_a_send_a_test_button(admin_client, daily, section, mailoutbox):
    ArticleFactory(section=section, headline="A story")
    issue = IssueFactory(newsletter_list=daily, subject="Button test")
    page = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/change/").content.decode()
    url = f"/admin/newsletter/issue/{issue.pk}/send-test/"
    assert f'action="{url}"' in page
    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url, follow=True)
    assert mailoutbox[-1].subject == "[Test] Button test"
    assert "Test sent to chief@example.org" in response.content.decode()


def test_csv_import_takes_the_same_few_queries_for_ten_rows_or_a_thousand(
    daily, django_assert_max_num_queries
):
    """One lookup of existing addresses and bulk inserts, not a query per row."""
    for rows in (10, 1000):
        content = "email\n" + "".join(f"r{rows}-{n}@example.org\n" for n in range(rows))
        upload = SimpleUploadedFile("list.csv", content.encode(), content_type="text/csv")
        with django_assert_max_num_queries(8):
            report = import_subscribers(upload, lists=[daily], source="Old list")
        assert report["added"] == rows
    assert daily.subscribers.count() == 1010
