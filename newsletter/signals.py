"""Signals of the newsletter app.

ESP webhooks (through django-anymail): addresses that bounce or complain are
never mailed again. https://anymail.dev/en/stable/sending/tracking/"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsroom import page_cache

from . import signup
from .models import NewsletterList, Subscriber

# "rejected": the ESP refuses to send to it (e.g. on its own suppression list).
UNDELIVERABLE = {
    "bounced": Subscriber.Status.BOUNCED,
    "rejected": Subscriber.Status.BOUNCED,
    "complained": Subscriber.Status.COMPLAINED,
}


def handle_tracking_event(sender, event, esp_name, **kwargs):
    status = UNDELIVERABLE.get(event.event_type)
    if status and event.recipient:
        signup.mark_undeliverable(email=event.recipient, status=status)


@receiver([post_save, post_delete], sender=NewsletterList)
def list_changed(sender, instance, raw=False, **kwargs):
    """The sign-up block of every page offers the lists."""
    if not raw:
        page_cache.clear()
