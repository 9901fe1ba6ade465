"""Load the demo outlet that `make run` shows: each app loads its own demo
content, in the order of INSTALLED_APPS (articles before the comments under
them). An app takes part with a ``demo`` module that its AppConfig
(``newsroom.apps.SiteAppConfig``) loads by name: this command imports no app.

Safe to run again: every app's loader only adds what is missing.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from newsroom import page_cache


class Command(BaseCommand):
    help = "Load the demo outlet: each app's own demo content (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now().replace(second=0, microsecond=0)
        for config in apps.get_app_configs():
            load = getattr(config, "load_demo", None)
            if load is None:
                continue
            summary = load(now=now)
            if summary is not None and options["verbosity"] >= 1:
                self.stdout.write(self.style.SUCCESS(f"Demo {config.label}: {summary}."))
        page_cache.clear()
