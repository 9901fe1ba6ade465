"""Background work (django.tasks; `manage.py db_worker` runs it). Each task is
small and re-enqueues itself, so a restart resumes where the last one stopped."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from . import services
from .models import Issue, NewsletterList, Subscriber


@task
def send_confirmation(subscriber_id: int, kind: str) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        services.send_confirmation_email(subscriber, kind)


@task
def send_issue(issue_id: int) -> str:
    """Send one batch, then hand over to the next batch (or a retry later)."""
    services.send_pending_deliveries(issue_id=issue_id, limit=settings.NEWSLETTER_BATCH_SIZE)
    if services.finish_if_done(issue_id=issue_id):
        return "sent"
    continue_sending(issue_id)
    return "continuing"


def continue_sending(issue_id: int) -> None:
    """Queue the next batch: now if a delivery is due, else at the first retry time."""
    retry_at = services.next_retry_at(issue_id=issue_id)
    if retry_at and retry_at > timezone.now() and send_issue.get_backend().supports_defer:
        send_issue.using(run_after=retry_at).enqueue(issue_id)
    else:
        send_issue.enqueue(issue_id)


# How often the worker looks for sends that a dead worker left half-done.
WATCH_EVERY = timedelta(minutes=5)


@task
def watch_sends() -> int:
    """Resume stalled sends, then come back in WATCH_EVERY. `newsletter_housekeeping`
    starts the chain; `schedule_watch` keeps it from doubling."""
    resumed = services.resume_stalled_sends()
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
def start_scheduled_issue(issue_id: int) -> None:
    issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SCHEDULED).first()
    # Rescheduled or sent by hand since: this run is stale.
    if issue is None or (issue.scheduled_at and issue.scheduled_at > timezone.now()):
        return
    services.queue_issue(issue=issue)


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
    issue = services.build_digest(newsletter=newsletter, day=timezone.localdate(now))
    if issue is not None:
        services.queue_issue(issue=issue)
    schedule_digest(newsletter)
    return "sent" if issue else "nothing new"


def schedule_digest(newsletter: NewsletterList, *, force: bool = False) -> None:
    """Queue the next digest run unless one is already queued for that time.

    The conditional update makes this safe to call from several places (the
    task itself, the admin, `newsletter_housekeeping` at start-up): only one
    caller wins for a given time, so the chain never doubles.
    """
    when = services.next_digest_time(newsletter, timezone.now())
    candidates = NewsletterList.objects.filter(pk=newsletter.pk)
    if not force:
        candidates = candidates.filter(Q(digest_next_at__isnull=True) | Q(digest_next_at__lt=when))
    if not candidates.update(digest_next_at=when):
        return
    newsletter.digest_next_at = when
    if send_daily_digest.get_backend().supports_defer:
        send_daily_digest.using(run_after=when).enqueue(newsletter.pk)
