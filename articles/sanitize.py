"""The allow-list for article bodies. Whatever an editor or a pasted document
sends, only these tags and attributes reach the database (and so the page)."""

import posixpath
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3
from django.conf import settings
from django.utils.html import strip_tags

from newsroom.links import absolute

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "blockquote", "cite", "q", "ul", "ol", "li", "a", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# What nh3 leaves of an image whose address was refused.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_IMG_OPEN = re.compile(r"<img ")


def is_own_image(src: str) -> bool:
    """Images in a body must be our own uploads: a picture from another site
    (Google Docs pastes bring googleusercontent.com ones) would tell that site
    who reads what, and we promise readers no third-party request.

    The path is judged as the server will see it: percent-decoded (more than
    once, for "%252e") and without dot segments, so that
    ``/media/%2e%2e/admin/logout/`` is not taken for an upload (issue 10)."""
    for prefix in (settings.MEDIA_URL, absolute(settings.MEDIA_URL)):
        if src.startswith(prefix) and not src.startswith("//"):
            path = _decoded(urlsplit(src).path)
            media = urlsplit(prefix).path
            return (
                "\\" not in path
                and "\x00" not in path
                and posixpath.normpath(path) + ("/" if path.endswith("/") else "") == path
                and path.startswith(media)
                and ".." not in path
            )
    return False


def _decoded(path: str) -> str:
    for _round in range(3):
        decoded = unquote(path)
        if decoded == path:
            return path
        path = decoded
    return path + "%"  # still encoded after three rounds: never a plain file name


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_own_image(value):
        return None
    return value


def sanitize_html(html: str) -> str:
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )
    cleaned = _IMG_WITHOUT_SRC.sub("", cleaned)
    # Body images lazy-load: they are never the first thing on the page. (Added
    # here rather than by nh3, whose added attributes come in no fixed order.)
    return _IMG_OPEN.sub('<img loading="lazy" ', cleaned).strip()


def html_to_text(html: str) -> str:
    """Plain text of a body, for descriptions, feeds and the SQLite search."""
    return " ".join(unescape(strip_tags(html or "")).split())


class _ImageAltCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.missing = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.missing += 1


def images_without_alt(html: str) -> int:
    """How many images in a body have no alt text (the admin form refuses them)."""
    counter = _ImageAltCounter()
    counter.feed(html or "")
    return counter.missing
