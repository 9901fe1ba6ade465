"""Build a large, realistic data set fast, for benchmarks and scale tests
(issue 9, "Data at scale"): each app generates its own rows, in the order of
INSTALLED_APPS (articles before the comments under them and the subscribers
beside them). An app takes part with a ``loaddata`` module that its
AppConfig (``newsroom.apps.SiteAppConfig``) calls by name: this command
imports no app.

Rows go in with bulk inserts (COPY on PostgreSQL), in one transaction: a
refused or failed run leaves nothing behind.
"""

import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from newsroom import page_cache


def is_production() -> bool:
    """The production settings module (newsroom/settings/production.py), or a
    deployment's own module named after it."""
    return "production" in (settings.SETTINGS_MODULE or "")


class Command(BaseCommand):
    help = "Generate articles, comments and subscribers in bulk, for benchmarks and scale tests."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="articles to add")
        parser.add_argument("--comments", type=int, default=10000, help="comments to add")
        parser.add_argument("--subscribers", type=int, default=1000, help="subscribers to add")
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same data")
        parser.add_argument("--batch-size", type=int, default=2000, help="rows per INSERT")
        parser.add_argument(
            "--append", action="store_true", help="add to generated data already present"
        )
        parser.add_argument(
            "--force", action="store_true", help="run even under the production settings"
        )

    def handle(self, *args, **options):
        if is_production() and not options["force"]:
            raise CommandError(
                "Refusing to generate load data under the production settings "
                f"({settings.SETTINGS_MODULE}); pass --force if this really is a test copy."
            )
        counts = {name: options[name] for name in ("articles", "comments", "subscribers")}
        if min(counts.values()) < 0 or options["batch_size"] < 1:
            raise CommandError("Counts cannot be negative, and a batch holds at least one row.")
        now = timezone.now().replace(microsecond=0)
        with transaction.atomic():
            for config in apps.get_app_configs():
                generate = getattr(config, "generate_load_data", None)
                if generate is None:
                    continue
                started = time.perf_counter()
                summary = generate(
                    now=now,
                    seed=options["seed"],
                    append=options["append"],
                    batch_size=options["batch_size"],
                    counts=counts,
                )
                if summary is not None and options["verbosity"] >= 1:
                    seconds = time.perf_counter() - started
                    self.stdout.write(
                        self.style.SUCCESS(f"{config.label}: {summary} in {seconds:.1f} s.")
                    )
            page_cache.clear()
        if connection.vendor == "postgresql":
            # Fresh statistics, so that the first benchmark after a load is
            # planned for the rows it holds rather than for an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
