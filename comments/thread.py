"""The comments part of an article page: the approved thread, the reader's own
pending comments (from their cookie) and the "Leave a Reply" form."""

from django.urls import reverse

from . import cookies
from .forms import CommentForm
from .models import Comment, DiscussionSettings
from .services import comments_open


def build_tree(comments: list[Comment]) -> list[Comment]:
    """Roots in order, each with ``.children``; orphans (parent not shown) become roots."""
    by_id = {comment.pk: comment for comment in comments}
    roots = []
    for comment in comments:
        comment.children = []
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        (parent.children if parent else roots).append(comment)
    return roots


def discussion_context(request, article, form: CommentForm | None = None) -> dict:
    """What comments/_section.html shows: the thread (with this reader's own
    pending comments), the count, the form (``form`` when it came back with
    errors, else a fresh one filled from the reader's cookie), the notice."""
    # A form coming back with errors brings the rules its post was checked against.
    rules = form.rules if form is not None else DiscussionSettings.load()
    is_open = comments_open(article, rules)
    approved = list(article.comments.approved())
    mine = []
    if request.COOKIES.get(cookies.MINE_COOKIE):
        keys = cookies.my_comment_keys(request)
        mine = list(article.comments.filter(key__in=keys, status=Comment.Status.PENDING))
        for comment in mine:
            comment.is_mine_pending = True
    thread = build_tree(sorted(approved + mine, key=lambda c: (c.created_at, c.pk)))
    reply_to = None
    if form is None:
        initial = {"article": article.pk}
        if request.COOKIES.get(cookies.AUTHOR_COOKIE):
            saved = cookies.saved_author(request)
            initial.update(saved, save_author=bool(saved))
        replyto = request.GET.get("replyto", "")
        if replyto.isdecimal():
            reply_to = next((c for c in approved if c.pk == int(replyto)), None)
            if reply_to:
                initial["parent"] = reply_to.pk
        form = CommentForm(initial=initial, rules=rules)
    else:
        parent_id = form.data.get("parent", "")
        if str(parent_id).isdecimal():
            reply_to = next((c for c in approved if c.pk == int(parent_id)), None)
    return {
        "comment_rules": rules,
        "comments_open": is_open,
        "comment_thread": thread,
        "comment_count": len(approved),
        "comment_form": form,
        "comment_reply_to": reply_to,
        "comment_notice": cookies.notice(request)
        if request.COOKIES.get(cookies.NOTICE_COOKIE)
        else "",
        "comment_post_url": reverse("comments:post"),
    }
