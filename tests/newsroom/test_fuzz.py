"""Property and fuzz tests (issue 10): generated hostile input, a bounded
number of examples each so the suite stays quick."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.sanitize import ALLOWED_TAGS, sanitize_html

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}
QUICK = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces attackers combine: tags, event handlers, URL schemes (with the
# encodings that fool naive filters), style tricks.
TAGS = st.sampled_from(
    ["script", "img", "a", "svg", "iframe", "style", "p", "math", "object", "embed", "form",
     "SCRIPT", "ScRiPt", "base", "meta", "link", "details", "video", "table"]
)  # fmt: skip
ATTRS = st.sampled_from(
    ["onerror", "onload", "onclick", "OnMouseOver", "href", "src", "style", "formaction",
     "srcdoc", "xlink:href", "background", "action", "data", "title", "alt"]
)  # fmt: skip
VALUES = st.sampled_from(
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
     "&#106;avascript:alert(1)", "data:text/html,<script>alert(1)</script>",
     "vbscript:x", "expression(alert(1))", "url(javascript:x)", "/media/a.jpg",
     "https://example.org/", "alert(1)", "\"><script>alert(1)</script>"]
)  # fmt: skip


@st.composite
def hostile_html(draw):
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(TAGS)
        attrs = " ".join(f'{draw(ATTRS)}="{draw(VALUES)}"' for _ in range(draw(st.integers(0, 3))))
        inner = draw(st.one_of(st.text(max_size=20), VALUES))
        parts.append(f"<{tag} {attrs}>{inner}</{tag}>")
        parts.append(draw(st.text(max_size=10)))
    return "".join(parts)


class _Elements(HTMLParser):
    """The tags and attributes a browser would see in the output."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def elements(html: str) -> list:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


@QUICK
@given(hostile_html())
def test_the_sanitiser_never_lets_an_attack_through(html):
    clean = sanitize_html(html)
    for tag, attrs in elements(clean):
        assert tag in ALLOWED_TAGS, clean
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", clean
            if name not in ("href", "src", "cite"):
                continue  # a title or alt is text, never followed
            plain = re.sub(r"[\x00-\x20]", "", value or "").lower()
            assert not plain.startswith(("javascript:", "data:", "vbscript:")), clean
    # Sanitising is stable: the output is its own clean form.
    assert sanitize_html(clean) == clean


FIELD_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=50).map(lambda s: s * 200),
    st.just("9" * 5000),
    st.just("\x00"),
    st.just("\u202e\u200b"),
)


def _post(client, path, fields, *, raw_bytes=None):
    if raw_bytes is not None:
        return client.post(
            path, raw_bytes, content_type="application/x-www-form-urlencoded", headers=SAME_ORIGIN
        )
    return client.post(path, fields, headers=SAME_ORIGIN)


@pytest.fixture
def story(db):
    from tests.factories import ArticleFactory

    return ArticleFactory()


@QUICK
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "body",
                "name",
                "email",
                "url",
                "parent",
                "article",
                "elapsed",
                "notify",
                "save_author",
                "hp_trap",
            ]
        ),
        st.lists(FIELD_TEXT, min_size=1, max_size=3),
        max_size=10,
    ),
    raw=st.one_of(st.none(), st.binary(max_size=300)),
)
def test_the_comment_form_never_answers_5xx(story, fields, raw):
    data = {"article": [str(story.pk)], **fields}
    response = _post(Client(), "/comments/post/", data, raw_bytes=raw)
    assert response.status_code < 500


@QUICK
@given(
    fields=st.dictionaries(
        st.sampled_from(["email", "lists", "source", "website", "choice"]),
        st.lists(FIELD_TEXT, min_size=1, max_size=3),
        max_size=5,
    ),
    raw=st.one_of(st.none(), st.binary(max_size=300)),
)
def test_the_signup_form_never_answers_5xx(db, fields, raw):
    response = _post(Client(), "/newsletter/subscribe/", fields, raw_bytes=raw)
    assert response.status_code < 500


PATHS = ["/", "/search/", "/section/x/", "/tag/x/", "/author/x/", "/newsletter/", "/sitemap.xml",
         "/feed/", "/privacy/", "/comments/1/report/", "/newsletter/confirm/x/",
         "/newsletter/preferences/x/", "/comments/notifications/stop/x/"]  # fmt: skip
JUNK = st.lists(
    st.sampled_from([*"%/.;?&=#+\\~ab9١\u202e\x00ü", "%00", "%ff", "%2e", "..", "//"]),
    max_size=30,
).map("".join)


@QUICK
@given(path=st.sampled_from(PATHS), tail=JUNK, query=JUNK)
def test_public_urls_with_malformed_paths_and_queries_answer_below_500(db, path, tail, query):
    for url in (path + tail, f"{path}?{query}", f"{path}?page={query}&q={query}&cpage={query}"):
        response = Client().get(url)
        assert response.status_code < 500, url
