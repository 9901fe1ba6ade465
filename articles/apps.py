from django.utils.translation import gettext_lazy as _

from newsroom.apps import SiteAppConfig


class ArticlesConfig(SiteAppConfig):
    default = True
    name = "articles"
    load_data_option = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from newsroom import page_cache

        from . import cache_tags, signals  # noqa: F401

        page_cache.register_bound(cache_tags.next_scheduled_change)
