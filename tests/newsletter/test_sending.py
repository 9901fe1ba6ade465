"""Sending an issue: the email itself, batches, retries, crash-resume, and two
workers at once."""

import email
import email.policy
import re
import threading
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from newsletter import delivery, issues, signup, tasks
from newsletter.models import Delivery, Issue, Subscriber
from tests.conftest import committed, postgres_only
from tests.factories import ArticleFactory

from .backends import CrashingBackend
from .factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(daily, section):
    ArticleFactory(headline="Ferry service to resume", section=section, with_image=True)
    ArticleFactory(headline="Orchards report early frost", section=section)
    return IssueFactory(
        newsletter_list=daily, subject="Morning briefing", preheader="Two stories", intro="Hello."
    )


def parse(message):
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def test_sent_email_has_both_parts_and_one_click_unsubscribe(client, issue, daily, mailoutbox):
    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily])
    with committed():
        assert tasks.start_sending(issue=issue) == 1
    assert len(mailoutbox) == 1
    parsed = parse(mailoutbox[0])
    assert parsed["Subject"] == "Morning briefing"
    assert parsed.get_content_type() == "multipart/alternative"
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    assert "Ferry service to resume" in text and "Ferry service to resume" in html
    assert "Orchards report early frost" in text
    assert "http://127.0.0.1:8000/20" in text, "article links are absolute"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["List-Id"] == "Daily briefing <daily-briefing.127.0.0.1>"
    header_url = re.fullmatch(r"<(.+)>", parsed["List-Unsubscribe"]).group(1)
    assert header_url.startswith("http://127.0.0.1:8000/newsletter/unsubscribe/")
    assert header_url in text and header_url in html
    # The mail client's one-click POST unsubscribes.
    path = header_url.removeprefix("http://127.0.0.1:8000")
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_only_confirmed_subscribers_of_the_list_are_mailed(issue, daily, breaking, mailoutbox):
    SubscriberFactory(email="yes@example.org", lists=[daily])
    SubscriberFactory(email="other-list@example.org", lists=[breaking])
    for status in ("pending", "unsubscribed", "bounced", "complained"):
        SubscriberFactory(email=f"{status}@example.org", status=status, lists=[daily])
    with committed():
        tasks.start_sending(issue=issue)
    assert [m.to for m in mailoutbox] == [["yes@example.org"]]


def test_queueing_twice_sends_once(issue, daily, mailoutbox):
    SubscriberFactory(email="reader@example.org", lists=[daily])
    with committed():
        tasks.start_sending(issue=issue)
        tasks.start_sending(issue=issue)
    assert len(mailoutbox) == 1


def test_a_reader_who_leaves_after_queueing_is_skipped(issue, daily, mailoutbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    stays = SubscriberFactory(email="stays@example.org", lists=[daily])
    leaves = SubscriberFactory(email="leaves@example.org", lists=[daily])
    tasks.start_sending(issue=issue)
    signup.unsubscribe(subscriber=leaves)
    delivery.send_pending_deliveries(issue_id=issue.pk, limit=100)
    assert [m.to for m in mailoutbox] == [[stays.email]]
    assert Delivery.objects.get(subscriber=leaves).status == Delivery.Status.SKIPPED


def test_failures_are_retried_a_bounded_number_of_times_then_reported(
    issue, daily, mailoutbox, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.backends.RefusingBackend"}}
    settings.NEWSLETTER_RETRY_SECONDS = 0
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    SubscriberFactory(email="fine@example.org", lists=[daily])
    refused = SubscriberFactory(email="refused@example.org", lists=[daily])
    tasks.start_sending(issue=issue)
    for _ in range(5):
        delivery.send_pending_deliveries(issue_id=issue.pk, limit=100)
    failed = Delivery.objects.get(subscriber=refused)
    assert failed.status == Delivery.Status.FAILED
    assert failed.attempts == 3
    assert "550 mailbox unavailable" in failed.last_error
    assert [m.to for m in mailoutbox] == [["fine@example.org"]]
    assert delivery.finish_if_done(issue_id=issue.pk)
    assert delivery.progress(issue) == {"queued": 0, "sent": 1, "failed": 1, "skipped": 0}


def test_crash_part_way_then_resume_delivers_exactly_once_to_everyone(
    issue, daily, mailoutbox, settings
):
    """1,000 confirmed readers; the worker dies after 400 emails and is restarted."""
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.backends.CrashingBackend"}}
    settings.NEWSLETTER_BATCH_SIZE = 150
    confirmed = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n}@example.org", status="confirmed", confirmed_at=issue.created_at
        )
        for n in range(1000)
    )
    daily.subscribers.add(*confirmed)
    for status in ("pending", "unsubscribed", "bounced"):
        SubscriberFactory(email=f"{status}@example.org", status=status, lists=[daily])

    CrashingBackend.sent, CrashingBackend.crash_after = 0, 400
    with committed():
        tasks.start_sending(issue=issue)  # the task dies with WorkerCrash
    assert len(mailoutbox) == 400
    assert Delivery.objects.filter(status="sent").count() == 400

    # The worker restarts: the task runs again from the queued rows.
    CrashingBackend.crash_after = 10**6
    from newsletter.tasks import send_issue

    with committed():
        send_issue.enqueue(issue.pk)
    recipients = Counter(message.to[0] for message in mailoutbox)
    assert len(recipients) == 1000
    assert set(recipients.values()) == {1}
    assert not recipients.keys() & {
        "pending@example.org",
        "unsubscribed@example.org",
        "bounced@example.org",
    }
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_html_size_warning_for_gmail_clipping(issue, settings):
    _text, html = issues.render_issue(issue, None)
    assert issues.html_size_warning(html) is None
    settings.NEWSLETTER_CLIP_BYTES = 1000
    assert "Gmail clips" in issues.html_size_warning(html)


def test_automatic_selection_takes_articles_since_the_last_issue(issue, daily, section):
    assert {a.headline for a in issues.issue_articles(issue)} == {
        "Ferry service to resume",
        "Orchards report early frost",
    }
    with committed():
        tasks.start_sending(issue=issue)
    ArticleFactory(headline="Newer story", section=section, published_at=timezone.now())
    following = IssueFactory(newsletter_list=daily, subject="Next")
    assert [a.headline for a in issues.issue_articles(following)] == ["Newer story"]
    # The sent issue keeps exactly what it was sent with.
    assert issue.articles.count() == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_still_send_exactly_one_each(daily, section, mailoutbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    ArticleFactory(section=section)
    issue = IssueFactory(newsletter_list=daily, subject="Concurrent")
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"r{n}@example.org", status="confirmed", confirmed_at=issue.created_at)
        for n in range(300)
    )
    daily.subscribers.add(*subscribers)
    tasks.start_sending(issue=issue)
    errors = []
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            delivery.send_pending_deliveries(issue_id=issue.pk, limit=10_000)
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    recipients = Counter(message.to[0] for message in mailoutbox)
    assert len(recipients) == 300
    assert set(recipients.values()) == {1}
