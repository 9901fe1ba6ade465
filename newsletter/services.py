"""Newsletter business rules, shared by the views, the admin and the tasks."""

import logging
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Min, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from . import tokens
from .models import Delivery, Issue, NewsletterList, Subscriber

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """Links in emails come from SITE_URL, never from a request's Host header."""
    return settings.SITE_URL + path


def confirm_url(subscriber: Subscriber) -> str:
    return absolute(
        reverse("newsletter:confirm", kwargs={"token": tokens.confirm_token(subscriber.key)})
    )


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute(
        reverse("newsletter:unsubscribe", kwargs={"token": tokens.manage_token(subscriber.key)})
    )


def preferences_url(subscriber: Subscriber) -> str:
    return absolute(
        reverse("newsletter:preferences", kwargs={"token": tokens.manage_token(subscriber.key)})
    )


# Sign-up and confirmation -------------------------------------------------


def subscribe(
    *,
    email: str,
    lists: list[NewsletterList],
    source: str,
    ip: str | None,
    consent_text: str,
) -> None:
    """Record a sign-up and, at most once per interval, email a confirmation link.

    Returns nothing on purpose: the caller must answer the same way whether the
    address is new, pending or already subscribed.
    """
    now = timezone.now()
    with transaction.atomic():
        subscriber = _lock_or_create(email)
        if subscriber.status in (Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED):
            # The mailbox bounced or its owner reported us: never mail it again.
            return
        if subscriber.status == Subscriber.Status.CONFIRMED:
            if _may_send_confirmation(subscriber, now):
                subscriber.confirmation_sent_at = now
                subscriber.save(update_fields=["confirmation_sent_at"])
                _after_commit_send(subscriber.pk, "already_subscribed")
            return
        subscriber.status = Subscriber.Status.PENDING
        subscriber.consent_at = now
        subscriber.consent_source = source[:100]
        subscriber.consent_ip = ip
        subscriber.consent_text = consent_text
        send = _may_send_confirmation(subscriber, now)
        if send:
            subscriber.confirmation_sent_at = now
        subscriber.save()
        subscriber.lists.set(lists)
        if send:
            _after_commit_send(subscriber.pk, "confirm")


def _lock_or_create(email: str) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email)
    except IntegrityError:  # a concurrent sign-up of the same address won
        return Subscriber.objects.select_for_update().get(email__iexact=email)


def _may_send_confirmation(subscriber: Subscriber, now: datetime) -> bool:
    interval = timedelta(seconds=settings.NEWSLETTER_CONFIRMATION_INTERVAL)
    last = subscriber.confirmation_sent_at
    return last is None or now - last >= interval


def _after_commit_send(subscriber_id: int, kind: str) -> None:
    from .tasks import send_confirmation

    transaction.on_commit(lambda: send_confirmation.enqueue(subscriber_id, kind))


def send_confirmation_email(subscriber: Subscriber, kind: str) -> None:
    """The double opt-in email, or, for a confirmed address, a note with its
    preferences link (so signing up again never reveals anything to the form)."""
    context = {
        "subscriber": subscriber,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "confirm_url": confirm_url(subscriber),
        "preferences_url": preferences_url(subscriber),
        "days": settings.NEWSLETTER_CONFIRM_DAYS,
        "lists": list(subscriber.lists.all()),
    }
    template = "newsletter/email/confirm" if kind == "confirm" else "newsletter/email/already"
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()


@dataclass
class ConfirmResult:
    subscriber: Subscriber
    newly_confirmed: bool


def confirm(*, key) -> ConfirmResult:
    """Confirm a pending subscription. Confirming twice is harmless."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(key=key)
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.unsubscribed_at = None
            subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
            return ConfirmResult(subscriber, True)
        return ConfirmResult(subscriber, False)


def resend_confirmation(*, key) -> None:
    """From an expired link: send a fresh one, within the same per-address limit."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
            return
        if _may_send_confirmation(subscriber, now):
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["confirmation_sent_at"])
            _after_commit_send(subscriber.pk, "confirm")


def unsubscribe(*, subscriber: Subscriber) -> None:
    """Leave every list. Idempotent; bounced and complained stay as they are."""
    if subscriber.status in (Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED):
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])


