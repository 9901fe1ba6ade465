import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Bare web addresses, found in the text as typed: found in escaped text, a
# closing quote ("&quot;") would end up inside the link (issue 10).
URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)


def _linked(paragraph: str) -> str:
    """The paragraph escaped, with its bare addresses made links."""
    html, end = [], 0
    for match in URL.finditer(paragraph):
        url = escape(match.group(0))
        html += [
            escape(paragraph[end : match.start()]),
            f'<a href="{url}" rel="nofollow ugc">{url}</a>',
        ]
        end = match.end()
    html.append(escape(paragraph[end:]))
    return "".join(html)


@register.filter
def comment_text(text: str) -> str:
    """Plain text to HTML: everything escaped, paragraphs and line breaks kept,
    bare URLs linked with rel="nofollow ugc"."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    html = []
    for paragraph in paragraphs:
        html.append("<p>" + _linked(paragraph).replace("\n", "<br>") + "</p>")
    return mark_safe("\n".join(html))
