"""Clears the one-off notice ("Your comment is awaiting moderation") once a page has shown it.

A middleware because the page that shows the notice is the articles app's,
rendered by a view that knows nothing of comments, and the template tag that
shows it cannot reach the response. The tag marks the request instead, and
this deletes the cookie on the way out. "The request brought the cookie" would
not do as the test: the comment POST that sets a fresh notice brings the old one.
"""

from . import cookies


class NoticeCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if cookies.was_notice_shown(request):
            cookies.clear_notice(response)
        return response
