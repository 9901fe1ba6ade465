"""Search result snippets: the words around a match, the matched words marked
(issue 11). PostgreSQL writes them with ``ts_headline`` (querysets.py); SQLite
has no such function, so ``plain_snippet`` does the same simply in Python.

Either way the text is the article's standfirst and body with the markup
stripped, and every character of it is escaped: only our own ``<mark>`` is
HTML. PostgreSQL marks matches with two private-use characters (removed from
the text beforehand), which are turned into ``<mark>`` after escaping.
"""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

MAX_SEARCH_TERMS = 8
MARK_START = "\ue000"
MARK_END = "\ue001"
SNIPPET_WORDS = 30
# Words shown before the first match, so that it reads in context.
WORDS_BEFORE = 8


def search_terms(query: str) -> list[str]:
    """The words SQLite's search looks for (at most ``MAX_SEARCH_TERMS``)."""
    terms = [term.strip("\"'") for term in query.split()][:MAX_SEARCH_TERMS]
    return [term for term in terms if term]


def attach_snippets(articles, query: str) -> None:
    """Gives each result of ``ArticleQuerySet.search`` its ``snippet`` (HTML)."""
    terms = search_terms(query)
    for article in articles:
        if hasattr(article, "snippet_text"):
            article.snippet = marked_html(article.snippet_text or "")
        else:
            text = plain_text(article.standfirst, article.snippet_body or "")
            article.snippet = plain_snippet(text, terms)


def marked_html(text: str) -> SafeString:
    """``ts_headline``'s text, whose matches sit between ``MARK_START`` and
    ``MARK_END``, as HTML. The text still holds the body's entities
    (``&amp;``), decoded before escaping so that they are not shown escaped
    twice; split first, so that no entity can forge a mark."""
    out, open_mark = [], False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", text):
        if piece == MARK_START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif piece == MARK_END and open_mark:
            out.append("</mark>")
            open_mark = False
        elif piece not in (MARK_START, MARK_END):
            # White space folded: the markup stripped leaves runs of it.
            out.append(escape(re.sub(r"\s+", " ", html.unescape(piece))))
    if open_mark:
        out.append("</mark>")
    return mark_safe("".join(out))  # every piece of text is escaped above


def plain_text(standfirst: str, body: str) -> str:
    """The text a snippet is cut from: the standfirst, then the body without
    its markup."""
    return html.unescape(f"{standfirst} {strip_tags(body.replace('<', ' <'))}")


def plain_snippet(text: str, terms: list[str], words: int = SNIPPET_WORDS) -> SafeString:
    """About ``words`` words of ``text`` around the first word that contains
    one of ``terms`` (ignoring case), every such word marked; the start of the
    text if none does. The equivalent of ``ts_headline`` where there is none."""
    tokens = text.split()
    folded = [term.casefold() for term in terms if term]

    def matches(token: str) -> bool:
        return any(term in token.casefold() for term in folded)

    first = next((n for n, token in enumerate(tokens) if matches(token)), None)
    start = 0 if first is None else max(0, min(first - WORDS_BEFORE, len(tokens) - words))
    shown = tokens[start : start + words]
    out = [f"<mark>{escape(token)}</mark>" if matches(token) else escape(token) for token in shown]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return mark_safe(prefix + " ".join(out) + suffix)  # every token is escaped above
