from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def load_demo(self, *, now) -> str:
        """Threads under the demo articles and comments awaiting moderation."""
        from .demo import load  # models are ready only once the apps are

        return load(now=now)

    def ready(self):
        from newsroom import privacy

        from . import services

        privacy.register(
            privacy.PersonalDataKind(
                name="comments",
                export=services.export_personal_data,
                erase=services.erase_personal_data,
                # Comments hold IP addresses and browser strings: only those who
                # may delete comments (chief editors) handle them.
                export_permission="comments.delete_comment",
                erase_permission="comments.delete_comment",
            )
        )
