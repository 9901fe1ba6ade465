"""Comment business rules, shared by the reader views, the admin and the tasks."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone

from articles.models import Article
from newsroom import audit, ratelimit

from . import spam, tasks
from .cache_tags import comments_changed
from .forms import CommentForm
from .models import Comment, CommentReport, DiscussionSettings


class CommentsClosed(Exception):
    pass


class CaughtInHoneypot(Exception):
    """A bot filled the field people never see."""


class CommentRefused(Exception):
    """The comment was not taken; ``form`` goes back to the reader, words kept."""

    def __init__(self, form: CommentForm):
        super().__init__(type(self).__name__)
        self.form = form


class InvalidComment(CommentRefused):
    """A field is missing or wrong: the form carries the errors."""


class TooManyComments(CommentRefused):
    """This address has posted as many comments as the rules allow in an hour."""


class ParentUnavailable(CommentRefused):
    """The comment being answered is not (or no longer) shown on this article.
    ``form`` holds the same words as a new comment, to post again."""


@dataclass
class Posted:
    comment: Comment
    # False when the same words were already posted (a double submit): ``comment``
    # is then the earlier one, which may be someone else's.
    created: bool
    # The form's cleaned data: what the reader asked the browser to remember.
    data: dict
    # The rules the post was checked against (they also place it on a page).
    rules: DiscussionSettings


def comments_open(article: Article, rules: DiscussionSettings) -> bool:
    """Open when published, enabled for the article and not older than the limit."""
    if not article.is_live or not article.comments_enabled:
        return False
    if rules.close_after_days:
        return article.published_at >= timezone.now() - timedelta(days=rules.close_after_days)
    return True


def _matches(rules_text: str, *, haystack: str, email: str, ip: str | None) -> str:
    """The first line of a word list found in the comment, or ""."""
    for entry in DiscussionSettings.lines(rules_text):
        if entry == email.lower() or (ip and entry == ip) or entry in haystack:
            return entry
    return ""


@dataclass
class Verdict:
    status: str
    reason: str
    score: float | None
    links: int


def judge(
    *,
    rules: DiscussionSettings,
    name: str,
    email: str,
    url: str,
    body: str,
    ip: str | None,
    elapsed: float | None,
    known: bool = False,
) -> Verdict:
    """Where a new comment goes: approved, pending (held) or spam, and why.

    ``known``: the reader proved, with the signed cookie the site gave them,
    that an earlier comment of theirs under this address was approved.
    ``elapsed`` None is a time to write that the form did not report (no
    script, or a bot that left the field out): unknown, not "slow enough", so
    a trained filter's score of half the spam threshold holds it for a moderator.
    Written faster than ``rules.min_seconds``: held, and spam only with another
    sign (too many links, a word on the moderation list, half the threshold)."""
    haystack = "\n".join([name, email, url, body]).lower()
    links = spam.count_links(body)
    score = spam.score(spam.features(body=body, name=name, url=url, email=email))
    hit = _matches(rules.disallowed_words, haystack=haystack, email=email, ip=ip)
    if hit:
        return Verdict(Comment.Status.SPAM, f"disallowed: {hit}", score, links)
    trained = score is not None and spam.is_trained()
    if trained and score >= rules.spam_threshold:
        return Verdict(Comment.Status.SPAM, f"spam score {score:.2f}", score, links)
    if elapsed is not None and elapsed < rules.min_seconds:
        # A fast writer (or one who pasted a prepared text) is not a bot by that
        # alone: timing holds the comment where a moderator looks, and only
        # together with another sign of spam sends it to the spam folder (issue 11).
        signs = [f"written in {elapsed:.1f} s"]
        if links > rules.max_links:
            signs.append(f"{links} links")
        if trained and score >= rules.spam_threshold / 2:
            signs.append(f"score {score:.2f}")
        if _matches(rules.moderation_words, haystack=haystack, email=email, ip=ip):
            signs.append("moderation list")
        status = Comment.Status.SPAM if len(signs) > 1 else Comment.Status.PENDING
        return Verdict(status, ", ".join(signs), score, links)
    if elapsed is None and trained and score >= rules.spam_threshold / 2:
        return Verdict(Comment.Status.PENDING, f"time unknown, score {score:.2f}", score, links)
    if links > rules.max_links:
        return Verdict(Comment.Status.PENDING, f"{links} links", score, links)
    hit = _matches(rules.moderation_words, haystack=haystack, email=email, ip=ip)
    if hit:
        return Verdict(Comment.Status.PENDING, f"moderation list: {hit}", score, links)
    if rules.mode == DiscussionSettings.Mode.APPROVE_KNOWN and known:
        return Verdict(Comment.Status.APPROVED, "", score, links)
    reason = "" if rules.mode == DiscussionSettings.Mode.HOLD_ALL else "first comment"
    return Verdict(Comment.Status.PENDING, reason, score, links)


def is_known_commenter(*, name: str, email: str, proof_keys: list[str]) -> bool:
    """An earlier approved comment from a reader with this name AND email (as
    WordPress checks), named by the signed cookie the site gave them with it
    (``cookies.my_comment_keys``).

    A name and address typed into the form prove nothing: anyone can type a
    regular's (issue 10). The newsroom's own replies never count."""
    if not name or not email or not proof_keys:
        return False
    return (
        Comment.objects.approved()
        .filter(
            key__in=proof_keys,
            email__iexact=email,
            name__iexact=name,
            is_newsroom=False,
            user__isnull=True,
        )
        .exists()
    )


def _reply_target(*, article: Article, parent_id: int | None) -> Comment | None:
    """The comment a reader answers: an approved one on the same article."""
    if parent_id is None:
        return None
    return article.comments.approved().filter(pk=parent_id).first()


def attach_point(parent: Comment | None, rules: DiscussionSettings) -> Comment | None:
    """A reply deeper than the thread allows attaches at the deepest allowed level."""
    while parent is not None and parent.depth >= rules.thread_depth - 1:
        parent = parent.parent
    return parent


def post_comment(
    *,
    article: Article,
    data: QueryDict | dict[str, str],
    ip: str | None,
    user_agent: str,
    proof_keys: list[str] = (),
) -> Posted:
    """A reader's comment from the "Leave a Reply" form (``data`` as submitted).

    The one place that loads the discussion rules for a post and checks them:
    open or closed, the fields, the rate limit, the comment answered. Each
    refusal is an exception the view turns into a response. ``proof_keys``:
    the comments the reader's signed cookie says are theirs.
    """
    rules = DiscussionSettings.load()
    if not comments_open(article, rules):
        raise CommentsClosed
    form = CommentForm(data, rules=rules)
    if not form.is_valid():
        raise InvalidComment(form)
    fields = form.cleaned_data
    if fields["hp_trap"]:
        raise CaughtInHoneypot
    if not ratelimit.allow(
        "comment", ip or "unknown", limit=rules.comments_per_ip_per_hour, period=3600
    ):
        raise TooManyComments(form)
    parent = _reply_target(article=article, parent_id=fields["parent"])
    if fields["parent"] is not None and parent is None:
        resubmitted = data.copy()
        resubmitted["parent"] = ""
        as_new = CommentForm(resubmitted, rules=rules)
        as_new.is_valid()
        raise ParentUnavailable(as_new)
    comment, created = _save_reader_comment(
        article=article,
        parent=attach_point(parent, rules),
        rules=rules,
        name=fields["name"],
        email=fields["email"],
        url=fields["url"],
        body=fields["body"],
        notify_replies=fields["notify"],
        ip=ip,
        user_agent=user_agent,
        elapsed=fields["elapsed"],
        known=rules.mode == DiscussionSettings.Mode.APPROVE_KNOWN
        and is_known_commenter(
            name=fields["name"], email=fields["email"], proof_keys=list(proof_keys)
        ),
    )
    return Posted(comment=comment, created=created, data=fields, rules=rules)


def _save_reader_comment(
    *,
    article: Article,
    parent: Comment | None,
    rules: DiscussionSettings,
    name: str,
    email: str,
    url: str,
    body: str,
    notify_replies: bool,
    ip: str | None,
    user_agent: str,
    elapsed: float | None,
    known: bool,
) -> tuple[Comment, bool]:
    """The comment stored, and whether it is new (as ``get_or_create``): the
    same words from the same address on one article are kept once."""
    verdict = judge(
        rules=rules,
        name=name,
        email=email,
        url=url,
        body=body,
        ip=ip,
        elapsed=elapsed,
        known=known,
    )
    comment = Comment(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email=email,
        url=url,
        body=body,
        notify_replies=notify_replies,
        ip=ip,
        user_agent=user_agent[:300],
        status=verdict.status,
        held_because=verdict.reason[:200],
        spam_score=verdict.score,
        link_count=verdict.links,
        fingerprint=Comment.make_fingerprint(email=email, body=body),
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        existing = Comment.objects.filter(article=article, fingerprint=comment.fingerprint).first()
        if existing is None:
            raise
        return existing, False
    _after_status_change(comment, previous=None)
    return comment, True


def reply_as_newsroom(*, parent: Comment, body: str, user) -> Comment:
    """A moderator's reply from the admin: published at once, marked as ours.
    Answering a comment that awaits moderation approves it: the reply would
    otherwise hang under nothing.

    The newsroom says "Thank you, fixed." to many readers on one article, so its
    fingerprint names the comment answered: only the same reply to the same
    comment (a double click) is a duplicate, and it is stored once.
    """
    rules = DiscussionSettings.load()
    attach = attach_point(parent, rules) or parent
    name = user.get_full_name() or settings.SITE_NAME
    fingerprint = Comment.make_fingerprint(email=f"newsroom:{user.pk}:{parent.pk}", body=body)
    comment = Comment(
        article=parent.article,
        parent=attach,
        depth=attach.depth + 1,
        name=name,
        email=user.email,
        body=body,
        status=Comment.Status.APPROVED,
        user=user,
        is_newsroom=True,
        link_count=spam.count_links(body),
        fingerprint=fingerprint,
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        existing = Comment.objects.filter(
            article_id=parent.article_id, fingerprint=fingerprint
        ).first()
        if existing is None:
            raise
        return existing
    _after_status_change(comment, previous=None)
    if parent.status == Comment.Status.PENDING:
        moderate(comments=[parent], status=Comment.Status.APPROVED, by=user)
    return comment


def moderate(*, comments, status: str, by=None) -> int:
    """Set the status of comments (approve, spam, trash, restore) and teach the
    filter; each decision is recorded in the audit trail as ``by``'s."""
    changed = 0
    for comment in comments:
        previous = comment.status
        if previous == status:
            continue
        comment.status = status
        fields = ["status"]
        lesson = {Comment.Status.SPAM: "spam", Comment.Status.APPROVED: "ham"}.get(status)
        if lesson and comment.trained_as != lesson and not comment.is_newsroom:
            spam.learn(
                spam.features(
                    body=comment.body, name=comment.name, url=comment.url, email=comment.email
                ),
                spam=lesson == "spam",
                forget=comment.trained_as,
            )
            comment.trained_as = lesson
            fields.append("trained_as")
        comment.save(update_fields=fields)
        audit.record(
            actor=by,
            action=f"comment.{MODERATION_ACTIONS[status]}",
            obj=comment,
            object_repr=_audit_name(comment),
            details={"from": previous, "to": status, "article_id": comment.article_id},
        )
        _after_status_change(comment, previous=previous)
        changed += 1
    return changed


