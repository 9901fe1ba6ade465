"""Erase commenters' IP addresses (and browser strings) older than N days.
Safe to run as often as you like; run it daily from cron in production."""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments import personal_data


class Command(BaseCommand):
    help = "Erase IP addresses of comments older than COMMENTS_IP_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.COMMENTS_IP_RETENTION_DAYS)

    def handle(self, *args, days, verbosity, **options):
        erased = personal_data.erase_old_ips(days=days)
        if verbosity >= 1:
            self.stdout.write(
                f"Erased the IP address of {erased} comment(s) older than {days} days."
            )
