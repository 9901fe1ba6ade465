"""Measure sending a newsletter issue at scale (issue 9, "Newsletter at scale";
the ``newsletter_render`` scenario of ``make bench``).

Sends one issue to ``--subscribers`` confirmed readers of a list of its own
through the real sending path (delivery rows queued, then claimed, built,
handed to the mail backend and marked sent, batch after batch), with Django's
locmem backend (its outbox emptied after every batch, as a mail server would
take the messages away) and no pause between e-mails (NEWSLETTER_SEND_RATE=0).
Then builds the messages of the first 10,000 readers again without the delivery
rows, to show what building alone costs. Prints one JSON object; see README.md, "Newsletters".
"""

import email.policy
import json
import resource
import time
from datetime import timedelta
from itertools import batched

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from articles.models import Article
from newsletter import delivery
from newsletter.issues import RenderedIssue, issue_articles
from newsletter.models import Issue, NewsletterList, Subscriber

BENCH_LIST = "benchmark"
# RFC 2606: never a real inbox.
BENCH_DOMAIN = "bench.example"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
BUILD_SAMPLE = 10_000


def is_production() -> bool:
    return "production" in (settings.SETTINGS_MODULE or "")


def max_rss_mib() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Benchmark sending one newsletter issue to N subscribers (prints JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=int, default=10_000, help="recipients")
        parser.add_argument("--articles", type=int, default=10, help="articles in the issue")
        parser.add_argument(
            "--keep-subscribers",
            action="store_true",
            help="keep the benchmark's list and readers for the next run (faster set-up)",
        )
        parser.add_argument(
            "--force", action="store_true", help="run even under the production settings"
        )

    def handle(self, *args, subscribers, articles, keep_subscribers, force, **options):
        if is_production() and not force:
            raise CommandError(
                "Refusing to add benchmark subscribers under the production settings "
                f"({settings.SETTINGS_MODULE}); pass --force if this really is a test copy."
            )
        if subscribers < 1 or not 1 <= articles <= 50:
            raise CommandError("Give at least one subscriber and 1 to 50 articles.")
        if not Article.objects.published().exists():
            raise CommandError(
                "No published articles: run `manage.py load_demo` or `generate_load_data` first."
            )
        started = time.perf_counter()
        newsletter = self.readers(subscribers)
        issue = Issue.objects.create(
            newsletter_list=newsletter,
            subject="Benchmark issue",
            preheader="The latest stories",
            intro="Good morning.",
            auto_articles=articles,
        )
        setup_seconds = time.perf_counter() - started
        try:
            report = self.send(issue)
        finally:
            issue.delete()
            if not keep_subscribers:
                self.remove_readers(newsletter)
        report["setup_s"] = round(setup_seconds, 1)
        self.stdout.write(json.dumps(report))

    def send(self, issue: Issue) -> dict:
        overrides = {
            "MAILERS": {"default": {"BACKEND": LOCMEM}},
            "NEWSLETTER_SEND_RATE": 0,
            # As in production: the development settings' DEBUG logs every query.
            "DEBUG": False,
        }
        with override_settings(**overrides):
            mail.outbox = []
            rss_before = max_rss_mib()
            started = time.perf_counter()
            queued = delivery.queue_issue(issue=issue)
            queue_seconds = time.perf_counter() - started
            rss_queued = max_rss_mib()
            sent, message_bytes = 0, 0
            started = time.perf_counter()
            while handled := delivery.send_pending_deliveries(
                issue_id=issue.pk, limit=settings.NEWSLETTER_BATCH_SIZE
            ):
                if not message_bytes and mail.outbox:
                    message_bytes = len(mail.outbox[0].message().as_bytes())
                sent += handled
                mail.outbox.clear()
            send_seconds = time.perf_counter() - started
            rss_after = max_rss_mib()
        if sent != queued:
            raise CommandError(f"{queued} deliveries queued but {sent} handled.")
        personalise_seconds, build_seconds = self.build_only(issue)
        sample = min(sent, BUILD_SAMPLE)
        return {
            "scenario": "newsletter_render",
            "database": connection.vendor,
            "subscribers": sent,
            "articles": issue.articles.count(),
            "batch_size": settings.NEWSLETTER_BATCH_SIZE,
            "queue_s": round(queue_seconds, 2),
            "send_s": round(send_seconds, 2),
            "messages_per_s": round(sent / send_seconds, 1),
            "personalise_per_s": round(sample / personalise_seconds, 1),
            "build_only_per_s": round(sample / build_seconds, 1),
            "message_bytes": message_bytes,
            "rss_before_mib": round(rss_before, 1),
            "queue_rss_growth_mib": round(rss_queued - rss_before, 1),
            "send_rss_growth_mib": round(rss_after - rss_queued, 1),
            "peak_rss_mib": round(rss_after, 1),
        }

    def build_only(self, issue: Issue) -> tuple[float, float]:
        """Seconds to build the first BUILD_SAMPLE readers' messages without the delivery rows:
        (our part alone: the issue rendered and each copy personalised; and that
        plus serialising each as the SMTP backend would)."""
        recipients = Subscriber.objects.filter(lists=issue.newsletter_list).only("email", "key")
        # Each message costs the same; the first readers tell it as well as all.
        recipients = recipients.order_by("pk")[:BUILD_SAMPLE]
        timings = []
        for serialise in (False, True):
            started = time.perf_counter()
            rendered = RenderedIssue(issue, issue_articles(issue))
            for subscriber in recipients.iterator(chunk_size=2000):
                message = rendered.message(subscriber)
                if serialise:
                    message.message(policy=email.policy.SMTP).as_bytes()
            timings.append(time.perf_counter() - started)
        return timings[0], timings[1]

    def readers(self, count: int) -> NewsletterList:
        """The benchmark's own list with exactly ``count`` confirmed readers, not
        offered on the site; readers from an earlier --keep-subscribers run are
        reused."""
        newsletter, _ = NewsletterList.objects.get_or_create(
            slug=BENCH_LIST,
            defaults={"name": "Benchmark (manage.py bench_newsletter)", "is_public": False},
        )
        ours = Subscriber.objects.filter(email__endswith=f"@{BENCH_DOMAIN}")
        present = ours.count()
        if present > count:
            surplus = ours.order_by("-pk").values("pk")[: present - count]
            Subscriber.objects.filter(pk__in=list(surplus.values_list("pk", flat=True))).delete()
        Membership = Subscriber.lists.through
        confirmed_at = timezone.now() - timedelta(days=1)
        with transaction.atomic():
            for numbers in batched(range(present, count), 2000):
                made = Subscriber.objects.bulk_create(
                    Subscriber(
                        email=f"reader{n}@{BENCH_DOMAIN}",
                        status=Subscriber.Status.CONFIRMED,
                        confirmed_at=confirmed_at,
                    )
                    for n in numbers
                )
                Membership.objects.bulk_create(
                    Membership(subscriber_id=s.pk, newsletterlist_id=newsletter.pk) for s in made
                )
        return newsletter

    def remove_readers(self, newsletter: NewsletterList) -> None:
        Subscriber.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
        newsletter.delete()