def _audit_name(comment: Comment) -> str:
    # Not its author's name nor words: the trail outlives an erasure of them.
    return f"Comment {comment.pk}"


# How each decision reads in the audit trail.
MODERATION_ACTIONS = {
    Comment.Status.APPROVED: "approve",
    Comment.Status.SPAM: "spam",
    Comment.Status.TRASH: "trash",
    Comment.Status.PENDING: "restore",
}


def _after_status_change(comment: Comment, *, previous: str | None) -> None:
    approved = Comment.Status.APPROVED
    if approved in (previous, comment.status):
        refresh_comment_count(comment.article_id)
    if comment.status == approved and previous != approved and comment.parent_id:
        transaction.on_commit(lambda: tasks.notify_reply.enqueue(comment.pk))


def delete_comments(*, comments, by=None) -> int:
    """Delete comments for good (their replies go with them) and recount the
    articles they were on, so list cards show the right number. Each deletion
    asked for is recorded in the audit trail (the replies that go with a
    comment are counted in its record)."""
    comments = list(comments)
    article_ids = {comment.article_id for comment in comments}
    deleted = 0
    with transaction.atomic():
        for comment in comments:
            pk, what = comment.pk, _audit_name(comment)
            gone = comment.delete()[1].get(Comment._meta.label, 0)
            if gone:
                audit.record(
                    actor=by,
                    action="comment.delete",
                    object_repr=what,
                    details={"comment_id": pk, "article_id": comment.article_id, "deleted": gone},
                )
            deleted += gone
        for article_id in article_ids:
            refresh_comment_count(article_id)
    return deleted


def refresh_comment_count(article_id: int) -> None:
    refresh_comment_counts(articles=Article.objects.filter(pk=article_id))


def refresh_comment_counts(*, articles) -> int:
    """Recount the approved comments of the given articles, in one UPDATE
    (comments inserted in bulk, as the load-data generator does)."""
    approved = (
        Comment.objects.approved()
        .filter(article_id=OuterRef("pk"))
        .values("article_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    changed = articles.update(comment_count=Coalesce(Subquery(approved), 0))
    comments_changed(articles.values_list("pk", flat=True))
    return changed


def report(*, comment: Comment, reason: str, ip: str | None) -> CommentReport:
    return CommentReport.objects.create(comment=comment, reason=reason[:300], ip=ip)


def dismiss_reports(*, comments) -> int:
    """A moderator read the reports and keeps the comments: they leave the queue.
    The reports stay, for the record."""
    ids = [comment.pk for comment in comments]
    return CommentReport.objects.filter(comment_id__in=ids, dismissed_at__isnull=True).update(
        dismissed_at=timezone.now()
    )


def stop_reply_notifications(*, email: str) -> int:
    return Comment.objects.filter(email__iexact=email, notify_replies=True).update(
        notify_replies=False
    )
