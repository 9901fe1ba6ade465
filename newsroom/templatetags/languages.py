"""The language switcher and the hreflang links of a public page
(newsroom/i18n.py says which versions a page has)."""

from django import template
from django.conf import settings
from django.utils import translation

from newsroom import i18n

register = template.Library()


@register.inclusion_tag("includes/_language_links.html", takes_context=True)
def alternate_languages(context):
    """``<link rel="alternate" hreflang>`` for every version of the page, and
    x-default; nothing for a page that exists in one language only."""
    versions = i18n.page_versions(context)
    request = context.get("request")
    deep = request is not None and request.GET.get("page", "1") != "1"
    # A list's later pages have no counterpart in the other languages.
    if len(versions) < 2 or deep:
        return {"links": []}
    links = [(code, versions[code]) for code in i18n.enabled_languages() if code in versions]
    links.append(("x-default", i18n.x_default(versions)))
    return {"links": links, "SITE_URL": settings.SITE_URL}


@register.inclusion_tag("includes/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the other languages: to this page's version in each when it has
    one, to that language's home page otherwise. Plain links, so the switcher
    works without JavaScript and the page stays the same for every reader."""
    versions = i18n.page_versions(context)
    current = translation.get_language()
    choices = []
    for code in i18n.enabled_languages():
        info = translation.get_language_info(code)
        choices.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": versions.get(code) or i18n.home_url(code),
                "current": code == current,
                "translated": code in versions,
            }
        )
    return {"choices": choices if len(choices) > 1 else []}
