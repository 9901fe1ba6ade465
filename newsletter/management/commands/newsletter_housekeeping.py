"""Purge stale unconfirmed sign-ups, make sure every daily digest is scheduled,
resume any send a dead worker left half-done and start the watch that does so
every few minutes. Safe to run as often as you like; `make run` runs it at start."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter import signup
from newsletter.models import NewsletterList
from newsletter.tasks import resume_stalled_sends, schedule_digest, schedule_watch


class Command(BaseCommand):
    help = "Purge unconfirmed sign-ups, (re)schedule daily digests, resume stalled sends."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="purge pending after N days")

    def handle(self, *args, days, verbosity, **options):
        purged = signup.purge_unconfirmed(days=days)
        rescheduled = 0
        # A digest whose next run is long overdue lost its queued task (a wiped
        # task table, say): start its chain again.
        overdue = timezone.now() - timedelta(hours=1)
        for newsletter in NewsletterList.objects.filter(daily_digest=True):
            if newsletter.digest_next_at is None or newsletter.digest_next_at < overdue:
                schedule_digest(newsletter, force=True)
                rescheduled += 1
        resumed = resume_stalled_sends()
        schedule_watch()
        if verbosity >= 1:
            self.stdout.write(
                f"Newsletter: {purged} unconfirmed sign-up(s) purged, "
                f"{rescheduled} digest(s) scheduled, {len(resumed)} stalled send(s) resumed."
            )
