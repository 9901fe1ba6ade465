"""The demo content that `make run` loads."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Author, Byline, Section
from comments.models import Comment


def snapshot():
    return (
        list(Article.objects.values_list("slug", "published_at", "lead_image").order_by("slug")),
        Section.objects.count(),
        Author.objects.count(),
        Byline.objects.count(),
        list(Comment.objects.values_list("article__slug", "body", "status").order_by("pk")),
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


def test_demo_desk_has_a_story_in_every_state_and_none_of_it_is_public(demo, client):
    """The admin's dashboard, calendar and queue have something to show on the first run."""
    desk = Article.objects.exclude(pk__in=Article.objects.published())
    states = {(a.status, a.published_at is not None) for a in desk}
    assert {
        ("planned", False),
        ("draft", False),
        ("review", False),
        ("published", True),  # scheduled: published with a time still to come
    } <= states
    scheduled = desk.get(status=Article.Status.PUBLISHED)
    assert scheduled.published_at > timezone.now()

    home = client.get("/").content.decode()
    for article in desk:
        assert article.headline not in home
        assert client.get(f"/2026/01/01/{article.slug}/").status_code == 404

    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    assert pending.count() >= 2
    page = client.get(pending[0].article.get_absolute_url()).content.decode()
    assert pending[0].body not in page


def test_load_demo_runs_again_weeks_later(demo):
    """make run loads the demo at every start: also once comments have closed."""
    import time_machine

    before = snapshot()
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        call_command("load_demo", verbosity=0)
    assert snapshot() == before
