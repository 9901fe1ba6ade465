"""Newsletter issues: which articles they carry, how they render for a reader,
tests to the editor, scheduling, and the daily digest."""

import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Article
from newsroom import audit, mail
from newsroom.links import absolute_reverse, site_domain

from .models import Issue, IssueArticle, NewsletterList, Subscriber
from .tokens import preferences_url, unsubscribe_url


def issue_articles(issue: Issue) -> list[Article]:
    """The chosen articles in the editor's order, or the latest published in
    the list's language since its last issue."""
    published = Article.objects.published().for_cards()
    chosen = []
    if issue.pk is not None:
        order = list(issue.article_links.values_list("article_id", flat=True))
        # Only the list's language: the issue form refuses another beside its
        # row, and a story chosen before the list changed language stays out
        # rather than going out framed in the wrong language.
        found = published.in_language(issue.newsletter_list.language).in_bulk(order)
        chosen = [found[pk] for pk in order if pk in found]
    if chosen or issue.status == Issue.Status.SENT:
        return chosen
    previous = (
        Issue.objects.filter(newsletter_list=issue.newsletter_list, queued_at__isnull=False)
        .exclude(pk=issue.pk)
        .order_by("-queued_at")
        .first()
    )
    published = published.in_language(issue.newsletter_list.language)
    if previous is not None:
        published = published.filter(published_at__gt=previous.queued_at)
    return list(published[: issue.auto_articles])


def recipients(issue: Issue):
    """Who gets the issue when it is sent: its list's confirmed subscribers."""
    return Subscriber.objects.filter(
        status=Subscriber.Status.CONFIRMED, lists=issue.newsletter_list_id
    )


def set_articles(*, issue: Issue, articles) -> None:
    """Make ``articles`` the issue's choice, in that order."""
    with transaction.atomic():
        issue.article_links.all().delete()
        IssueArticle.objects.bulk_create(
            IssueArticle(issue=issue, article=article, position=position)
            for position, article in enumerate(articles, start=1)
        )


def renumber_articles(*, issue: Issue) -> None:
    """Give the issue's articles the places 1, 2, 3... in their present order,
    so that two typed with the same number, or a gap, are settled once saved."""
    links = list(issue.article_links.order_by("position", "pk"))
    for position, link in enumerate(links, start=1):
        link.position = position
    IssueArticle.objects.bulk_update(links, ["position"])


def move_article(*, issue: Issue, link_id: int, offset: int) -> bool:
    """Move one of the issue's articles ``offset`` places (-1 up, +1 down);
    False if it is not the issue's, or already first or last. Only while the
    issue can still change: what readers received is history."""
    if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
        return False
    with transaction.atomic():
        links = list(issue.article_links.select_for_update().order_by("position", "pk"))
        index = next((i for i, link in enumerate(links) if link.pk == link_id), None)
        if index is None or not 0 <= index + offset < len(links):
            return False
        links.insert(index + offset, links.pop(index))
        for position, link in enumerate(links, start=1):
            link.position = position
        IssueArticle.objects.bulk_update(links, ["position"])
    return True


# Each reader's own links in an issue rendered once for all its readers.
PERSONAL_LINKS = ("unsubscribe_url", "preferences_url")


