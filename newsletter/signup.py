"""A reader's subscription: sign-up with double opt-in, confirmation, preferences,
leaving, and the addresses an ESP reports as undeliverable.

The functions that call for an e-mail return it (``ConfirmationEmail``) instead
of sending it: ``tasks.py`` has the worker send it once the sign-up is committed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from newsroom import mail
from newsroom.links import absolute_reverse

from .models import NewsletterList, Subscriber
from .tokens import confirm_url, preferences_url


class ConfirmationEmail(NamedTuple):
    """An e-mail the worker is to send: "confirm" (the opt-in link) or
    "already_subscribed" (a note with the preferences link), in ``language``:
    that of the lists signed up for (issue 12)."""

    subscriber_id: int
    kind: str
    language: str


def language_of(lists) -> str:
    """The language to write to a reader of ``lists`` in: theirs, when they
    share one (a sign-up form offers the lists of one language), else the
    outlet's main language."""
    languages = {newsletter.language for newsletter in lists}
    return languages.pop() if len(languages) == 1 else settings.LANGUAGE_CODE


def subscribe(
    *,
    email: str,
    lists: list[NewsletterList],
    source: str,
    ip: str | None,
    consent_text: str,
) -> ConfirmationEmail | None:
    """Record a sign-up and, at most once per interval, call for a confirmation e-mail.

    The reader must get the same answer whether the address is new, pending or
    already subscribed: what is returned is for the worker, never for the page.
    """
    now = timezone.now()
    with transaction.atomic():
        subscriber = _lock_or_create(email)
        if subscriber.status in (Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED):
            # The mailbox bounced or its owner reported us: never mail it again.
            return None
        if subscriber.status == Subscriber.Status.CONFIRMED:
            if not _may_send_confirmation(subscriber, now):
                return None
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["confirmation_sent_at"])
            return ConfirmationEmail(subscriber.pk, "already_subscribed", language_of(lists))
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
    return ConfirmationEmail(subscriber.pk, "confirm", language_of(lists)) if send else None


def _lock_or_create(email: str) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().with_email(email).first()
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email)
    except IntegrityError:  # a concurrent sign-up of the same address won
        return Subscriber.objects.select_for_update().with_email(email).get()


def _may_send_confirmation(subscriber: Subscriber, now: datetime) -> bool:
    interval = timedelta(seconds=settings.NEWSLETTER_CONFIRMATION_INTERVAL)
    last = subscriber.confirmation_sent_at
    return last is None or now - last >= interval


def send_confirmation_email(
    *, subscriber: Subscriber, kind: str, language: str | None = None
) -> None:
    """The double opt-in email, or, for a confirmed address, a note with its
    preferences link (so signing up again never reveals anything to the form).

    Written in ``language`` (that of the lists signed up for; without it, of
    the subscriber's lists), its links opening the pages in it."""
    lists = list(subscriber.lists.all())
    language = language or language_of(lists)
    with mail.in_language(language):
        context = {
            "subscriber": subscriber,
            "site_name": mail.site_name(),
            "site_url": settings.SITE_URL,
            "home_url": absolute_reverse("articles:home"),
            "confirm_url": confirm_url(subscriber),
            "preferences_url": preferences_url(subscriber),
            "days": settings.NEWSLETTER_CONFIRM_DAYS,
            "lists": lists,
        }
    template = "newsletter/email/confirm" if kind == "confirm" else "newsletter/email/already"
    mail.templated(template, context, to=[subscriber.email], language=language).send()


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


def resend_confirmation(*, key) -> ConfirmationEmail | None:
    """From an expired link: a fresh one, within the same per-address limit."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
            return None
        if not _may_send_confirmation(subscriber, now):
            return None
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at"])
    return ConfirmationEmail(subscriber.pk, "confirm", language_of(subscriber.lists.all()))


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
    return Subscriber.objects.with_email(email.strip()).update(status=status)


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
