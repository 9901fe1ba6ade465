"""The demo newsletter: a few confirmed readers on the daily briefing, a
draft issue carrying the featured stories, and a morning list in each of the
site's other languages (issue 12), so that the newsletter manager's screens
(subscribers, an issue to preview, test and send) and the sign-up form of each
language have something to show on the first `make run`. Under `make run`
mail is written to var/mail/.

Idempotent: lists are found by slug, subscribers by address, the draft by its subject.
"""

from django.conf import settings

from articles.models import Article

from . import issues
from .models import Issue, NewsletterList, Subscriber

READERS = ["aysel.demo@example.org", "rashad.demo@example.org", "nigar.demo@example.org"]
SUBJECT = "The week in Azerbaijan: the stories our editors chose"

# The morning list of each other language; the main language's is the
# "Daily briefing" a fresh install has (migration 0002).
LANGUAGE_LISTS = {
    "az": {
        "slug": "seher-bulleteni",
        "name": "Səhər bülleteni",
        "description": "Bakıdan və regionlardan səhərin əsas xəbərləri, hər gün saat yeddidə.",
    },
    "ru": {
        "slug": "utrenniy-vypusk",
        "name": "Утренний выпуск",
        "description": "Главное за утро из Баку и регионов, каждый день в семь часов.",
    },
}


def load_language_lists() -> int:
    """One public list in each enabled language that has none of the demo's yet."""
    added = 0
    for language, data in LANGUAGE_LISTS.items():
        if language not in dict(settings.LANGUAGES):
            continue
        _list, created = NewsletterList.objects.get_or_create(
            slug=data["slug"],
            defaults={**data, "language": language, "order": 1, "is_default": True},
        )
        added += created
    return added


def load(*, now) -> str:
    lists = load_language_lists()
    briefing = NewsletterList.objects.filter(slug="daily-briefing").first()
    if briefing is None:  # the list was deleted: nothing to attach the demo to
        return f"{lists} list(s) added; no daily briefing list, no readers added"
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
        # An issue carries the stories of its list's language (forms.IssueAdminForm).
        featured = Article.objects.published().in_language(briefing.language)
        issues.set_articles(issue=issue, articles=featured.filter(is_featured=True)[:5])
    return f"{lists} list(s), {added} subscriber(s) and {int(created)} draft issue added"
