"""Delivering an issue: one row per recipient, claimed before it is sent, sent
in batches at a steady rate, retried a bounded number of times, finished when
no row is left queued. The worker runs it (``tasks.send_issue``).

A send shows it is alive by its heartbeat (``Issue.heartbeat_at``), written as
its batches progress: a send that stays silent for longer than a batch can
take lost its worker, and ``claim_stalled_sends`` hands it to a new one.
"""

import logging
import time
from contextlib import ExitStack
from datetime import datetime, timedelta
from itertools import batched

from django.conf import settings
from django.core.mail import mailers
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from newsroom import audit

from .issues import RenderedIssue, issue_articles, recipients, set_articles
from .models import Delivery, Issue

logger = logging.getLogger(__name__)


def queue_issue(*, issue: Issue, by=None) -> int | None:
    """Freeze the recipients (one delivery row each) and mark the issue sending;
    ``tasks.start_sending`` then has the worker send it. None if it already was.
    The send is recorded in the audit trail as ``by``'s (None: the site's own,
    a scheduled issue or a digest)."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
            return None
        if not issue.articles.exists():
            # Freeze the automatic selection now, so every reader gets the same issue.
            set_articles(issue=issue, articles=issue_articles(issue))
        readers = recipients(issue).values_list("pk", flat=True)
        # A thousand rows at a time: bulk_create() makes a list of whatever it
        # is given, and 100,000 readers should not mean 100,000 objects at once.
        for pks in batched(readers.iterator(chunk_size=QUEUE_CHUNK), QUEUE_CHUNK):
            Delivery.objects.bulk_create(
                [Delivery(issue=issue, subscriber_id=pk) for pk in pks], ignore_conflicts=True
            )
        if connection.vendor == "postgresql":
            # Fresh statistics for the rows just queued: planned for the table
            # as it was (autovacuum's ANALYZE comes minutes later, if at all
            # while it is busy), the claim of each e-mail sorted every queued
            # row of the issue (0.2 s an e-mail at 100,000 readers), instead
            # of reading an index from the row claimed before.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Delivery._meta.db_table}")
        issue.status = Issue.Status.SENDING
        issue.queued_at = issue.heartbeat_at = timezone.now()
        issue.save(update_fields=["status", "queued_at", "heartbeat_at"])
        count = issue.deliveries.count()
        audit.record(actor=by, action="newsletter.send", obj=issue, details={"recipients": count})
        return count


QUEUE_CHUNK = 1000


def send_pending_deliveries(*, issue_id: int, limit: int) -> int:
    """Send up to ``limit`` queued deliveries; returns how many were handled.

    The issue is rendered once for the batch; each e-mail only gets its
    reader's own links put in (``issues.RenderedIssue``). E-mails are handed to
    the mail server at most NEWSLETTER_SEND_RATE a second.

    Each delivery is claimed with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL;
    SQLite's IMMEDIATE transactions serialise writers) and marked sent in the
    same transaction as the send, so two workers never take the same row and a
    crash leaves unsent rows queued for the next run. The one window left is a
    crash after the mail server accepted a message and before the commit.
    """
    issue = Issue.objects.select_related("newsletter_list").get(pk=issue_id)
    rendered = RenderedIssue(issue, issue_articles(issue))
    pace = _Pace(settings.NEWSLETTER_SEND_RATE)
    handled = 0
    # Each claim starts after the row claimed before it, so that it never walks
    # past the rows this batch has sent, whichever index PostgreSQL picks. Rows
    # it passes by (locked by another worker, or due again after a failure) are
    # the next batch's, which starts from the beginning.
    after = 0
    last_beat = beat(issue_id=issue_id)
    with ExitStack() as stack:
        try:
            mailer = stack.enter_context(mailers.default)
        except Exception as error:  # the mail server is unreachable, whatever the backend
            logger.warning("Newsletter issue %s: cannot reach the mail server: %s", issue_id, error)
            _mail_server_unreachable(issue_id=issue_id, error=error)
            return 0
        while handled < limit:
            with transaction.atomic():
                delivery = (
                    Delivery.objects.select_for_update(skip_locked=True)
                    .filter(issue_id=issue_id, status=Delivery.Status.QUEUED, pk__gt=after)
                    .filter(_due(timezone.now()))
                    .select_related("subscriber")
                    .order_by("pk")
                    .first()
                )
                if delivery is None:
                    break
                after = delivery.pk
                sent = _deliver(delivery, rendered, mailer)
            handled += 1
            if timezone.now() - last_beat >= BEAT_EVERY:
                last_beat = beat(issue_id=issue_id)
            if sent:
                pace.wait()
    return handled


class _Pace:
    """Keeps e-mails at most ``rate`` a second: each waits for its turn, one
    interval after the last one's, so the time spent sending counts towards
    the interval instead of adding to it; a slow e-mail is not made up for
    with a burst. A rate of 0 never waits."""

    def __init__(self, rate: int):
        self.interval = 1 / rate if rate > 0 else 0
        self.turn = time.monotonic()

    def wait(self) -> None:
        if self.interval:
            self.turn = max(self.turn + self.interval, time.monotonic())
            time.sleep(max(0.0, self.turn - time.monotonic()))


def _due(now: datetime) -> Q:
    return Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)


def _mail_server_unreachable(*, issue_id: int, error: Exception) -> None:
    """Count a failed connection as an attempt for every delivery due now, so an
    unreachable server is retried later and, after NEWSLETTER_MAX_ATTEMPTS, the
    deliveries are reported as failed instead of the issue staying "sending"."""
    now = timezone.now()
    last_error = f"{type(error).__name__}: {error}"[:1000]
    due = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.QUEUED).filter(
        _due(now)
    )
    with transaction.atomic():
        due.filter(attempts__gte=settings.NEWSLETTER_MAX_ATTEMPTS - 1).update(
            status=Delivery.Status.FAILED, attempts=F("attempts") + 1, last_error=last_error
        )
        # Highest first: rows just moved up must not match a later, lower step
        # (with NEWSLETTER_RETRY_SECONDS=0 they are still due).
        counts = set(due.order_by().values_list("attempts", flat=True))
        for attempts in sorted(counts, reverse=True):
            delay = settings.NEWSLETTER_RETRY_SECONDS * (attempts + 1)
            due.filter(attempts=attempts).update(
                attempts=attempts + 1,
                last_error=last_error,
                next_attempt_at=now + timedelta(seconds=delay),
            )


def _deliver(delivery: Delivery, rendered: RenderedIssue, mailer) -> bool:
    """Send one delivery and record how it went; whether the mail server was asked."""
    subscriber = delivery.subscriber
    if not subscriber.can_receive:
        # Unsubscribed, bounced or complained since the issue was queued.
        delivery.status = Delivery.Status.SKIPPED
        delivery.save(update_fields=["status"])
        return False
    delivery.attempts += 1
    try:
        mailer.send_messages([rendered.message(subscriber)])
    except Exception as error:
        logger.warning("Newsletter delivery %s failed: %s", delivery.pk, error)
        delivery.last_error = f"{type(error).__name__}: {error}"[:1000]
        if delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
        else:
            delay = settings.NEWSLETTER_RETRY_SECONDS * delivery.attempts
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        delivery.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return True
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["attempts", "status", "sent_at"])
    return True


def next_retry_at(*, issue_id: int) -> datetime | None:
    """When the next queued delivery falls due; None if one is due now (or none is
    left). "Due now" is asked first: PostgreSQL sorts the NULLs of never-tried
    rows last, which would make one retry time pause the rest of the send."""
    queued = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.QUEUED)
    if queued.filter(_due(timezone.now())).exists():
        return None
    return queued.aggregate(first=Min("next_attempt_at"))["first"]


def finish_if_done(*, issue_id: int) -> bool:
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue_id)
        if issue.deliveries.filter(status=Delivery.Status.QUEUED).exists():
            return False
        if issue.status != Issue.Status.SENT:
            issue.status = Issue.Status.SENT
            issue.sent_at = timezone.now()
            issue.save(update_fields=["status", "sent_at"])
        return True


def progress(issue: Issue) -> dict[str, int]:
    counts = issue.deliveries.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Delivery.Status.values}
    )
    return counts


# How often a batch writes its heartbeat while it sends.
BEAT_EVERY = timedelta(minutes=1)


def beat(*, issue_id: int, at: datetime | None = None) -> datetime:
    """Record that the send of ``issue_id`` is alive now, or, for a send waiting
    for a retry, that it will be at ``at``."""
    at = at or timezone.now()
    Issue.objects.filter(pk=issue_id).update(heartbeat_at=at)
    return at


def mark_batch_failed(*, issue_id: int) -> None:
    """A batch raised: nothing will hand over to the next one, so the next watch
    may resume the send at once instead of waiting out its silence."""
    Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(heartbeat_at=None)


def stall_timeout() -> timedelta:
    """How long a send may stay silent before it is taken for dead. A batch
    beats every BEAT_EVERY, but one message to a slow mail server can take
    minutes: a generous margin, plus one full batch at the sending rate."""
    rate = settings.NEWSLETTER_SEND_RATE
    batch = settings.NEWSLETTER_BATCH_SIZE / rate if rate else 0
    return timedelta(minutes=15, seconds=batch)


def claim_stalled_sends() -> list[int]:
    """The sends whose worker died (killed mid-batch, or a batch that raised),
    each claimed for one caller by renewing its heartbeat, so that two watches
    at once resume it once. A send whose last e-mail went out before its worker
    died is finished here instead. Even two workers on one send mail nobody
    twice: each delivery row is claimed before it is sent."""
    now = timezone.now()
    silent = Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - stall_timeout())
    claimed = []
    for issue_id in Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True):
        if finish_if_done(issue_id=issue_id):
            continue
        stalled = Issue.objects.filter(silent, pk=issue_id, status=Issue.Status.SENDING)
        if stalled.update(heartbeat_at=now):
            claimed.append(issue_id)
    return claimed
