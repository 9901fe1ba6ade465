"""Sending survives what goes wrong around it: a worker killed mid-send, a mail
server that cannot be reached, a temporary refusal."""

from collections import Counter
from datetime import timedelta
from unittest import mock

import crontask
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from newsletter import delivery, tasks
from newsletter.models import Delivery, Issue
from newsletter.tasks import send_issue, watch_sends
from tests.conftest import committed
from tests.factories import ArticleFactory

from .backends import RefuseFirstBackend
from .factories import IssueFactory, SubscriberFactory

# The worker commits and closes connections as in production, so these tests
# commit too (in a test transaction PostgreSQL would lose its connection).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def db_tasks(settings):
    """The real database task backend, as `make run` and production use."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def issue(daily, section):
    ArticleFactory(section=section)
    for n in range(5):
        SubscriberFactory(email=f"reader{n}@example.org", lists=[daily])
    return IssueFactory(newsletter_list=daily, subject="Morning briefing")


def send_tasks():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="newsletter.tasks.send_issue")


def run_worker():
    """What `make run` starts, run until no task is ready."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def assert_everyone_mailed_once(mailoutbox, issue):
    recipients = Counter(message.to[0] for message in mailoutbox)
    assert sorted(recipients) == [f"reader{n}@example.org" for n in range(5)]
    assert set(recipients.values()) == {1}
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_a_send_whose_worker_was_killed_is_resumed_at_restart(issue, db_tasks, mailoutbox):
    with committed():
        tasks.start_sending(issue=issue)
    # A worker claims the batch and is killed (kill -9, out of memory, a reboot):
    # its task row stays RUNNING and nothing hands over to the next batch.
    send_tasks().get().claim("killed-worker")
    run_worker()
    assert mailoutbox == []
    later = timezone.now() + delivery.stall_timeout() + timedelta(minutes=1)
    with time_machine.travel(later):
        assert watch_sends.call() == 1
        run_worker()
    assert_everyone_mailed_once(mailoutbox, issue)


def test_a_send_that_is_still_running_is_not_queued_again(issue, db_tasks):
    with committed():
        tasks.start_sending(issue=issue)
    assert tasks.resume_stalled_sends() == [], "its task is waiting"
    send_tasks().get().claim("busy-worker")
    assert tasks.resume_stalled_sends() == [], "its task started moments ago"
    assert send_tasks().count() == 1


def test_resuming_twice_queues_once_and_two_chains_mail_nobody_twice(issue, db_tasks, mailoutbox):
    with committed():
        tasks.start_sending(issue=issue)
    # The batch raises (a database error, say): nothing follows it.
    with mock.patch.object(delivery, "send_pending_deliveries", side_effect=RuntimeError):
        run_worker()
    assert send_tasks().get().status == "FAILED"
    assert tasks.resume_stalled_sends() == [issue.pk]
    assert tasks.resume_stalled_sends() == []
    assert send_tasks().filter(status="READY").count() == 1
    # Even two chains for the same issue (a second worker's resume) mail each reader once.
    send_issue.enqueue(issue.pk)
    run_worker()
    assert_everyone_mailed_once(mailoutbox, issue)


def test_an_issue_whose_last_email_went_out_before_the_crash_is_finished(issue, db_tasks):
    with committed():
        tasks.start_sending(issue=issue)
    send_tasks().delete()
    Delivery.objects.update(status=Delivery.Status.SENT, sent_at=timezone.now())
    assert tasks.resume_stalled_sends() == []
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert not send_tasks().exists()


def test_the_watch_runs_every_few_minutes_and_never_doubles(db_tasks):
    """One job in the one scheduler (crontask holds a lock so that a single
    scheduler runs), firing every five minutes."""
    from django_tasks_db.models import DBTaskResult

    import newsroom.tasks  # noqa: F401 - registers the schedule, as `manage.py crontask` does

    watches = [job for job in crontask.scheduler.get_jobs() if job.name == "watch_sends"]
    assert len(watches) == 1
    now = timezone.now()
    first = watches[0].trigger.get_next_fire_time(None, now)
    assert first - now <= timedelta(minutes=5)
    following = watches[0].trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    assert following - first == timedelta(minutes=5)
    # Each run does its work once and queues no further run of itself.
    assert watch_sends.call() == 0
    assert not DBTaskResult.objects.filter(task_path="newsletter.tasks.watch_sends").exists()


