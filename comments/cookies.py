"""What a commenter's own browser remembers, in signed cookies.

Public pages are shared by every anonymous reader; only a reader who holds one
of these cookies gets a page of their own (marked private, never cached by a
shared cache): their saved name, email and website, their comments still
awaiting moderation, and a one-off notice after posting.
"""

import json

from django.conf import settings

from .models import Comment

AUTHOR_COOKIE = "comment_author"
MINE_COOKIE = "comment_mine"
NOTICE_COOKIE = "comment_notice"
AUTHOR_MAX_AGE = 365 * 24 * 3600
MINE_MAX_AGE = 30 * 24 * 3600
MINE_KEEP = 20
NOTICE_MAX_AGE = 300
_NOTICE_SHOWN = "_comment_notice_shown"


def has_reader_cookies(request) -> bool:
    return any(name in request.COOKIES for name in (AUTHOR_COOKIE, MINE_COOKIE, NOTICE_COOKIE))


def saved_author(request) -> dict:
    """The name, email and website of the comment the cookie names.

    The cookie holds only that comment's random key: a signed cookie is
    readable by whoever holds it (base64), and the address is not to be read
    off a shared computer's cookie jar (issue 10). Cookies set before hold the
    details themselves, and keep working until replaced."""
    raw = request.get_signed_cookie(AUTHOR_COOKIE, default=None, salt=AUTHOR_COOKIE)
    if not raw:
        return {}
    if len(raw) == 32 and raw.isalnum():
        comment = Comment.objects.filter(key=raw).only("name", "email", "url").first()
        data = {"name": comment.name, "email": comment.email, "url": comment.url} if comment else {}
    else:
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data.get(key, ""))[:254] for key in ("name", "email", "url")}


def remember_author(response, *, comment_key: str) -> None:
    """Remember the details typed with the comment ``comment_key`` (its hex key)."""
    _set(response, AUTHOR_COOKIE, comment_key, max_age=AUTHOR_MAX_AGE)


def forget_author(response) -> None:
    response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")


def my_comment_keys(request) -> list[str]:
    raw = request.get_signed_cookie(MINE_COOKIE, default="", salt=MINE_COOKIE)
    return [key for key in raw.split(",") if len(key) == 32][-MINE_KEEP:]


def remember_comment(request, response, key: str) -> None:
    keys = [*my_comment_keys(request), key][-MINE_KEEP:]
    _set(response, MINE_COOKIE, ",".join(keys), max_age=MINE_MAX_AGE)


def notice(request) -> str:
    return request.get_signed_cookie(
        NOTICE_COOKIE, default="", salt=NOTICE_COOKIE, max_age=NOTICE_MAX_AGE
    )


def set_notice(response, value: str) -> None:
    _set(response, NOTICE_COOKIE, value, max_age=NOTICE_MAX_AGE)


def clear_notice(response) -> None:
    response.delete_cookie(NOTICE_COOKIE, samesite="Lax")


def notice_shown(request) -> None:
    """The page being built shows the notice: NoticeCookieMiddleware clears it."""
    setattr(request, _NOTICE_SHOWN, True)


def was_notice_shown(request) -> bool:
    return getattr(request, _NOTICE_SHOWN, False)


def _set(response, name: str, value: str, *, max_age: int) -> None:
    """Signed with the cookie's own name as salt (one cookie's value is no good
    as another's), out of scripts' reach, and sent back on links from other
    sites (Lax) so a reader arriving from a search still sees their own page."""
    response.set_signed_cookie(
        name,
        value,
        salt=name,
        max_age=max_age,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
