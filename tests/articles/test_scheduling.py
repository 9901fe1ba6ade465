"""Scheduled articles appear by themselves when their time comes: no cron, no
worker, nothing to miss (WordPress's "missed schedule")."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_scheduled_article_appears_when_its_time_passes(client, section):
    publish_at = timezone.now() + timedelta(hours=3)
    article = ArticleFactory(
        headline="Embargoed budget story", section=section, published_at=publish_at
    )
    url = article.get_absolute_url()

    with time_machine.travel(publish_at - timedelta(minutes=1), tick=False):
        assert client.get(url).status_code == 404
        assert "Embargoed budget story" not in client.get("/").content.decode()
        assert "Embargoed budget story" not in client.get("/feed/").content.decode()

    with time_machine.travel(publish_at + timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 200
        assert "Embargoed budget story" in client.get("/").content.decode()
        assert "Embargoed budget story" in client.get("/feed/").content.decode()
        assert "Embargoed budget story" in client.get("/sitemap-news.xml").content.decode()
