import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import images
from articles.models import Section
from newsroom.templatetags.datetimes import iso_seconds

register = template.Library()


@register.filter
def responsive_images(body):
    """An article body (already sanitised) with its pictures served responsively."""
    return mark_safe(images.responsive_body(body))  # the body was sanitised on save


@register.inclusion_tag("includes/_picture.html")
def picture(pic, alt, sizes="100vw", eager=False, css_class=""):
    """A responsive <picture>: WebP with a JPEG fallback, intrinsic size to avoid
    layout shift, lazy loading unless the image is above the fold (``eager``)."""
    return {"pic": pic, "alt": alt, "sizes": sizes, "eager": eager, "css_class": css_class}


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def article_json_ld(article):
    """schema.org NewsArticle for search engines (https://schema.org/NewsArticle)."""
    site_url = settings.SITE_URL
    url = site_url + article.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline[:110],
        "description": article.description,
        "datePublished": iso_seconds(article.published_at),
        "dateModified": iso_seconds(article.updated_at or article.published_at),
        "articleSection": article.section.in_language("name", article.language),
        "inLanguage": article.language,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": [
            {
                "@type": "Person",
                "name": author.display_name,
                "url": site_url + author.get_absolute_url(),
            }
            for author in article.byline_authors
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": site_url + "/",
        },
        "isAccessibleForFree": True,
    }
    if article.picture:
        data["image"] = [article.picture.absolute_largest]
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.inclusion_tag("articles/_sections_nav.html", takes_context=True)
def sections_navigation(context):
    """The masthead's section links, the current section marked."""
    return {
        "request": context.get("request"),
        "current_section_slug": context.get("current_section_slug"),
        "nav_sections": Section.objects.in_navigation(),
    }
