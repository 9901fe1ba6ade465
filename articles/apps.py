from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from . import signals  # noqa: F401

    def load_demo(self, *, now) -> str:
        """Sections, authors, published stories and the desk (manage.py load_demo)."""
        from .demo import load  # models are ready only once the apps are

        return load(now=now)
