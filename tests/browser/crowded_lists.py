"""Rows that crowd the admin's lists the way a real desk does: long headlines,
several bylines, long e-mail addresses and names, reported and link-laden
comments. Added on top of the demo outlet by the list-width browser test; a
person looking at the lists can add them to a dev database the same way:
``manage.py shell -c "from tests.browser.crowded_lists import add; add()"``.
"""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Author, Section
from comments.models import Comment
from tests.comments.factories import CommentFactory, CommentReportFactory
from tests.factories import ArticleFactory

LONG_HEADLINES = [
    "Parliament approves the long-awaited reform of municipal budgets after a"
    " night-long debate over regional transport, schools and water supply",
    "Supreme Court upholds ruling on Absheron coastal construction permits,"
    " ordering the demolition of seven unfinished seafront apartment blocks",
    "Ministry of Ecology and Natural Resources extends the Shahdag National Park"
    " boundaries to protect the last breeding grounds of the Caucasian leopard",
]
LONG_NAMES = [
    "Aynur Gülnarə Məmmədova-Hüseynova",
    "Konstantin Aleksandrovich Vasilyev-Zhukovsky",
    "Sevinj",
]
# Long enough to push a column off-screen unless it wraps.
LONG_EMAILS = [
    "aynur.gulnara.mammadova-huseynova.correspondence@regional-municipalities-association.az",
    "konstantin.aleksandrovich.vasilyev-zhukovsky@subscribers.international-news-readers.example",
    "s@example.org",
]


def add() -> dict:
    """Add the rows; return the longest headline and e-mail address for checks."""
    section = Section.objects.order_by("order").first()
    authors = [
        Author.objects.get_or_create(slug=slug, defaults={"display_name": name})[0]
        for slug, name in [
            ("gulnara-huseynova-aliyeva", "Gülnarə Hüseynova-Əliyeva"),
            ("rashad-abdullayev", "Rashad Abdullayev"),
            ("natavan-karimova", "Natavan Kərimova"),
        ]
    ]
    now = timezone.now()
    articles = []
    for n, headline in enumerate(LONG_HEADLINES):
        articles.append(
            ArticleFactory(
                headline=headline,
                slug=f"crowded-list-story-{n}",
                section=section,
                published_at=now - timedelta(hours=n + 1),
                is_featured=n == 0,
                authors=authors[: n + 1],
            )
        )
    ArticleFactory(
        headline=LONG_HEADLINES[0] + " (follow-up, in review)",
        slug="crowded-list-follow-up",
        section=section,
        status=Article.Status.REVIEW,
        published_at=None,
        authors=authors,
    )
    for n, (name, email) in enumerate(zip(LONG_NAMES, LONG_EMAILS, strict=True)):
        comment = CommentFactory(
            article=articles[n],
            name=name,
            email=email,
            ip=f"2001:db8:85a3::8a2e:370:{7334 + n}",
            body=(
                "I read the whole decision and the ministry's own figures do not add up:"
                " see https://example.org/report-2026.pdf and https://example.org/annex."
                " Who checked the numbers before the vote?"
            ),
            link_count=2,
            spam_score=0.42 + n / 10,
            pending=n != 1,
            held_because="two links" if n != 1 else "",
        )
        if n == 1:
            CommentReportFactory(comment=comment, reason="Personal attack on another reader")
            CommentReportFactory(comment=comment, reason="Off topic")
    CommentFactory(
        article=articles[2],
        name="Newsroom",
        email="",
        body="Thank you, the figures are in the annex.",
        is_newsroom=True,
        status=Comment.Status.APPROVED,
    )
    return {
        "headline": max(LONG_HEADLINES, key=len),
        "email": max(LONG_EMAILS, key=len),
    }
