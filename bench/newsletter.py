"""newsletter_render for `make bench` where the tree has no `manage.py
bench_newsletter` yet (bench/run.py prefers that command): messages built and
handed to the mail backend per second, through the worker's own delivery code.

    python -m bench.newsletter SECONDS

runs under the benchmark's environment with EMAIL_BACKEND=locmem and
NEWSLETTER_SEND_RATE=0 (bench/run.py sets both), queues an issue of the
default list to its confirmed subscribers, sends for SECONDS, and rolls it all
back: the data set is the same afterwards. Prints one JSON line.
"""

import json
import resource
import sys
import time

import django

django.setup()

from django.core import mail  # noqa: E402 (after django.setup())
from django.db import transaction  # noqa: E402

from newsletter import delivery  # noqa: E402
from newsletter.models import Issue, NewsletterList  # noqa: E402

BATCH = 50


def main(seconds: float) -> dict:
    newsletter = NewsletterList.objects.order_by("-is_default", "order", "pk").first()
    sent = 0
    with transaction.atomic():
        issue = Issue.objects.create(
            newsletter_list=newsletter,
            subject="This week in Azerbaijan",
            intro="The stories our readers followed most this week.",
        )
        recipients = delivery.queue_issue(issue=issue)
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            handled = delivery.send_pending_deliveries(issue_id=issue.pk, limit=BATCH)
            sent += len(getattr(mail, "outbox", []))
            mail.outbox = []  # the locmem backend's: keep memory for the messages to come
            if handled < BATCH:
                break
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    # The names manage.py bench_newsletter reports them under.
    return {
        "scenario": "newsletter_render",
        "subscribers": sent,
        "queued": recipients,
        "send_s": round(elapsed, 2),
        "messages_per_s": round(sent / elapsed, 1) if elapsed else 0.0,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(float(sys.argv[1]))))