def update_preferences(*, subscriber: Subscriber, lists: list[NewsletterList]) -> None:
    """Change lists from the preferences page; no list at all means leave. Lists
    the page does not offer (not public) are kept: the reader never saw them."""
    if not lists:
        unsubscribe(subscriber=subscriber)
        return
    subscriber.lists.set([*lists, *subscriber.lists.filter(is_public=False)])
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.confirmed_at:
        # The signed link proves the mailbox; a confirmed reader may come back.
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "unsubscribed_at"])


def mark_undeliverable(*, email: str, status: str) -> int:
    """From an ESP's webhook: bounced or complained addresses are never mailed again."""
    assert status in (Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED)
    return Subscriber.objects.filter(email__iexact=email).update(status=status)


def purge_unconfirmed(*, days: int | None = None) -> int:
    days = settings.NEWSLETTER_PURGE_PENDING_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    # From the last sign-up attempt (which renews the consent record and may
    # have sent a fresh link), not from the first.
    stale = Subscriber.objects.alias(last_attempt=Coalesce("consent_at", "created_at")).filter(
        status=Subscriber.Status.PENDING, confirmed_at__isnull=True, last_attempt__lt=cutoff
    )
    _total, deleted = stale.delete()
    return deleted.get(Subscriber._meta.label, 0)  # not counting their list memberships


# Personal data -------------------------------------------------------------


def export_personal_data(*, email: str) -> list[dict]:
    data = []
    for subscriber in Subscriber.objects.filter(email__iexact=email).prefetch_related("lists"):
        data.append(
            {
                "email": subscriber.email,
                "status": subscriber.status,
                "lists": [newsletter.name for newsletter in subscriber.lists.all()],
                "signed_up": subscriber.created_at.isoformat(),
                "confirmed": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
                "unsubscribed": subscriber.unsubscribed_at
                and subscriber.unsubscribed_at.isoformat(),
                "consent": {
                    "at": subscriber.consent_at and subscriber.consent_at.isoformat(),
                    "source": subscriber.consent_source,
                    "ip": subscriber.consent_ip,
                    "text": subscriber.consent_text,
                },
                "newsletters_sent": [
                    {"subject": d.issue.subject, "sent_at": d.sent_at.isoformat()}
                    for d in subscriber.deliveries.filter(status=Delivery.Status.SENT)
                    .select_related("issue")
                    .order_by("sent_at")
                ],
            }
        )
    return data


def erase_personal_data(*, email: str) -> int:
    count, _ = Subscriber.objects.filter(email__iexact=email).delete()
    return count


# Issues --------------------------------------------------------------------


def issue_articles(issue: Issue) -> list[Article]:
    """The chosen articles, or the latest published since the list's last issue."""
    published = Article.objects.published().for_cards()
    chosen = []
    if issue.pk is not None:
        chosen = list(
            published.filter(pk__in=issue.articles.values("pk")).order_by("-published_at")
        )
    if chosen or issue.status == Issue.Status.SENT:
        return chosen
    previous = (
        Issue.objects.filter(newsletter=issue.newsletter, queued_at__isnull=False)
        .exclude(pk=issue.pk)
        .order_by("-queued_at")
        .first()
    )
    if previous is not None:
        published = published.filter(published_at__gt=previous.queued_at)
    return list(published[: issue.auto_articles])


def render_issue(
    issue: Issue, subscriber: Subscriber | None, articles=None, *, test: bool = False
) -> tuple[str, str]:
    """(plain text, HTML) of an issue for one subscriber (or a preview, or a test)."""
    articles = issue_articles(issue) if articles is None else articles
    context = {
        "issue": issue,
        "articles": articles,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else "#",
        "preferences_url": preferences_url(subscriber) if subscriber else "#",
        "absolute": absolute,
        # A test's personal links work only if its recipient is a subscriber.
        "test_links_inert": test and subscriber is not None and subscriber.pk is None,
    }
    return (
        render_to_string("newsletter/email/issue.txt", context),
        render_to_string("newsletter/email/issue.html", context),
    )


