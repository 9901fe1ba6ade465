"""The demo newsletter: a few confirmed readers on the daily briefing and a
draft issue carrying the featured stories, so that the newsletter manager's
screens (subscribers, an issue to preview, test and send) have something to
show on the first `make run`. Under `make run` mail is written to var/mail/.

Idempotent: subscribers are found by address, the draft by its subject.
"""

from django.conf import settings

from articles.models import Article

from . import issues
from .models import Issue, NewsletterList, Subscriber

READERS = ["aysel.demo@example.org", "rashad.demo@example.org", "nigar.demo@example.org"]
SUBJECT = "The week in Azerbaijan: the stories our editors chose"


def load(*, now) -> str:
    briefing = NewsletterList.objects.filter(slug="daily-briefing").first()
    if briefing is None:  # the list was deleted: nothing to attach the demo to
        return "no daily briefing list, nothing added"
    added = 0
    for email in READERS:
        subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.CONFIRMED,
                "confirmed_at": now,
                "consent_at": now,
                "consent_source": "demo",
            },
        )
        subscriber.lists.add(briefing)
        added += created
    issue, created = Issue.objects.get_or_create(
        subject=SUBJECT,
        defaults={
            "newsletter_list": briefing,
            "preheader": "Metro, markets and the festival season, in five minutes.",
            "intro": "Good morning. Here is what mattered this week, chosen by the desk.",
        },
    )
    if created:
        # The briefing is written in the main language: so are its stories,
        # though the demo has featured ones in the others too.
        featured = Article.objects.published().in_language(settings.LANGUAGE_CODE)
        issues.set_articles(issue=issue, articles=featured.filter(is_featured=True)[:5])
    return f"{added} subscriber(s) and {int(created)} draft issue added"
