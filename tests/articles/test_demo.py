"""The demo content that `make run` loads."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Author, Byline, Section


def snapshot():
    return (
        list(Article.objects.values_list("slug", "published_at", "lead_image").order_by("slug")),
        Section.objects.count(),
        Author.objects.count(),
        Byline.objects.count(),
    )


def test_load_demo_is_idempotent_and_recent(demo, client):
    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before

    published = Article.objects.published()
    assert published.count() >= 12
    assert all(a.lead_image_renditions for a in published)
    assert published.filter(published_at__gte=timezone.now() - timedelta(hours=48)).exists()
    assert published.filter(is_featured=True).exists()
    assert published.filter(bylines__position=1).exists(), "some articles have two bylines"

    home = client.get("/").content.decode()
    for article in published.order_by("-published_at")[:5]:
        assert article.headline in home or article.get_absolute_url() in home