def test_a_send_is_stalled_when_its_heartbeat_stops_not_while_it_beats(issue, db_tasks):
    """Told from our own records: the heartbeat its batches write as they go."""
    with committed():
        tasks.start_sending(issue=issue)
    issue.refresh_from_db()
    assert issue.heartbeat_at is not None, "queueing is the first sign of life"
    quiet = issue.heartbeat_at + delivery.stall_timeout() - timedelta(minutes=1)
    with time_machine.travel(quiet):
        assert delivery.claim_stalled_sends() == []
        delivery.beat(issue_id=issue.pk)  # a batch is still at work
    with time_machine.travel(quiet + delivery.stall_timeout() - timedelta(minutes=1)):
        assert delivery.claim_stalled_sends() == []
    silent = quiet + delivery.stall_timeout() + timedelta(minutes=1)
    with time_machine.travel(silent):
        assert delivery.claim_stalled_sends() == [issue.pk]
        assert delivery.claim_stalled_sends() == [], "claimed once"


def test_an_unreachable_mail_server_is_retried_then_reported(issue, db_tasks, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.backends.UnreachableBackend"}}
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    settings.NEWSLETTER_RETRY_SECONDS = 60
    with committed():
        tasks.start_sending(issue=issue)
    run_worker()
    retry = send_tasks().get(status="READY")
    assert retry.run_after > timezone.now(), "retried later, not in a tight loop"
    first = Delivery.objects.first()
    assert first.status == Delivery.Status.QUEUED
    assert first.attempts == 1
    assert "Connection refused" in first.last_error
    for _ in range(2):
        with time_machine.travel(send_tasks().get(status="READY").run_after + timedelta(seconds=1)):
            run_worker()
    assert delivery.progress(issue) == {"queued": 0, "sent": 0, "failed": 5, "skipped": 0}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {3}
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert not send_tasks().filter(status="READY").exists()


def test_an_unreachable_server_counts_one_attempt_each_even_without_a_delay(
    issue, db_tasks, settings
):
    """With NEWSLETTER_RETRY_SECONDS=0 rows just counted are still due: none may
    be counted twice in one failure."""
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.backends.UnreachableBackend"}}
    settings.NEWSLETTER_MAX_ATTEMPTS = 5
    settings.NEWSLETTER_RETRY_SECONDS = 0
    tasks.start_sending(issue=issue)
    *others, first = Delivery.objects.order_by("pk")  # the tried one last
    Delivery.objects.filter(pk=first.pk).update(attempts=1)
    delivery.send_pending_deliveries(issue_id=issue.pk, limit=100)
    counts = dict(Delivery.objects.values_list("pk", "attempts"))
    assert counts[first.pk] == 2
    assert {counts[d.pk] for d in others} == {1}


def test_one_temporary_refusal_does_not_pause_the_rest_of_the_send(
    issue, db_tasks, settings, mailoutbox
):
    """On PostgreSQL the never-tried rows' NULL retry times sort last: the one
    retry time must not decide when the others go out."""
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.backends.RefuseFirstBackend"}}
    settings.NEWSLETTER_BATCH_SIZE = 2
    settings.NEWSLETTER_RETRY_SECONDS = 3600
    RefuseFirstBackend.refused.clear()
    with committed():
        tasks.start_sending(issue=issue)
    run_worker()
    assert len(mailoutbox) == 4, "everyone but the refused reader, without waiting an hour"
    refused = Delivery.objects.get(status=Delivery.Status.QUEUED)
    assert refused.subscriber.email == RefuseFirstBackend.refused[0]
    with time_machine.travel(refused.next_attempt_at + timedelta(seconds=1)):
        run_worker()
    assert_everyone_mailed_once(mailoutbox, issue)
