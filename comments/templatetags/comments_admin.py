from django import template

from comments.models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comments(context):
    """How many comments await moderation, for users who may moderate them."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return None
    return Comment.objects.awaiting_moderation().count()


@register.simple_tag(takes_context=True)
def reported_comments(context):
    """How many published comments carry reports no moderator has dismissed."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return None
    return Comment.objects.with_open_reports().count()
