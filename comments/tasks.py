"""E-mails about comments, sent by the task worker so readers never wait for SMTP."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from newsroom import roles

from .models import Comment
from .reader import stop_token
from .services import erase_old_ips


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
        "admin_url": settings.SITE_URL
        + reverse("admin:comments_comment_change", args=[comment.pk]),
        "queue_url": settings.SITE_URL + reverse("admin:comments_comment_changelist"),
    }
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] Comment awaiting moderation: {comment.article.headline}",
        body=render_to_string("comments/email/moderate.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    return message.send()


@task
def notify_reply(comment_id: int) -> int:
    """Tell the parent's author (if they asked) that an approved reply is up."""
    reply = Comment.objects.select_related("parent", "article").filter(pk=comment_id).first()
    if reply is None or reply.status != Comment.Status.APPROVED or reply.parent is None:
        return 0
    parent = reply.parent
    if not parent.notify_replies or not parent.email or parent.email.lower() == reply.email.lower():
        return 0
    stop_url = settings.SITE_URL + reverse(
        "comments:stop_notifications", kwargs={"token": stop_token(parent.email)}
    )
    context = {
        "reply": reply,
        "parent": parent,
        "site_name": settings.SITE_NAME,
        "reply_url": settings.SITE_URL + reply.get_absolute_url(),
        "stop_url": stop_url,
    }
    message = EmailMultiAlternatives(
        subject=f"New reply to your comment on “{reply.article.headline}”",
        body=render_to_string("comments/email/reply.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[parent.email],
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message.send()


@task
def erase_expired_ips() -> int:
    """Erase commenters' IP addresses older than COMMENTS_IP_RETENTION_DAYS
    (daily, from settings.PERIODIC_TASKS)."""
    return erase_old_ips(days=settings.COMMENTS_IP_RETENTION_DAYS)
