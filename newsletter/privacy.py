"""What the newsletter holds about a reader, for their rights of access and
erasure; ``apps.py`` registers it with ``newsroom.privacy``."""

from .models import Delivery, Subscriber


def export_personal_data(*, email: str) -> list[dict]:
    data = []
    for subscriber in Subscriber.objects.with_email(email.strip()).prefetch_related("lists"):
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
    count, _ = Subscriber.objects.with_email(email.strip()).delete()
    return count
