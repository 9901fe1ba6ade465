"""Moderators hear of comments awaiting moderation in digests: at most one
e-mail each per ``COMMENTS_MODERATION_DIGEST_MINUTES``, naming every comment
that waits and that they have not been told about, so a flood of comments is
one e-mail, not one per comment (issue 9).

The periodic task runs this every minute; the first comment after a quiet
spell therefore goes out within a minute. Every step is safe to run twice or
at once in two workers: the notices are unique per moderator and comment, and
a moderator is claimed by a conditional UPDATE before being mailed.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article
from newsroom import mail, roles
from newsroom.links import absolute, absolute_reverse

from .models import Comment, ModerationNotice, ModeratorDigest

logger = logging.getLogger(__name__)

# More than a moderator reads in one e-mail; the rest are counted, and the
# queue link shows them all.
LISTED = 30


def interval() -> timedelta:
    """The least time between two digests to one moderator."""
    return timedelta(minutes=settings.COMMENTS_MODERATION_DIGEST_MINUTES)


def moderators(article=None):
    """Who is emailed about a comment awaiting moderation on ``article``.

    Among active staff with an address who may moderate (``change_comment``):
    the article's own people (the accounts behind its bylines and whoever
    created it) and the members of the "Editor" and "Chief editor" groups.
    Only when none of them exists does it fall back to every moderator (a
    fresh install run by superusers), so no comment waits unnoticed.
    """
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    can_moderate = users.filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename="change_comment")
        | Q(groups__permissions__codename="change_comment")
    )
    theirs = Q(groups__name__in=roles.MODERATORS)
    if article is not None:
        theirs |= Q(author_profile__bylines__article=article)
        if article.created_by_id:
            theirs |= Q(pk=article.created_by_id)
    preferred = users.filter(theirs, pk__in=can_moderate.values("pk")).distinct()
    if preferred.exists():
        return preferred
    return users.filter(pk__in=can_moderate.values("pk"))


@dataclass
class Entry:
    comment: Comment
    admin_url: str


@dataclass
class ArticleGroup:
    article: Article
    url: str  # the article's page, in its own language
    entries: list[Entry] = field(default_factory=list)


def send_moderation_digests(*, now: datetime | None = None) -> int:
    """Mail each moderator who is due a digest of what waits for them; the
    number of e-mails sent."""
    now = now or timezone.now()
    _forget_decided_comments()
    _share_out_new_comments()
    waiting = ModerationNotice.objects.filter(
        sent_at__isnull=True, comment__status=Comment.Status.PENDING
    )
    user_ids = set(waiting.values_list("user_id", flat=True).distinct())
    if not user_ids:
        return 0
    ModeratorDigest.objects.bulk_create(
        [ModeratorDigest(user_id=user_id) for user_id in user_ids], ignore_conflicts=True
    )
    due = ModeratorDigest.objects.filter(_due(now), user_id__in=user_ids)
    users = get_user_model().objects.in_bulk(list(due.values_list("user_id", flat=True)))
    sent = 0
    for user in users.values():
        if not user.email:
            continue
        try:
            sent += _send_digest(user=user, now=now)
        except Exception as error:  # whatever the backend raises
            # One refused address must not keep the others waiting; theirs is
            # rolled back and tried again next run.
            logger.warning("Moderation digest to user %s failed: %s", user.pk, error)
    return sent


def _due(now: datetime) -> Q:
    return Q(sent_at__isnull=True) | Q(sent_at__lte=now - interval())


def _forget_decided_comments() -> None:
    """Keep the notices to comments that still wait (a comment back in the
    queue later is news again)."""
    ModerationNotice.objects.exclude(comment__status=Comment.Status.PENDING).delete()


def _share_out_new_comments() -> None:
    """Write a notice for each moderator of each comment not yet shared out,
    choosing the moderators as ``moderators()`` does when the comment arrives."""
    new = Comment.objects.awaiting_moderation().filter(moderation_notices__isnull=True)
    by_article = defaultdict(list)
    for comment_id, article_id in new.values_list("pk", "article_id"):
        by_article[article_id].append(comment_id)
    notices = []
    for article in Article.objects.filter(pk__in=by_article).only("created_by"):
        for user_id in moderators(article).values_list("pk", flat=True):
            notices += [
                ModerationNotice(user_id=user_id, comment_id=comment_id)
                for comment_id in by_article[article.pk]
            ]
    # Another worker may share out the same comments at once: the unique
    # constraint keeps one notice each.
    ModerationNotice.objects.bulk_create(notices, batch_size=1000, ignore_conflicts=True)


def _send_digest(*, user, now: datetime) -> int:
    """One e-mail to ``user`` naming what waits for them, if they are still
    due once claimed. The claim, the stamping of the notices and the sending
    share one transaction: a worker that dies before the commit leaves all
    of it for the next run."""
    with transaction.atomic():
        claimed = ModeratorDigest.objects.filter(_due(now), user=user).update(sent_at=now)
        if not claimed:
            return 0  # another worker has just mailed them
        # Exactly these notices are named and stamped: ones written meanwhile
        # wait for the next digest.
        notices = dict(
            ModerationNotice.objects.filter(
                user=user, sent_at__isnull=True, comment__status=Comment.Status.PENDING
            ).values_list("comment_id", "pk")
        )
        if not notices:
            transaction.set_rollback(True)  # nothing to say: still due
            return 0
        ModerationNotice.objects.filter(pk__in=notices.values()).update(sent_at=now)
        comments = (
            Comment.objects.filter(pk__in=notices)
            .select_related("article")
            .order_by("-created_at", "-pk")[:LISTED]
        )
        return _message(user=user, comments=list(comments), total=len(notices)).send()


def digest_language(comments: list[Comment]) -> str:
    """The language a digest is written in: its articles' when they share one
    (the pages the comments were posted on), else the outlet's main language."""
    languages = {comment.article.language for comment in comments}
    return languages.pop() if len(languages) == 1 else settings.LANGUAGE_CODE


def _message(*, user, comments: list[Comment], total: int):
    language = digest_language(comments)
    with mail.in_language(language):
        groups: dict[int, ArticleGroup] = {}
        for comment in comments:
            group = groups.get(comment.article_id)
            if group is None:
                article = comment.article
                group = groups[article.pk] = ArticleGroup(
                    article=article, url=absolute(article.get_absolute_url())
                )
            group.entries.append(
                Entry(comment, absolute_reverse("admin:comments_comment_change", comment.pk))
            )
        if total == 1:
            subject = _("Comment awaiting moderation: %(headline)s") % {
                "headline": comments[0].article.headline
            }
        else:
            subject = ngettext(
                "%(count)d comment awaiting moderation",
                "%(count)d comments awaiting moderation",
                total,
            ) % {"count": total}
        context = {
            "groups": list(groups.values()),
            "total": total,
            "more": total - len(comments),
            "site_name": mail.site_name(),
            "queue_url": absolute_reverse("admin:comments_comment_changelist"),
        }
    return mail.templated(
        "comments/email/moderation_digest",
        context,
        to=[user.email],  # one message each: moderators do not see each other's addresses
        subject=f"[{context['site_name']}] {subject}",
        html=False,
        language=language,
    )