class RenderedIssue:
    """An issue rendered once (the templates run once, however many readers),
    then personalised for each reader by putting their own signed links where
    the rendering left a slot for them.

    The slots are markers drawn at random for each rendering, so nothing
    written before it (an article, the introduction, a list name) can hold one,
    and nothing in the text is ever read as a template: a reader's values are
    only ever put in, HTML-escaped in the HTML part.
    """

    def __init__(self, issue: Issue, articles, *, test_links_inert: bool = False):
        newsletter = issue.newsletter_list
        # Written in the list's language, whatever the editor's or the
        # worker's (issue 12), and so are each reader's links (``_links``).
        self.language = newsletter.language
        nonce = secrets.token_hex(16)
        markers = {name: f"nl{nonce}{name}" for name in PERSONAL_LINKS}
        with mail.in_language(self.language):
            context = {
                "issue": issue,
                "articles": articles,
                "site_name": mail.site_name(),
                "site_url": settings.SITE_URL,
                "home_url": absolute_reverse("articles:home"),
                **markers,
                "test_links_inert": test_links_inert,
            }
            slot = re.compile("(" + "|".join(map(re.escape, markers.values())) + ")")
            names = {marker: name for name, marker in markers.items()}
            text = render_to_string("newsletter/email/issue.txt", context)
            html = render_to_string("newsletter/email/issue.html", context)
        self._text = _Slots(text, slot, names)
        self._html = _Slots(html, slot, names)
        self.subject = issue.subject
        # RFC 2919: mail clients group and filter by the list's identifier.
        self.list_id = f"{newsletter.name} <{newsletter.slug}.{site_domain()}>"

    def parts(self, subscriber: Subscriber | None) -> tuple[str, str]:
        """(plain text, HTML) for one reader; without one, for a preview, whose
        personal links lead nowhere."""
        if subscriber is None:
            return self._fill(dict.fromkeys(PERSONAL_LINKS, "#"))
        return self._fill(_links(subscriber, self.language))

    def message(self, subscriber: Subscriber) -> EmailMultiAlternatives:
        links = _links(subscriber, self.language)
        text, html = self._fill(links)
        return mail.compose(
            to=[subscriber.email],
            subject=self.subject,
            text=text,
            html=html,
            unsubscribe_url=links["unsubscribe_url"],
            headers={"List-Id": self.list_id},
            language=self.language,
        )

    def _fill(self, links: dict[str, str]) -> tuple[str, str]:
        escaped = {name: escape(value) for name, value in links.items()}
        return self._text.fill(links), self._html.fill(escaped)


def _links(subscriber: Subscriber, language: str) -> dict[str, str]:
    """The reader's own links, to the pages in the list's language (/ru/newsletter/...)."""
    with mail.in_language(language):
        return {
            "unsubscribe_url": unsubscribe_url(subscriber),
            "preferences_url": preferences_url(subscriber),
        }


class _Slots:
    """A rendered part cut at its slots: the text between them, and which
    reader's value goes in each."""

    def __init__(self, rendered: str, slot: re.Pattern, names: dict[str, str]):
        pieces = slot.split(rendered)
        self.texts = pieces[::2]
        self.names = [names[marker] for marker in pieces[1::2]]
        # A template edit that dropped a reader's unsubscribe or preferences
        # link (or changed it with a filter) must stop the send, not mail
        # thousands of readers without a way out.
        if set(self.names) != set(PERSONAL_LINKS):
            raise ValueError("an issue template must show each reader's own links")

    def fill(self, values: dict[str, str]) -> str:
        out = [self.texts[0]]
        for name, text in zip(self.names, self.texts[1:], strict=True):
            out += (values[name], text)
        return "".join(out)


def render_issue(
    issue: Issue, subscriber: Subscriber | None, articles=None, *, test: bool = False
) -> tuple[str, str]:
    """(plain text, HTML) of an issue for one subscriber (or a preview, or a test)."""
    articles = issue_articles(issue) if articles is None else articles
    return RenderedIssue(issue, articles, test_links_inert=_inert(subscriber, test)).parts(
        subscriber
    )


def _inert(subscriber: Subscriber | None, test: bool) -> bool:
    # A test's personal links work only if its recipient is a subscriber.
    return test and subscriber is not None and subscriber.pk is None


def html_size_warning(html: str) -> str | None:
    size = len(html.encode())
    if size > settings.NEWSLETTER_CLIP_BYTES:
        return _(
            "This issue's HTML is %(size)d KB: Gmail clips messages over about "
            "%(limit)d KB and hides the rest (including the unsubscribe link). Choose fewer "
            "articles or shorten the introduction."
        ) % {"size": round(size / 1024), "limit": settings.NEWSLETTER_CLIP_BYTES // 1024}
    return None


def send_test(*, issue: Issue, to: str, by=None) -> None:
    """Send the issue to one address, as a subscriber would get it. If the address
    subscribes, its personal links are its own; otherwise the e-mail says they
    work only in subscribers' copies."""
    probe = Subscriber.objects.with_email(to.strip()).first() or Subscriber(email=to)
    rendered = RenderedIssue(
        issue, issue_articles(issue), test_links_inert=_inert(probe, test=True)
    )
    message = rendered.message(probe)
    with mail.in_language(rendered.language):
        message.subject = _("[Test] %(subject)s") % {"subject": issue.subject}
    message.send()
    audit.record(actor=by, action="newsletter.send_test", obj=issue, details={"to": to})


class CannotSchedule(Exception):
    """Why an issue cannot be scheduled, for the editor."""


def schedule_issue(*, issue: Issue, when: datetime | None, by=None) -> None:
    """Mark a draft or scheduled issue to be sent at ``when``, a time to come;
    scheduling again moves it. ``tasks.schedule_sending`` queues the run that
    starts it; a run finding the issue moved to a later time, unscheduled or
    already sent does nothing. Raises CannotSchedule. Recorded in the audit
    trail as ``by``'s."""
    needs = _("“%(subject)s” needs to be a draft with a “send at” time.")
    if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED) or when is None:
        raise CannotSchedule(needs % {"subject": issue.subject})
    if when <= timezone.now():
        raise CannotSchedule(
            _("“%(subject)s”: the “send at” time has passed; use “Send now”.")
            % {"subject": issue.subject}
        )
    movable = Issue.objects.filter(
        pk=issue.pk, status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED]
    )
    if not movable.update(status=Issue.Status.SCHEDULED, scheduled_at=when):
        raise CannotSchedule(needs % {"subject": issue.subject})
    issue.status, issue.scheduled_at = Issue.Status.SCHEDULED, when
    audit.record(actor=by, action="newsletter.schedule", obj=issue, details={"send_at": when})


