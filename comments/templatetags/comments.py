"""The discussion under an article: ``{% load comments %}{% comment_section article %}``.

The articles app renders its page knowing nothing of comments; this tag adds the
thread and the "Leave a Reply" form, and decides whether the page has become
one reader's own.
"""

from django import template

from newsroom.http import mark_personal, varies_with_reader_cookies

from .. import cookies
from ..thread import discussion_context

register = template.Library()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, article):
    """The thread, the reader's pending comments and the form. The comments
    view re-renders the article page with its bound form as ``comment_form``."""
    request = context["request"]
    form = context.get("comment_form")
    section = discussion_context(request, article, form)
    varies_with_reader_cookies(request)
    if form is not None or cookies.has_reader_cookies(request):
        # The page carries the reader's own details: no shared cache may keep it.
        mark_personal(request)
    if request.COOKIES.get(cookies.NOTICE_COOKIE):
        cookies.notice_shown(request)
    return {"article": article, **section}
