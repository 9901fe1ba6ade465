"""The comments part of an article page: one page of the approved thread, the
reader's own pending comments (from their cookie), the links to the other
pages and the "Leave a Reply" form.

Issue 9: the page queries and renders only the threads it shows, so its cost
stays flat however long the conversation grows.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation

from newsroom.http import bounded_int

from . import cookies
from .forms import CommentForm
from .models import Comment, DiscussionSettings, discussion_page_url
from .services import comments_open

# A page number longer than this is no page anyone linked to: it means "the last".
MAX_PAGE_DIGITS = 6


def build_tree(comments: list[Comment], starts: set[int] | None = None) -> list[Comment]:
    """Roots in order, each with ``.children``. A comment whose parent is not
    shown becomes a root when it opens a thread on this page (``starts``; every
    such comment when ``starts`` is None) and is left out otherwise."""
    by_id = {comment.pk: comment for comment in comments}
    roots = []
    for comment in comments:
        comment.children = []
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        if parent:
            parent.children.append(comment)
        elif starts is None or comment.pk in starts:
            roots.append(comment)
    return roots


def requested_page(value: str) -> int:
    """``?cpage=`` read with a bound: junk is the first page, a huge number the last."""
    if value.isdecimal() and len(value) > MAX_PAGE_DIGITS:
        return 10**MAX_PAGE_DIGITS
    return bounded_int(value, high=10**MAX_PAGE_DIGITS) or 1


@dataclass
class ThreadPage:
    comments: list[Comment]  # in (created_at, pk) order
    starts: set[int] | None  # the comments that open a thread here (None: every orphan)
    number: int
    last: int
    approved: int  # approved comments on the article


def _count(queryset) -> Subquery:
    """``queryset.count()`` as a scalar subquery, to ride along in another query."""
    return Subquery(queryset.order_by().values("article").annotate(n=Count("pk")).values("n")[:1])


def thread_page(article, rules: DiscussionSettings, number: int) -> ThreadPage:
    """One page of threads (each with all its replies) in one query; a page
    past the end falls back to the last page."""
    approved = article.comments.approved()
    per_page = rules.threads_per_page
    if not per_page:
        comments = list(approved)
        return ThreadPage(comments, None, 1, 1, len(comments))
    starts = article.comments.thread_starts()
    order = ("-created_at", "-pk") if rules.newest_first else ("created_at", "pk")
    offset = (number - 1) * per_page
    shown = starts.order_by(*order)[offset : offset + per_page]
    conversation = Coalesce("thread_id", "pk")
    comments = list(
        approved.alias(conversation=conversation)
        .filter(conversation__in=shown.values(start_of=conversation))
        .annotate(
            opens=ExpressionWrapper(Q(pk__in=shown.values("pk")), output_field=BooleanField()),
            starts_total=_count(starts),
            approved_total=_count(approved),
        )
    )
    if not comments:
        # An empty first page is an empty discussion; only a page past the
        # end costs a count.
        last = max(1, -(-starts.count() // per_page)) if number > 1 else 1
        if number > last:
            return thread_page(article, rules, last)
        return ThreadPage([], set(), 1, 1, 0)
    first = comments[0]
    return ThreadPage(
        comments,
        {c.pk for c in comments if c.opens},
        number,
        max(1, -(-first.starts_total // per_page)),
        first.approved_total,
    )


def page_links(article, page: ThreadPage, rules: DiscussionSettings) -> dict | None:
    """The links under the thread: older/newer and numbered pages (elided)."""
    if page.last == 1:
        return None
    earlier = page.number - 1 if page.number > 1 else None
    later = page.number + 1 if page.number < page.last else None
    older, newer = (later, earlier) if rules.newest_first else (earlier, later)
    paginator = Paginator(range(page.last), 1)
    numbers = [
        {"number": n, "url": discussion_page_url(article, n), "current": n == page.number}
        if n != Paginator.ELLIPSIS
        else {"ellipsis": n}
        for n in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return {
        "older": discussion_page_url(article, older) if older else "",
        "newer": discussion_page_url(article, newer) if newer else "",
        "numbers": numbers,
    }


def _target(article, comment_id: str) -> Comment | None:
    """The approved comment a reader is answering (``?replyto=`` or the form)."""
    pk = bounded_int(comment_id)
    if pk is None:
        return None
    return article.comments.approved().filter(pk=pk).first()


def discussion_context(request, article, form: CommentForm | None = None) -> dict:
    """What comments/_section.html shows: a page of the thread (with this
    reader's own pending comments), the count, the page links, the form
    (``form`` when it came back with errors, else a fresh one filled from the
    reader's cookie), the notice. A reply (``?replyto=`` or the form coming
    back) shows the page that holds the comment answered."""
    # A form coming back with errors brings the rules its post was checked against.
    rules = form.rules if form is not None else DiscussionSettings.load()
    is_open = comments_open(article, rules)
    if form is None:
        reply_to = _target(article, request.GET.get("replyto", ""))
    else:
        reply_to = _target(article, form.data.get("parent", ""))
    if reply_to is not None:
        number = reply_to.page_number(rules)
    else:
        number = requested_page(request.GET.get("cpage", ""))
    page = thread_page(article, rules, number)
    comments, starts = page.comments, page.starts
    if request.COOKIES.get(cookies.MINE_COOKIE):
        keys = cookies.my_comment_keys(request)
        mine = list(article.comments.filter(key__in=keys, status=Comment.Status.PENDING))
        # A new thread waits where new threads arrive: the last page, or the
        # first when the newest come first.
        arrivals = page.number == (1 if rules.newest_first else page.last)
        for comment in mine:
            comment.is_mine_pending = True
            if starts is not None and comment.parent_id is None and arrivals:
                starts.add(comment.pk)
        comments = sorted(comments + mine, key=lambda c: (c.created_at, c.pk))
    thread = build_tree(comments, starts)
    if rules.newest_first:
        thread.reverse()
    if form is None:
        initial = {"article": article.pk}
        if request.COOKIES.get(cookies.AUTHOR_COOKIE):
            saved = cookies.saved_author(request)
            initial.update(saved, save_author=bool(saved))
        if reply_to:
            initial["parent"] = reply_to.pk
        form = CommentForm(initial=initial, rules=rules)
    return {
        "comment_rules": rules,
        "comments_open": is_open,
        "comment_thread": thread,
        "comment_count": page.approved,
        "comment_page": page.number,
        "comment_page_links": page_links(article, page, rules),
        "comment_respond_url": discussion_page_url(article, page.number, "respond"),
        "comment_form": form,
        "comment_reply_to": reply_to,
        "comment_notice": cookies.notice(request)
        if request.COOKIES.get(cookies.NOTICE_COOKIE)
        else "",
        # The article in the address too, so that reloading the page a form
        # error leaves in the address bar finds its way back (views.post).
        "comment_post_url": post_url(article),
    }


def post_url(article) -> str:
    """Where the form posts: under the article's language prefix (/ru/comments/post/),
    so that what answers (errors, notices) is in the language of the page."""
    with translation.override(article.language):
        return f"{reverse('comments:post')}?article={article.pk}"