def html_size_warning(html: str) -> str | None:
    size = len(html.encode())
    if size > settings.NEWSLETTER_CLIP_BYTES:
        return (
            f"This issue's HTML is {size / 1024:.0f} KB: Gmail clips messages over about "
            f"{settings.NEWSLETTER_CLIP_BYTES // 1024} KB and hides the rest (including the "
            "unsubscribe link). Choose fewer articles or shorten the introduction."
        )
    return None


def build_issue_message(
    issue: Issue, subscriber: Subscriber, articles, *, test: bool = False
) -> EmailMultiAlternatives:
    text, html = render_issue(issue, subscriber, articles, test=test)
    one_click = unsubscribe_url(subscriber)
    message = EmailMultiAlternatives(
        subject=issue.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            # RFC 2369 and RFC 8058: one-click unsubscribe from the mail client.
            "List-Unsubscribe": f"<{one_click}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{issue.newsletter.name} <{issue.newsletter.slug}.{_list_domain()}>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _list_domain() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.SITE_URL).hostname or "localhost"


def send_test(*, issue: Issue, to: str) -> None:
    """Send the issue to one address, as a subscriber would get it. If the address
    subscribes, its personal links are its own; otherwise the e-mail says they
    work only in subscribers' copies."""
    probe = Subscriber.objects.filter(email__iexact=to).first() or Subscriber(email=to)
    articles = issue_articles(issue)
    message = build_issue_message(issue, probe, articles, test=True)
    message.subject = f"[Test] {issue.subject}"
    message.send()


def queue_issue(*, issue: Issue) -> int:
    """Freeze the recipients (one delivery row each) and start sending."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
            return 0
        if not issue.articles.exists():
            # Freeze the automatic selection now, so every reader gets the same issue.
            issue.articles.set(issue_articles(issue))
        recipients = Subscriber.objects.filter(
            status=Subscriber.Status.CONFIRMED, lists=issue.newsletter
        ).values_list("pk", flat=True)
        Delivery.objects.bulk_create(
            (Delivery(issue=issue, subscriber_id=pk) for pk in recipients.iterator()),
            batch_size=1000,
            ignore_conflicts=True,
        )
        issue.status = Issue.Status.SENDING
        issue.queued_at = timezone.now()
        issue.save(update_fields=["status", "queued_at"])
        count = issue.deliveries.count()
    from .tasks import send_issue

    transaction.on_commit(lambda: send_issue.enqueue(issue.pk))
    return count


def schedule_issue(*, issue: Issue, when: datetime) -> bool:
    """Send a draft or scheduled issue at ``when``; scheduling again moves it.

    Each call queues its own run; a run finding the issue moved to a later
    time, unscheduled or already sent does nothing (see start_scheduled_issue).
    """
    from .tasks import start_scheduled_issue

    movable = Issue.objects.filter(
        pk=issue.pk, status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED]
    )
    if not movable.update(status=Issue.Status.SCHEDULED, scheduled_at=when):
        return False
    issue.status, issue.scheduled_at = Issue.Status.SCHEDULED, when
    start_scheduled_issue.using(run_after=when).enqueue(issue.pk)
    return True


def unschedule_issue(*, issue: Issue) -> bool:
    """Back to draft, keeping its time; the queued run then does nothing."""
    scheduled = Issue.objects.filter(pk=issue.pk, status=Issue.Status.SCHEDULED)
    if not scheduled.update(status=Issue.Status.DRAFT):
        return False
    issue.status = Issue.Status.DRAFT
    return True


def send_pending_deliveries(*, issue_id: int, limit: int) -> int:
    """Send up to ``limit`` queued deliveries; returns how many were handled.

    Each delivery is claimed with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL;
    SQLite's IMMEDIATE transactions serialise writers) and marked sent in the
    same transaction as the send, so two workers never take the same row and a
    crash leaves unsent rows queued for the next run. The one window left is a
    crash after the mail server accepted a message and before the commit.
    """
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    articles = list(issue_articles(issue))
    rate = settings.NEWSLETTER_SEND_RATE
    handled = 0
    with ExitStack() as stack:
        try:
            connection = stack.enter_context(mailers.default)
        except Exception as error:  # the mail server is unreachable, whatever the backend
            logger.warning("Newsletter issue %s: cannot reach the mail server: %s", issue_id, error)
            _mail_server_unreachable(issue_id=issue_id, error=error)
            return 0
        while handled < limit:
            with transaction.atomic():
                delivery = (
                    Delivery.objects.select_for_update(skip_locked=True)
                    .filter(issue_id=issue_id, status=Delivery.Status.QUEUED)
                    .filter(_due(timezone.now()))
                    .select_related("subscriber")
                    .order_by("pk")
                    .first()
                )
                if delivery is None:
                    break
                _deliver(delivery, issue, articles, connection)
            handled += 1
            if rate:
                time.sleep(1 / rate)
    return handled


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


def _deliver(delivery: Delivery, issue: Issue, articles, connection) -> None:
    subscriber = delivery.subscriber
    if not subscriber.can_receive:
        # Unsubscribed, bounced or complained since the issue was queued.
        delivery.status = Delivery.Status.SKIPPED
        delivery.save(update_fields=["status"])
        return
    delivery.attempts += 1
    try:
        connection.send_messages([build_issue_message(issue, subscriber, articles)])
    except Exception as error:
        logger.warning("Newsletter delivery %s failed: %s", delivery.pk, error)
        delivery.last_error = f"{type(error).__name__}: {error}"[:1000]
        if delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
        else:
            delay = settings.NEWSLETTER_RETRY_SECONDS * delivery.attempts
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        delivery.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["attempts", "status", "sent_at"])


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


def resume_stalled_sends() -> list[int]:
    """Re-queue the sending of every issue left "sending" with no live task.

    A worker killed mid-batch (kill -9, a crash, a reboot) leaves its task row
    RUNNING, and a batch that raised leaves it FAILED: either way nothing hands
    over to the next batch. Safe to call at any time and from several places:
    an issue that already has a waiting or recently started task is left
    alone, and even two chains for one issue cannot mail anyone twice, because
    each delivery row is claimed before it is sent.
    """
    from .tasks import continue_sending

    live = _issues_with_live_send_task()
    resumed = []
    for issue_id in Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True):
        if issue_id in live:
            continue
        # The worker may have died after the last email, before marking the issue sent.
        if finish_if_done(issue_id=issue_id):
            continue
        continue_sending(issue_id)
        resumed.append(issue_id)
    return resumed


def send_task_timeout() -> timedelta:
    """How long a started send_issue task may run before it is taken for dead:
    one full batch at the sending rate, and a generous margin for slow servers."""
    rate = settings.NEWSLETTER_SEND_RATE
    batch = settings.NEWSLETTER_BATCH_SIZE / rate if rate else 0
    return timedelta(minutes=15, seconds=batch)


def _issues_with_live_send_task() -> set[int]:
    from django.tasks import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import send_issue

    backend = send_issue.get_backend()
    if not isinstance(backend, DatabaseBackend):
        # Nothing to inspect: re-queue (a second chain costs queries, not emails).
        return set()
    started_since = timezone.now() - send_task_timeout()
    rows = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=started_since),
        task_path=send_issue.module_path,
        backend_name=backend.alias,
    ).values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows if row.get("args")}


# Daily digest ---------------------------------------------------------------


def next_digest_time(newsletter: NewsletterList, after: datetime) -> datetime:
    local = timezone.localtime(after)
    candidate = local.replace(
        hour=newsletter.digest_time.hour,
        minute=newsletter.digest_time.minute,
        second=0,
        microsecond=0,
    )
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate


def build_digest(*, newsletter: NewsletterList, day) -> Issue | None:
    """Create (once per list and day) the digest issue; None if nothing is new
    or the digest was already built."""
    if Issue.objects.filter(newsletter=newsletter, digest_date=day).exists():
        return None
    issue = Issue(
        newsletter=newsletter,
        subject=f"{newsletter.name}: {day:%-d %B %Y}",
        preheader=f"The latest from {settings.SITE_NAME}",
        auto_articles=newsletter.digest_articles,
        digest_date=day,
    )
    if not issue_articles(issue):
        return None
    try:
        with transaction.atomic():
            issue.save()
    except IntegrityError:  # another worker built it first
        return None
    return issue
