"""`manage.py bench_newsletter`, the newsletter_render scenario of `make bench`:
its output is what the benchmark reads, and it leaves the database as it was."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from newsletter.models import Delivery, Issue, NewsletterList, Subscriber
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_it_sends_to_n_readers_and_reports_json(section):
    ArticleFactory(section=section)
    before = (NewsletterList.objects.count(), Subscriber.objects.count())
    out = io.StringIO()
    call_command("bench_newsletter", subscribers=30, stdout=out)
    report = json.loads(out.getvalue())
    assert report["scenario"] == "newsletter_render"
    assert report["subscribers"] == 30
    assert report["messages_per_s"] > 0 and report["build_only_per_s"] > 0
    assert report["message_bytes"] > 1000 and report["peak_rss_mib"] > 0
    assert (NewsletterList.objects.count(), Subscriber.objects.count()) == before
    assert not Issue.objects.exists() and not Delivery.objects.exists()


def test_it_needs_published_articles():
    with pytest.raises(CommandError, match="No published articles"):
        call_command("bench_newsletter", subscribers=5, stdout=io.StringIO())
