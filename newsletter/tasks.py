"""Background work (django.tasks; `manage.py db_worker` runs it), and the one
module that queues it: the services decide, the functions at the top of this
module run a service and queue the work it calls for, once it is committed.

Sending is small batches, each handing over to the next, so a restart resumes
where the last one stopped. The periodic tasks at the end each do their work
once and return: ``settings.PERIODIC_TASKS`` says when they run.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import delivery, issues, signup
from .models import Issue, NewsletterList, Subscriber

logger = logging.getLogger(__name__)

# What views and the admin call ----------------------------------------------


def sign_up(*, email: str, lists: list, source: str, ip: str | None, consent_text: str) -> None:
    """Queue a sign-up for the worker, which decides what it means.

    The request does the same work whatever the address (issue 10: answering
    sooner for a confirmed address than for a new one told them apart): it
    looks nothing up about the address and only queues it."""
    details = {
        "email": email,
        "list_ids": [newsletter.pk for newsletter in lists],
        "source": source,
        "ip": ip,
        "consent_text": consent_text,
    }
    transaction.on_commit(lambda: record_sign_up.enqueue(**details))


def resend_confirmation(*, key) -> None:
    """``signup.resend_confirmation``, the fresh link sent by the worker."""
    _mail_when_committed(signup.resend_confirmation(key=key))


def _mail_when_committed(email: signup.ConfirmationEmail | None) -> None:
    if email is not None:
        transaction.on_commit(
            lambda: send_confirmation.enqueue(
                email.subscriber_id, email.kind, language=email.language
            )
        )


def start_sending(*, issue: Issue, by=None) -> int | None:
    """Queue the issue's deliveries and start sending them; how many readers get
    it, or None when it is being sent or was sent already."""
    count = delivery.queue_issue(issue=issue, by=by)
    if count is not None:
        transaction.on_commit(lambda: send_issue.enqueue(issue.pk))
    return count


def issue_saved(*, issue: Issue, changed: set[str], by=None) -> bool:
    """A scheduled issue whose send time was edited goes out at the new time
    (the run queued for the old one finds it moved and does nothing)."""
    if issue.status != Issue.Status.SCHEDULED or "scheduled_at" not in changed:
        return False
    schedule_sending(issue=issue, when=issue.scheduled_at, by=by)
    return True


def schedule_sending(*, issue: Issue, when: datetime | None, by=None) -> None:
    """Schedule the issue (``issues.schedule_issue``, which may raise
    CannotSchedule) and queue the run that starts it at ``when``."""
    issues.schedule_issue(issue=issue, when=when, by=by)
    start_scheduled_issue.using(run_after=when).enqueue(issue.pk)


# Tasks ----------------------------------------------------------------------


@task
def record_sign_up(
    *, email: str, list_ids: list[int], source: str, ip: str | None, consent_text: str
) -> None:
    """``signup.subscribe``, and the confirmation e-mail it calls for."""
    lists = list(NewsletterList.objects.filter(pk__in=list_ids))
    if lists:
        _mail_when_committed(
            signup.subscribe(
                email=email, lists=lists, source=source, ip=ip, consent_text=consent_text
            )
        )


@task
def send_confirmation(
    subscriber_id: int, kind: str, attempt: int = 1, *, language: str | None = None
) -> None:
    """The confirmation e-mail. A mail server that refuses or cannot be reached
    gets the same retries as a newsletter delivery (NEWSLETTER_MAX_ATTEMPTS,
    NEWSLETTER_RETRY_SECONDS times the attempt): the reader was told to check
    their inbox, so the message must go out once the server takes it."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    try:
        signup.send_confirmation_email(subscriber=subscriber, kind=kind, language=language)
    except Exception as error:  # whatever the backend raises for a refused message
        if attempt >= settings.NEWSLETTER_MAX_ATTEMPTS:
            raise
        logger.warning(
            "Confirmation to subscriber %s failed (attempt %s), retrying: %s",
            subscriber_id,
            attempt,
            error,
        )
        retry = send_confirmation
        if send_confirmation.get_backend().supports_defer:
            delay = timedelta(seconds=settings.NEWSLETTER_RETRY_SECONDS * attempt)
            retry = send_confirmation.using(run_after=timezone.now() + delay)
        retry.enqueue(subscriber_id, kind, attempt + 1, language=language)


@task
def send_issue(issue_id: int) -> str:
    """Send one batch, then hand over to the next batch (or a retry later)."""
    try:
        delivery.send_pending_deliveries(issue_id=issue_id, limit=settings.NEWSLETTER_BATCH_SIZE)
        if delivery.finish_if_done(issue_id=issue_id):
            return "sent"
        continue_sending(issue_id)
    except Exception:
        delivery.mark_batch_failed(issue_id=issue_id)
        raise
    return "continuing"


def continue_sending(issue_id: int) -> None:
    """Queue the next batch: now if a delivery is due, else at the first retry time."""
    retry_at = delivery.next_retry_at(issue_id=issue_id)
    if retry_at and retry_at > timezone.now() and send_issue.get_backend().supports_defer:
        # Waiting for the retry is not silence: the send is due to beat again then.
        delivery.beat(issue_id=issue_id, at=retry_at)
        send_issue.using(run_after=retry_at).enqueue(issue_id)
    else:
        # Queued is alive too: the silence the watch looks for starts now.
        delivery.beat(issue_id=issue_id)
        send_issue.enqueue(issue_id)


@task
def start_scheduled_issue(issue_id: int) -> None:
    # Rescheduled or sent by hand since: this run is stale.
    issue = issues.due_scheduled_issue(issue_id=issue_id)
    if issue is not None:
        start_sending(issue=issue)


def resume_stalled_sends() -> list[int]:
    """Hand every send whose worker died to a new batch; the ids resumed."""
    resumed = delivery.claim_stalled_sends()
    for issue_id in resumed:
        continue_sending(issue_id)
    return resumed


# Periodic tasks (settings.PERIODIC_TASKS) ------------------------------------


@task
def send_due_digests() -> int:
    """Build and send each daily digest that is due; how many went out. A list
    with nothing published since its last issue sends no empty digest."""
    sent = 0
    for newsletter in issues.due_digests():
        # Claimed, built and queued together: if building fails, the claim is
        # undone and the next run (a minute later) tries again.
        with transaction.atomic():
            if not issues.claim_digest(newsletter=newsletter):
                continue
            issue = issues.build_digest(newsletter=newsletter, day=timezone.localdate())
            if issue is not None:
                start_sending(issue=issue)
                sent += 1
    return sent


@task
def watch_sends() -> int:
    """Resume the sends that a dead worker left half-done; how many."""
    return len(resume_stalled_sends())


@task
def purge_pending_signups() -> int:
    """Delete sign-ups never confirmed within NEWSLETTER_PURGE_PENDING_DAYS."""
    return signup.purge_unconfirmed()
