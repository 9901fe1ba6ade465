from django.utils.translation import gettext_lazy as _

from newsroom.apps import SiteAppConfig


class NewsletterConfig(SiteAppConfig):
    default = True
    name = "newsletter"
    load_data_option = "subscribers"
    verbose_name = _("Newsletter")

    def ready(self):
        from anymail.signals import tracking

        from .signals import handle_tracking_event

        tracking.connect(handle_tracking_event, dispatch_uid="newsletter-anymail-tracking")

        # Here, not at the top: they need the models, which are not loaded yet
        # when Django imports this module (the registry records in the audit trail).
        from newsroom import privacy

        from . import privacy as newsletter_data

        privacy.register(
            "newsletter",
            newsletter_data,
            export_permission="newsletter.view_subscriber",
            erase_permission="newsletter.delete_subscriber",
        )
