"""Work done by the task worker: e-mails about comments (so readers never wait
for SMTP) and the erasure of old IP addresses."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.tasks import task

from newsroom import mail, roles
from newsroom.links import absolute, absolute_reverse

from . import personal_data
from .models import Comment
from .stop_links import stop_token


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


@task
def notify_moderators(comment_id: int) -> int:
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.PENDING:
        return 0
    recipients = list(moderators(comment.article).values_list("email", flat=True))
    if not recipients:
        return 0
    context = {
        "comment": comment,
        "site_name": settings.SITE_NAME,
        "admin_url": absolute_reverse("admin:comments_comment_change", comment.pk),
        "queue_url": absolute_reverse("admin:comments_comment_changelist"),
    }
    return mail.templated(
        "comments/email/moderate",
        context,
        to=recipients,
        subject=f"[{settings.SITE_NAME}] Comment awaiting moderation: {comment.article.headline}",
        html=False,
    ).send()


@task
def notify_reply(comment_id: int) -> int:
    """Tell the parent's author (if they asked) that an approved reply is up."""
    reply = Comment.objects.select_related("parent", "article").filter(pk=comment_id).first()
    if reply is None or reply.status != Comment.Status.APPROVED or reply.parent is None:
        return 0
    parent = reply.parent
    if not parent.notify_replies or not parent.email or parent.email.lower() == reply.email.lower():
        return 0
    stop_url = absolute_reverse("comments:stop_notifications", token=stop_token(parent.email))
    context = {
        "reply": reply,
        "parent": parent,
        "site_name": settings.SITE_NAME,
        "reply_url": absolute(reply.get_absolute_url()),
        "stop_url": stop_url,
    }
    return mail.templated(
        "comments/email/reply",
        context,
        to=[parent.email],
        subject=f"New reply to your comment on “{reply.article.headline}”",
        html=False,
        unsubscribe_url=stop_url,
    ).send()


@task
def erase_expired_ips() -> int:
    """What ``manage.py erase_comment_ips`` does, for the periodic schedule
    (which runs it; it does not reschedule itself)."""
    return personal_data.erase_old_ips(days=settings.COMMENTS_IP_RETENTION_DAYS)
