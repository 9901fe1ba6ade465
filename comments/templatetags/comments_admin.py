from django import template

from comments.models import Comment

register = template.Library()


def _count_for_moderators(context, comments):
    """How many ``comments`` there are, shown only to users who may moderate them."""
    if not context["request"].user.has_perm("comments.change_comment"):
        return None
    return comments.count()


@register.simple_tag(takes_context=True)
def pending_comments(context):
    """How many comments await moderation."""
    return _count_for_moderators(context, Comment.objects.awaiting_moderation())


@register.simple_tag(takes_context=True)
def reported_comments(context):
    """How many published comments carry reports no moderator has dismissed."""
    return _count_for_moderators(context, Comment.objects.with_open_reports())
