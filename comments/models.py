import hashlib
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

# Enough for any conversation a reader scrolls through; a bound keeps one page cheap.
MAX_THREADS_PER_PAGE = 500


def discussion_page_url(article, page: int, anchor: str = "comments") -> str:
    """A plain, crawlable link to one page of an article's discussion (the
    first page is the article's own address)."""
    query = f"?cpage={page}" if page > 1 else ""
    return f"{article.get_absolute_url()}{query}#{anchor}"


class DiscussionSettings(models.Model):
    """The newsroom's discussion rules, edited in the admin (one row)."""

    class Mode(models.TextChoices):
        HOLD_ALL = "hold_all", _("Hold every comment for moderation")
        APPROVE_KNOWN = (
            "approve_known",
            _("Approve automatically when the same email already has an approved comment"),
        )

    mode = models.CharField(
        _("moderation"), max_length=20, choices=Mode.choices, default=Mode.APPROVE_KNOWN
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold a comment with more links than"), default=2
    )
    moderation_words = models.TextField(
        _("moderation list"),
        blank=True,
        help_text=_(
            "One word, phrase, email address or IP address per line. A comment containing "
            "any of them is held for moderation."
        ),
    )
    disallowed_words = models.TextField(
        _("disallowed list"),
        blank=True,
        help_text=_(
            "One word, phrase, email address or IP address per line. A comment containing "
            "any of them goes straight to spam."
        ),
    )
    max_length = models.PositiveIntegerField(_("maximum comment length"), default=5000)
    thread_depth = models.PositiveSmallIntegerField(
        _("thread depth"), default=3, help_text=_("Levels of replies shown nested (1 = flat).")
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments on articles older than (days)"),
        default=14,
        help_text=_("0 keeps comments open for ever."),
    )
    min_seconds = models.PositiveSmallIntegerField(
        _("minimum seconds to write a comment"),
        default=4,
        help_text=_(
            "A faster comment is held for moderation, and goes to spam only with another "
            "sign such as many links (judged only when JavaScript runs)."
        ),
    )
    spam_threshold = models.FloatField(
        _("spam score threshold"),
        default=0.9,
        help_text=_("Comments the local filter scores at or above this go to spam (0–1)."),
    )
    comments_per_ip_per_hour = models.PositiveSmallIntegerField(
        _("comments per IP address per hour"), default=10
    )

    class PageOrder(models.TextChoices):
        OLDEST_FIRST = "oldest", _("Oldest threads first")
        NEWEST_FIRST = "newest", _("Newest threads first")

    # Issue 9: an article's page renders one page of threads, so its cost does
    # not grow with the conversation (WordPress's "Break comments into pages").
    threads_per_page = models.PositiveSmallIntegerField(
        _("threads per page"),
        default=50,
        validators=[MaxValueValidator(MAX_THREADS_PER_PAGE)],
        help_text=_(
            "Top-level comments per page, each shown with all its replies. "
            "0 shows every comment on one page."
        ),
    )
    page_order = models.CharField(
        _("order of pages"),
        max_length=10,
        choices=PageOrder.choices,
        default=PageOrder.OLDEST_FIRST,
        help_text=_("Which threads the first page shows; the article opens on the first page."),
    )

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="discussion_settings_singleton"),
            models.CheckConstraint(
                condition=Q(spam_threshold__gte=0, spam_threshold__lte=1),
                name="discussion_spam_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(thread_depth__gte=1, thread_depth__lte=10),
                name="discussion_thread_depth_range",
            ),
            models.CheckConstraint(
                condition=Q(threads_per_page__lte=MAX_THREADS_PER_PAGE),
                name="discussion_threads_per_page_range",
            ),
            models.CheckConstraint(
                condition=Q(page_order__in=["oldest", "newest"]),
                name="discussion_page_order_valid",
            ),
        ]

    def __str__(self):
        return str(_("Discussion settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "DiscussionSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    @property
    def newest_first(self) -> bool:
        return self.page_order == self.PageOrder.NEWEST_FIRST


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def awaiting_moderation(self):
        return self.filter(status=Comment.Status.PENDING)

    def thread_starts(self):
        """Approved comments that open a thread on the page: top-level ones, and
        replies whose parent readers no longer see (it was trashed or marked spam)."""
        # Compared against the (few) hidden comments of the same set rather than
        # by a join on every parent, so a page of starts is read in index order.
        hidden = self.exclude(status=Comment.Status.APPROVED).values("pk")
        return self.approved().filter(Q(parent__isnull=True) | Q(parent__in=hidden))

    def with_open_reports(self):
        """Published comments with reports no moderator has dismissed yet."""
        open_reports = CommentReport.objects.filter(dismissed_at__isnull=True)
        return self.approved().filter(pk__in=open_reports.values("comment_id"))


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # The top-level comment of the conversation (empty on top-level comments), so
    # that one query fetches a page of threads with all their replies.
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+", editable=False
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    url = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_newsroom = models.BooleanField(_("from the newsroom"), default=False)
    notify_replies = models.BooleanField(_("notify of replies"), default=False)
    link_count = models.PositiveSmallIntegerField(_("links"), default=0)
    spam_score = models.FloatField(_("spam score"), null=True, blank=True)
    # What the filter last learnt from this comment, so a change of mind unlearns it.
    trained_as = models.CharField(max_length=4, blank=True, editable=False)
    held_because = models.CharField(_("held because"), max_length=200, blank=True)
    # Detects double submissions: the same text from the same address on the same article.
    fingerprint = models.CharField(max_length=64, editable=False)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            models.Index(fields=["status", "-created_at"], name="comment_queue"),
            # A page of threads fetches its comments by conversation.
            models.Index(Coalesce("thread", "id"), name="comment_conversation"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="comment_no_duplicates"
            ),
            models.CheckConstraint(condition=~Q(body=""), name="comment_body_not_empty"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        # bulk_create skips this: whoever inserts replies in bulk sets ``thread``.
        if self.parent_id is not None and self.thread_id is None:
            self.thread_id = self.parent.thread_id or self.parent_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The page of the article's discussion that shows this comment."""
        return self.url_under(DiscussionSettings.load())

    def url_under(self, rules: DiscussionSettings) -> str:
        """This comment's address when the discussion is paged by ``rules``."""
        return discussion_page_url(self.article, self.page_number(rules), f"comment-{self.pk}")

    def thread_start(self) -> "Comment":
        """The comment whose thread shows this one: the nearest ancestor
        (or itself) whose parent readers do not see."""
        root = self.thread_id or self.pk
        family = {
            c.pk: c
            for c in Comment.objects.filter(Q(pk=root) | Q(thread_id=root)).only(
                "pk", "parent_id", "status", "created_at"
            )
        }
        start = self
        while start.parent_id in family and family[start.parent_id].status == self.Status.APPROVED:
            start = family[start.parent_id]
        return start

    def page_number(self, rules: DiscussionSettings) -> int:
        """Which page of the discussion shows this comment (1 when unpaged). A
        thread not approved yet shows where a new thread arrives."""
        if not rules.threads_per_page:
            return 1
        start = self.thread_start()
        starts = Comment.objects.filter(article_id=self.article_id).thread_starts()
        if start.status != self.Status.APPROVED:
            if rules.newest_first:
                return 1
            return max(1, -(-starts.count() // rules.threads_per_page))
        if rules.newest_first:
            ahead = Q(created_at__gt=start.created_at) | Q(
                created_at=start.created_at, pk__gt=start.pk
            )
        else:
            ahead = Q(created_at__lt=start.created_at) | Q(
                created_at=start.created_at, pk__lt=start.pk
            )
        return starts.filter(ahead).count() // rules.threads_per_page + 1

    @staticmethod
    def make_fingerprint(*, email: str, body: str) -> str:
        normalised = " ".join(body.split()).lower()
        return hashlib.sha256(f"{email.strip().lower()}\n{normalised}".encode()).hexdigest()

    @property
    def initials(self) -> str:
        parts = [part for part in self.name.split() if part[:1].isalnum()]
        return "".join(part[0] for part in parts[:2]).upper() or "?"

    @property
    def avatar_hue(self) -> int:
        return int(hashlib.md5(self.name.encode(), usedforsecurity=False).hexdigest()[:4], 16) % 360


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=300)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a moderator read the report and kept the comment ("Dismiss reports").
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return self.reason


class SpamToken(models.Model):
    """Word counts for the local spam filter (naive Bayes), learnt from moderators."""

    token = models.CharField(max_length=64, unique=True)
    spam = models.PositiveIntegerField(default=0)
    ham = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("spam filter token")

    def __str__(self):
        return self.token


class ModerationNotice(models.Model):
    """One moderator's notice of one comment awaiting moderation: written when
    the comment is first shared out, stamped when a digest names it. Being one
    row per moderator and comment, it lets any number of workers send digests
    without anyone hearing of a comment twice, or never (issue 9)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="moderation_notices"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("moderation notice")
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="moderation_notice_once"),
        ]

    def __str__(self):
        return f"{self.user_id} of comment {self.comment_id}"


class ModeratorDigest(models.Model):
    """When a moderator's last digest went out. A worker claims a moderator by
    moving ``sent_at`` forward with a conditional UPDATE, so of two workers
    only one mails them, and nobody gets more than one digest per interval."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("moderation digest")

    def __str__(self):
        return f"{self.user_id}: {self.sent_at}"
