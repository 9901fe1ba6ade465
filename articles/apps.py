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

    def generate_load_data(self, *, now, seed, append, batch_size, counts) -> str:
        """Articles in bulk, for benchmarks and scale tests (manage.py generate_load_data)."""
        from .loaddata import generate  # models are ready only once the apps are

        return generate(
            now=now, seed=seed, append=append, batch_size=batch_size, count=counts["articles"]
        )
