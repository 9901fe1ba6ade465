from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from newsroom import privacy


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def load_demo(self, *, now) -> str:
        """Demo readers on the daily briefing and a draft issue to send them."""
        from .demo import load  # models are ready only once the apps are

        return load(now=now)

    def generate_load_data(self, *, now, seed, append, batch_size, counts) -> str:
        """Subscribers in bulk, for benchmarks and scale tests (manage.py generate_load_data)."""
        from .loaddata import generate  # models are ready only once the apps are

        return generate(
            now=now, seed=seed, append=append, batch_size=batch_size, count=counts["subscribers"]
        )

    def ready(self):
        from anymail.signals import tracking

        from .signals import handle_tracking_event

        tracking.connect(handle_tracking_event, dispatch_uid="newsletter-anymail-tracking")

        # Here, not at the top: they need the models, which are not loaded yet
        # when Django imports this module.
        from . import privacy as newsletter_data

        privacy.register(
            "newsletter",
            newsletter_data,
            export_permission="newsletter.view_subscriber",
            erase_permission="newsletter.delete_subscriber",
        )
