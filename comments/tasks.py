"""Work done by the task worker: e-mails about comments (so readers never wait
for SMTP) and the erasure of old IP addresses."""

from django.conf import settings
from django.tasks import task
from django.utils.translation import gettext as _

from newsroom import mail
from newsroom.links import absolute, absolute_reverse

from . import moderation_digest, personal_data
from .models import Comment
from .stop_links import stop_token


@task
def send_moderation_digests() -> int:
    """Every minute (``PERIODIC_TASKS``): moderators who are due a digest of
    the comments awaiting moderation get it."""
    return moderation_digest.send_moderation_digests()


@task
def notify_reply(comment_id: int) -> int:
    """Tell the parent's author (if they asked) that an approved reply is up."""
    reply = Comment.objects.select_related("parent", "article").filter(pk=comment_id).first()
    if reply is None or reply.status != Comment.Status.APPROVED or reply.parent is None:
        return 0
    parent = reply.parent
    if not parent.notify_replies or not parent.email or parent.email.lower() == reply.email.lower():
        return 0
    # In the article's language, whatever language the task runs in (issue 12):
    # the words, and the stop page the link opens.
    language = reply.article.language
    with mail.in_language(language):
        stop_url = absolute_reverse("comments:stop_notifications", token=stop_token(parent))
        context = {
            "reply": reply,
            "parent": parent,
            "site_name": mail.site_name(),
            "reply_url": absolute(reply.get_absolute_url()),
            "stop_url": stop_url,
        }
        subject = _("New reply to your comment on “%(headline)s”") % {
            "headline": reply.article.headline
        }
    return mail.templated(
        "comments/email/reply",
        context,
        to=[parent.email],
        subject=subject,
        html=False,
        unsubscribe_url=stop_url,
        language=language,
    ).send()


@task
def erase_expired_ips() -> int:
    """What ``manage.py erase_comment_ips`` does, for the periodic schedule
    (which runs it; it does not reschedule itself)."""
    return personal_data.erase_old_ips(days=settings.COMMENTS_IP_RETENTION_DAYS)
