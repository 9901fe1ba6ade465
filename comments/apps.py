from django.utils.translation import gettext_lazy as _

from newsroom import page_cache
from newsroom.apps import SiteAppConfig


class CommentsConfig(SiteAppConfig):
    default = True
    name = "comments"
    load_data_option = "comments"
    verbose_name = _("Comments")

    def ready(self):
        # Here, not at the top: they need the models, which are not loaded yet
        # when Django imports this module (the privacy registry records in the
        # audit trail).
        from newsroom import privacy

        from . import cookies, personal_data, signals  # noqa: F401
        from .cache_tags import next_closing

        # Comments hold IP addresses and browser strings: only those who may
        # delete comments (chief editors) handle them.
        permission = "comments.delete_comment"
        privacy.register(
            "comments", personal_data, export_permission=permission, erase_permission=permission
        )
        # A commenter's cookies make the article page their own; and a page's
        # comment form closes by itself when the article is old enough.
        page_cache.register_bypass_cookies(
            cookies.AUTHOR_COOKIE, cookies.MINE_COOKIE, cookies.NOTICE_COOKIE
        )
        page_cache.register_bound(next_closing)
