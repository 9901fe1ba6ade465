"""Background work (django.tasks; `manage.py db_worker` runs it), and the one
module that queues it: the services decide, the functions at the top of this
module run a service and queue the work it calls for, once it is committed.

Sending is small batches, each handing over to the next, so a restart resumes
where the last one stopped.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from . import delivery, issues, signup
from .models import Issue, NewsletterList, Subscriber

# What views and the admin call ----------------------------------------------


def sign_up(**details) -> None:
    """``signup.subscribe``, and the confirmation e-mail it calls for sent by the worker."""
    _mail_when_committed(signup.subscribe(**details))


def resend_confirmation(*, key) -> None:
    """``signup.resend_confirmation``, the fresh link sent by the worker."""
    _mail_when_committed(signup.resend_confirmation(key=key))


def _mail_when_committed(email: signup.ConfirmationEmail | None) -> None:
    if email is not None:
        transaction.on_commit(lambda: send_confirmation.enqueue(*email))


def start_sending(*, issue: Issue) -> int:
    """Queue the issue's deliveries and start sending them; how many readers get it."""
    count = delivery.queue_issue(issue=issue)
    if count is None:  # already being sent, or sent
        return 0
    transaction.on_commit(lambda: send_issue.enqueue(issue.pk))
    return count


def schedule_sending(*, issue: Issue, when: datetime) -> bool:
    """Schedule the issue and queue the run that starts it at ``when``."""
    if not issues.schedule_issue(issue=issue, when=when):
        return False
    start_scheduled_issue.using(run_after=when).enqueue(issue.pk)
    return True


# Tasks ----------------------------------------------------------------------


@task
def send_confirmation(subscriber_id: int, kind: str) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        signup.send_confirmation_email(subscriber=subscriber, kind=kind)


@task
def send_issue(issue_id: int) -> str:
    """Send one batch, then hand over to the next batch (or a retry later)."""
    delivery.send_pending_deliveries(issue_id=issue_id, limit=settings.NEWSLETTER_BATCH_SIZE)
    if delivery.finish_if_done(issue_id=issue_id):
        return "sent"
    continue_sending(issue_id)
    return "continuing"


def continue_sending(issue_id: int) -> None:
    """Queue the next batch: now if a delivery is due, else at the first retry time."""
    retry_at = delivery.next_retry_at(issue_id=issue_id)
    if retry_at and retry_at > timezone.now() and send_issue.get_backend().supports_defer:
        send_issue.using(run_after=retry_at).enqueue(issue_id)
    else:
        send_issue.enqueue(issue_id)


@task
def start_scheduled_issue(issue_id: int) -> None:
    # Rescheduled or sent by hand since: this run is stale.
    issue = issues.due_scheduled_issue(issue_id=issue_id)
    if issue is not None:
        start_sending(issue=issue)


def resume_stalled_sends() -> list[int]:
    """Re-queue the sending of every issue left "sending" with no live task.

    A worker killed mid-batch (kill -9, a crash, a reboot) leaves its task row
    RUNNING, and a batch that raised leaves it FAILED: either way nothing hands
    over to the next batch. Safe to call at any time and from several places:
    an issue that already has a waiting or recently started task is left
    alone, and even two chains for one issue cannot mail anyone twice, because
    each delivery row is claimed before it is sent.
    """
    live = _issues_with_live_send_task()
    resumed = []
    for issue_id in Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True):
        if issue_id in live:
            continue
        # The worker may have died after the last email, before marking the issue sent.
        if delivery.finish_if_done(issue_id=issue_id):
            continue
        continue_sending(issue_id)
        resumed.append(issue_id)
    return resumed


def _issues_with_live_send_task() -> set[int]:
    from django.tasks import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = send_issue.get_backend()
    if not isinstance(backend, DatabaseBackend):
        # Nothing to inspect: re-queue (a second chain costs queries, not emails).
        return set()
    started_since = timezone.now() - delivery.send_task_timeout()
    rows = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=started_since),
        task_path=send_issue.module_path,
        backend_name=backend.alias,
    ).values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows if row.get("args")}


# How often the worker looks for sends that a dead worker left half-done.
WATCH_EVERY = timedelta(minutes=5)


@task
def watch_sends() -> int:
    """Resume stalled sends, then come back in WATCH_EVERY. `newsletter_housekeeping`
    starts the chain; `schedule_watch` keeps it from doubling."""
    resumed = resume_stalled_sends()
    schedule_watch()
    return len(resumed)


def schedule_watch() -> None:
    """Queue the next watch at the next WATCH_EVERY boundary, once per boundary:
    chains started by several callers (each restart, the chain itself) merge.
    The claim lives in the cache, so it is shared by every process when the
    cache is (REDIS_URL)."""
    if not watch_sends.get_backend().supports_defer:
        return
    step = int(WATCH_EVERY.total_seconds())
    slot = (int(timezone.now().timestamp()) // step + 1) * step
    if cache.add(f"newsletter:watch-sends:{slot}", True, timeout=2 * step):
        when = datetime.fromtimestamp(slot, tz=UTC)
        watch_sends.using(run_after=when).enqueue()


@task
def send_daily_digest(newsletter_id: int) -> str:
    """Build and send today's digest, then schedule tomorrow's. If no worker was
    up at digest time it runs when one starts; `newsletter_housekeeping` restarts
    a chain whose run is more than an hour overdue."""
    now = timezone.now()
    newsletter = NewsletterList.objects.filter(pk=newsletter_id, daily_digest=True).first()
    if newsletter is None:
        return "digest switched off"
    if newsletter.digest_next_at and newsletter.digest_next_at > now:
        return "stale: the digest was rescheduled"
    issue = issues.build_digest(newsletter=newsletter, day=timezone.localdate(now))
    if issue is not None:
        start_sending(issue=issue)
    schedule_digest(newsletter)
    return "sent" if issue else "nothing new"


def schedule_digest(newsletter: NewsletterList, *, force: bool = False) -> None:
    """Queue the next digest run unless one is already queued for that time.

    The conditional update makes this safe to call from several places (the
    task itself, the admin, `newsletter_housekeeping` at start-up): only one
    caller wins for a given time, so the chain never doubles.
    """
    when = issues.next_digest_time(newsletter, timezone.now())
    candidates = NewsletterList.objects.filter(pk=newsletter.pk)
    if not force:
        candidates = candidates.filter(Q(digest_next_at__isnull=True) | Q(digest_next_at__lt=when))
    if not candidates.update(digest_next_at=when):
        return
    newsletter.digest_next_at = when
    if send_daily_digest.get_backend().supports_defer:
        send_daily_digest.using(run_after=when).enqueue(newsletter.pk)