def unschedule_issue(*, issue: Issue, by=None) -> bool:
    """Back to draft, keeping its time; the queued run then does nothing.
    Recorded in the audit trail as ``by``'s."""
    scheduled = Issue.objects.filter(pk=issue.pk, status=Issue.Status.SCHEDULED)
    if not scheduled.update(status=Issue.Status.DRAFT):
        return False
    issue.status = Issue.Status.DRAFT
    audit.record(actor=by, action="newsletter.unschedule", obj=issue)
    return True


def due_scheduled_issue(*, issue_id: int) -> Issue | None:
    """The issue, if it is still scheduled and its time has come."""
    issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SCHEDULED).first()
    if issue is None or (issue.scheduled_at and issue.scheduled_at > timezone.now()):
        return None
    return issue


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


def schedule_next_digest(*, newsletter: NewsletterList) -> None:
    """Its next digest at the coming digest time (after the list is switched on
    or its digest time changed)."""
    newsletter.digest_next_at = next_digest_time(newsletter, timezone.now())
    NewsletterList.objects.filter(pk=newsletter.pk).update(digest_next_at=newsletter.digest_next_at)


def list_saved(*, newsletter: NewsletterList, changed: set[str]) -> None:
    """A list whose digest was just switched on, or whose digest time changed,
    has its next digest at the coming digest time."""
    if newsletter.daily_digest and {"daily_digest", "digest_time"} & changed:
        schedule_next_digest(newsletter=newsletter)


def due_digests() -> list[NewsletterList]:
    """The lists whose digest is due now. A list whose digest was just switched
    on (no due time yet) gets its first one at its next digest time."""
    now = timezone.now()
    due = []
    for newsletter in NewsletterList.objects.filter(daily_digest=True):
        if newsletter.digest_next_at is None:
            schedule_next_digest(newsletter=newsletter)
        elif newsletter.digest_next_at <= now:
            due.append(newsletter)
    return due


def claim_digest(*, newsletter: NewsletterList) -> bool:
    """Claim today's digest of a due list for one caller, by moving its due time
    on to the following day's: run twice in a minute, or by two schedulers at
    once, a digest is claimed once. Claim it in the transaction that builds and
    queues the digest, so that a failure there leaves it due for the next run."""
    following = next_digest_time(newsletter, timezone.now())
    claim = NewsletterList.objects.filter(
        pk=newsletter.pk, digest_next_at=newsletter.digest_next_at
    )
    if not claim.update(digest_next_at=following):
        return False
    newsletter.digest_next_at = following
    return True


def build_digest(*, newsletter: NewsletterList, day) -> Issue | None:
    """Create (once per list and day) the digest issue; None if nothing is new
    or the digest was already built."""
    if Issue.objects.filter(newsletter_list=newsletter, digest_date=day).exists():
        return None
    # Its words are the list's readers': in its language, and so is the date.
    with mail.in_language(newsletter.language):
        # The language's own date ("2 декабря 2026", newsroom/formats).
        subject = f"{newsletter.name}: {date_format(day, 'DATE_FORMAT')}"
        preheader = _("The latest from %(site)s") % {"site": mail.site_name()}
    issue = Issue(
        newsletter_list=newsletter,
        subject=subject,
        preheader=preheader,
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
