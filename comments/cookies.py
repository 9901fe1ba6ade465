"""What a commenter's own browser remembers, in signed cookies.

Public pages are shared by every anonymous reader; only a reader who holds one
of these cookies gets a page of their own (marked private, never cached by a
shared cache): their saved name, email and website, their comments still
awaiting moderation, and a one-off notice after posting.
"""

import json

from django.conf import settings

AUTHOR_COOKIE = "comment_author"
MINE_COOKIE = "comment_mine"
NOTICE_COOKIE = "comment_notice"
AUTHOR_MAX_AGE = 365 * 24 * 3600
MINE_MAX_AGE = 30 * 24 * 3600
MINE_KEEP = 20
_NOTICE_SHOWN = "_comment_notice_shown"


def has_reader_cookies(request) -> bool:
    return any(name in request.COOKIES for name in (AUTHOR_COOKIE, MINE_COOKIE, NOTICE_COOKIE))


def saved_author(request) -> dict:
    raw = request.get_signed_cookie(AUTHOR_COOKIE, default=None, salt=AUTHOR_COOKIE)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {key: str(data.get(key, ""))[:254] for key in ("name", "email", "url")}


def remember_author(response, *, name: str, email: str, url: str) -> None:
    response.set_signed_cookie(
        AUTHOR_COOKIE,
        json.dumps({"name": name, "email": email, "url": url}),
        salt=AUTHOR_COOKIE,
        max_age=AUTHOR_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=_secure(response),
    )


def forget_author(response) -> None:
    response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")


def my_comment_keys(request) -> list[str]:
    raw = request.get_signed_cookie(MINE_COOKIE, default="", salt=MINE_COOKIE)
    return [key for key in raw.split(",") if len(key) == 32][-MINE_KEEP:]


def remember_comment(request, response, key: str) -> None:
    keys = [*my_comment_keys(request), key][-MINE_KEEP:]
    response.set_signed_cookie(
        MINE_COOKIE,
        ",".join(keys),
        salt=MINE_COOKIE,
        max_age=MINE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=_secure(response),
    )


def notice(request) -> str:
    return request.get_signed_cookie(NOTICE_COOKIE, default="", salt=NOTICE_COOKIE, max_age=300)


def set_notice(response, value: str) -> None:
    response.set_signed_cookie(
        NOTICE_COOKIE,
        value,
        salt=NOTICE_COOKIE,
        max_age=300,
        httponly=True,
        samesite="Lax",
        secure=_secure(response),
    )


def clear_notice(response) -> None:
    response.delete_cookie(NOTICE_COOKIE, samesite="Lax")


def notice_shown(request) -> None:
    """The page being built shows the notice: NoticeCookieMiddleware clears it."""
    setattr(request, _NOTICE_SHOWN, True)


def was_notice_shown(request) -> bool:
    return getattr(request, _NOTICE_SHOWN, False)


def _secure(response) -> bool:
    return settings.SESSION_COOKIE_SECURE
