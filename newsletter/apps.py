from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from anymail.signals import tracking

        from .signals import handle_tracking_event

        tracking.connect(handle_tracking_event, dispatch_uid="newsletter-anymail-tracking")

        from newsroom import privacy

        from . import privacy as newsletter_data

        privacy.register(
            privacy.PersonalDataKind(
                name="newsletter",
                export=newsletter_data.export_personal_data,
                erase=newsletter_data.erase_personal_data,
                export_permission="newsletter.view_subscriber",
                erase_permission="newsletter.delete_subscriber",
            )
        )
