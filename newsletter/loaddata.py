"""Generated subscribers for benchmarks and scale tests (`manage.py
generate_load_data`): readers who signed up over the years on the site's
forms, mostly confirmed, on the existing lists (nearly all on the default
one), and a few pending, unsubscribed, bounced or complaining, each with its
consent record.

Generated readers write from addresses under newsroom.loaddata.GENERATED_DOMAIN:
that is how a second run finds them.
"""

from datetime import timedelta

from newsroom.loaddata import (
    GENERATED_DOMAIN,
    app_random,
    bulk_insert,
    recent_moment,
    refuse_twice,
    seeded_uuid,
)

from .forms import consent_text
from .models import NewsletterList, Subscriber

Status = Subscriber.Status
STATUSES = [
    Status.CONFIRMED,
    Status.PENDING,
    Status.UNSUBSCRIBED,
    Status.BOUNCED,
    Status.COMPLAINED,
]
STATUS_WEIGHTS = [85, 6, 6, 2, 1]
SOURCES = ["footer", "article", "newsletter page", "import"]
SIGN_UPS = timedelta(days=365 * 4)


def generate(*, now, seed: int, append: bool, batch_size: int, count: int) -> str:
    generated = Subscriber.objects.filter(email__endswith=GENERATED_DOMAIN)
    refuse_twice(present=generated.exists(), what="subscribers", append=append)
    lists = list(NewsletterList.objects.order_by("-is_default", "order", "pk"))
    if count and not lists:
        return "no newsletter lists, no subscribers added"
    start = generated.count() + 1
    rng = app_random(seed, "newsletter", start)
    shown = consent_text()
    Membership = Subscriber.lists.through
    made = memberships = 0
    for first in range(start, start + count, batch_size):
        numbers = range(first, min(first + batch_size, start + count))
        subscribers = [make_subscriber(rng, now, n, shown) for n in numbers]
        made += bulk_insert(Subscriber, subscribers, batch_size=batch_size)
        memberships += bulk_insert(
            Membership,
            (
                Membership(subscriber_id=subscriber.pk, newsletterlist_id=chosen.pk)
                for subscriber in subscribers
                for chosen in choose_lists(rng, lists)
            ),
            batch_size=batch_size,
        )
    return f"{made} subscribers, {memberships} list memberships"


def make_subscriber(rng, now, number: int, shown: str) -> Subscriber:
    status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
    signed_up = recent_moment(rng, now=now, span=SIGN_UPS)
    confirmed_at = unsubscribed_at = None
    if status != Status.PENDING:
        confirmed_at = min(now, signed_up + timedelta(minutes=rng.randint(1, 600)))
    if status == Status.UNSUBSCRIBED:
        unsubscribed_at = min(now, confirmed_at + timedelta(days=rng.randint(1, 400)))
    return Subscriber(
        email=f"reader{number}@{GENERATED_DOMAIN}",
        key=seeded_uuid(rng),
        status=status,
        created_at=signed_up,
        confirmed_at=confirmed_at,
        unsubscribed_at=unsubscribed_at,
        confirmation_sent_at=signed_up,
        consent_at=signed_up,
        consent_source=rng.choice(SOURCES),
        consent_ip=f"203.0.113.{number % 250 + 1}",
        consent_text=shown,
    )


def choose_lists(rng, lists: list[NewsletterList]) -> list[NewsletterList]:
    """The default list for nearly everyone, each other list for some."""
    return [
        chosen for index, chosen in enumerate(lists) if rng.random() < (0.92 if index == 0 else 0.3)
    ] or lists[:1]
