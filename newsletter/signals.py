"""ESP webhooks (through django-anymail): addresses that bounce or complain are
never mailed again. https://anymail.dev/en/stable/sending/tracking/"""

from . import signup
from .models import Subscriber

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
