"""Measure the public pages: time per request, queries and memory (`make bench`).

Runs in-process through Django's test client against the configured database,
so it measures our code (views, queries, templates), not a network stack.
"""

import gc
import resource
import statistics
import time
import tracemalloc

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings

from articles.models import Article


class Command(BaseCommand):
    help = "Benchmark the public pages on the current database (load the demo first)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="requests per page")

    def handle(self, *args, requests, **options):
        article = Article.objects.published().order_by("-published_at").first()
        if article is None:
            raise CommandError("No published articles: run `manage.py load_demo` first.")
        author = article.byline_authors[0]
        tag = article.tags.first()
        pages = {
            "home": "/",
            "article": article.get_absolute_url(),
            "section": article.section.get_absolute_url(),
            "tag": f"/tag/{tag.slug}/",
            "author": author.get_absolute_url(),
            "search": "/search/?q=Baku",
            "feed": "/feed/",
            "sitemap": "/sitemap-articles.xml",
        }
        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1"
        client = Client(HTTP_HOST=host)
        self.stdout.write(
            f"{connection.vendor}, {Article.objects.published().count()} published articles, "
            f"{requests} requests per page, DEBUG={settings.DEBUG}"
        )
        self.stdout.write(
            f"{'page':<10}{'median ms':>10}{'p95 ms':>9}{'req/s':>8}{'queries':>9}"
            f"{'KiB peak':>10}{'bytes':>9}"
        )
        with override_settings(DEBUG=True):  # to count queries
            for name, url in pages.items():
                self.measure(client, name, url, requests)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"process max RSS: {rss:.0f} MiB")

    def measure(self, client, name, url, requests):
        for _ in range(10):
            response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        reset_queries()
        client.get(url)
        queries = len(connection.queries)
        gc.collect()
        tracemalloc.start()
        client.get(url)
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
        timings = []
        for _ in range(requests):
            reset_queries()
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        median = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        self.stdout.write(
            f"{name:<10}{median:>10.2f}{p95:>9.2f}{1000 / median:>8.0f}{queries:>9}"
            f"{peak:>10.0f}{len(response.content):>9}"
        )
