from django.utils.translation import gettext_lazy as _

from newsroom import privacy
from newsroom.apps import SiteAppConfig


class CommentsConfig(SiteAppConfig):
    default = True
    name = "comments"
    load_data_option = "comments"
    verbose_name = _("Comments")

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
