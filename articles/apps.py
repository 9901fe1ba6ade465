from django.utils.translation import gettext_lazy as _

from newsroom.apps import SiteAppConfig


class ArticlesConfig(SiteAppConfig):
    default = True
    name = "articles"
    load_data_option = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from . import signals  # noqa: F401
