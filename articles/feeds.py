"""RSS feeds. Every link is absolute and built from SITE_URL, so the feed is
the same bytes whatever Host header the request came with."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.links import absolute

from .models import Article, Section

FEED_ITEMS = 20


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    description_template = None

    # The outlet's name and tagline in the feed's language, as on its pages
    # (newsroom/context_processors.py).
    def title(self, obj=None):
        return gettext(settings.SITE_NAME)

    def description(self, obj=None):
        return gettext(settings.SITE_TAGLINE)

    def link(self, obj=None):
        return absolute(reverse("articles:home"))

    def feed_url(self, obj=None):
        return absolute(reverse("feed"))

    def articles(self, obj=None):
        return Article.objects.published().in_language().for_page()

    def items(self, obj=None):
        return self.articles(obj)[:FEED_ITEMS]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at

    def item_author_name(self, item):
        return ", ".join(author.display_name for author in item.byline_authors) or None

    def item_categories(self, item):
        return [item.section.local_name, *(tag.name for tag in item.tags.all())]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return _("%(site)s: %(section)s") % {
            "site": gettext(settings.SITE_NAME),
            "section": obj.local_name,
        }

    def description(self, obj=None):
        return obj.local_description or gettext(settings.SITE_TAGLINE)

    def link(self, obj=None):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj=None):
        return absolute(reverse("section_feed", kwargs={"slug": obj.slug}))

    def articles(self, obj=None):
        return super().articles(obj).filter(section=obj)
