import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Bare web addresses in already-escaped text (so "&" is "&amp;" here).
URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)


def _link(match: re.Match) -> str:
    url = match.group(0)
    return f'<a href="{url}" rel="nofollow ugc">{url}</a>'


@register.filter
def comment_text(text: str) -> str:
    """Plain text to HTML: everything escaped, paragraphs and line breaks kept,
    bare URLs linked with rel="nofollow ugc"."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    html = []
    for paragraph in paragraphs:
        escaped = URL.sub(_link, escape(paragraph))
        html.append("<p>" + escaped.replace("\n", "<br>") + "</p>")
    return mark_safe("\n".join(html))
