"""What comments keep about people: an export or erasure on request (the
newsroom's privacy registry calls these, see apps.py), and IP addresses kept
only for a while (manage.py erase_comment_ips and the erase_expired_ips task)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from newsroom.links import absolute

from .models import Comment, CommentReport


def erase_old_ips(*, days: int) -> int:
    """Erase the IP addresses (and browser strings) of comments and of readers'
    reports older than ``days``; returns how many rows changed."""
    cutoff = timezone.now() - timedelta(days=days)
    comments = (
        Comment.objects.filter(created_at__lt=cutoff)
        .filter(Q(ip__isnull=False) | ~Q(user_agent=""))
        .update(ip=None, user_agent="")
    )
    reports = CommentReport.objects.filter(created_at__lt=cutoff, ip__isnull=False).update(ip=None)
    return comments + reports


def export_personal_data(*, email: str) -> list[dict]:
    """Every comment posted with ``email``, with what is kept about its author."""
    return [
        {
            "article": comment.article.headline,
            "url": absolute(comment.get_absolute_url()),
            "posted": comment.created_at.isoformat(),
            "status": comment.status,
            "name": comment.name,
            "email": comment.email,
            "website": comment.url,
            "ip": comment.ip,
            "browser": comment.user_agent,
            "comment": comment.body,
        }
        for comment in Comment.objects.filter(email__iexact=email).select_related("article")
    ]


def erase_personal_data(*, email: str) -> int:
    """Anonymise, as WordPress does: the words stay in the conversation, the person goes.

    The duplicate-detection fingerprint is a hash of the address, so it goes
    too: whoever knows the address could otherwise tell which comments were theirs.
    """
    comments = list(Comment.objects.filter(email__iexact=email).only("pk", "body"))
    for comment in comments:
        comment.name, comment.email, comment.url = "Anonymous", "", ""
        comment.ip, comment.user_agent, comment.notify_replies = None, "", False
        comment.fingerprint = Comment.make_fingerprint(
            email=f"erased:{comment.pk}", body=comment.body
        )
    Comment.objects.bulk_update(
        comments,
        ["name", "email", "url", "ip", "user_agent", "notify_replies", "fingerprint"],
        batch_size=500,
    )
    return len(comments)
