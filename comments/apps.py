from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from newsroom import privacy


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def load_demo(self, *, now) -> str:
        """Threads under the demo articles and comments awaiting moderation."""
        from .demo import load  # models are ready only once the apps are

        return load(now=now)

    def generate_load_data(self, *, now, seed, append, batch_size, counts) -> str:
        """Comments in bulk, for benchmarks and scale tests (manage.py generate_load_data)."""
        from .loaddata import generate  # models are ready only once the apps are

        return generate(
            now=now, seed=seed, append=append, batch_size=batch_size, count=counts["comments"]
        )

    def ready(self):
        # Here, not at the top: it needs the models, which are not loaded yet
        # when Django imports this module.
        from . import personal_data

        # Comments hold IP addresses and browser strings: only those who may
        # delete comments (chief editors) handle them.
        permission = "comments.delete_comment"
        privacy.register(
            "comments", personal_data, export_permission=permission, erase_permission=permission
        )
