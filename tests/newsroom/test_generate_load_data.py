"""`manage.py generate_load_data` (issue 9, "Data at scale"): the counts asked
for, realistic enough that every public page works on it with the queries
pinned in tests/articles/test_queries.py, repeatable with a seed, and safe to
run by mistake."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q
from django.test import override_settings

from articles.models import Article, Byline, Section
from comments.models import Comment
from newsletter.models import NewsletterList, Subscriber
from tests.articles.test_queries import (
    FEEDS_AND_SITEMAPS,
    PAGE_CACHE_BOUND,
    PAGES,
    count_queries,
)
from tests.conftest import postgres_only

pytestmark = pytest.mark.django_db

SIZE = {"articles": 300, "comments": 1500, "subscribers": 120}


def generate(**options):
    call_command("generate_load_data", verbosity=0, **{"seed": 3, **SIZE, **options})


@pytest.fixture
def generated(db):
    generate()


def most_commented() -> Article:
    return Article.objects.published().order_by("-comment_count").first()


def test_creates_the_counts_asked_for(generated):
    assert Article.objects.count() == SIZE["articles"]
    assert Comment.objects.count() == SIZE["comments"]
    assert Subscriber.objects.count() == SIZE["subscribers"]


def test_the_data_looks_like_a_newsroom(generated):
    """The demo's sections and a few dozen authors; one to three bylines; tags
    with a long tail; a desk of unpublished stories; threads with replies,
    some held or spam, on recent stories; subscribers mostly confirmed."""
    assert set(Section.objects.values_list("slug", flat=True)) == {
        "politics",
        "economy",
        "regions",
        "culture",
        "sport",
    }
    per_article = Byline.objects.values("article").annotate(n=Count("pk"))
    assert {row["n"] for row in per_article} <= {1, 2, 3}
    assert per_article.count() == SIZE["articles"]
    assert 20 <= Byline.objects.values("author").distinct().count() <= 40
    assert Article.objects.exclude(status=Article.Status.PUBLISHED).exists()
    body = Article.objects.first().body
    assert body.count("<p>") >= 4
    assert Article.objects.values("headline").distinct().count() > SIZE["articles"] * 0.9
    per_tag = Article.tags.through.objects.values("tag").annotate(n=Count("pk"))
    tag_use = sorted(per_tag.values_list("n", flat=True))
    assert tag_use[-1] >= 10 * tag_use[0]  # a few common tags, a long tail of rare ones
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert {Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM} <= statuses
    assert Comment.objects.filter(depth=2).exists()
    newest = Article.objects.published().order_by("-published_at")[:30]
    oldest = Article.objects.published().order_by("published_at")[:30]
    assert sum(a.comment_count for a in newest) > 3 * sum(a.comment_count for a in oldest)
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count()
    assert confirmed > 0.7 * SIZE["subscribers"]
    default = NewsletterList.objects.get(is_default=True)
    assert default.subscribers.count() > 0.8 * SIZE["subscribers"]


def test_comment_counts_match_the_approved_comments(generated):
    approved = Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
    wrong = Article.objects.annotate(approved=approved).exclude(comment_count=F("approved"))
    assert not wrong.exists()
    assert most_commented().comment_count > 10


def test_replies_belong_to_their_conversation_so_paged_articles_show_them(client, generated):
    """Bulk inserts skip Comment.save(): the generator sets each reply's thread
    itself, or the article page (which fetches a page of threads by
    conversation) would drop every reply."""
    replies = Comment.objects.filter(parent__isnull=False)
    assert replies.exists()
    assert not replies.filter(thread__isnull=True).exists()
    assert not replies.filter(thread__parent__isnull=False).exists(), "thread is the top"
    reply = replies.filter(status=Comment.Status.APPROVED, parent__parent__isnull=True).first()
    page = client.get(reply.get_absolute_url())
    assert f'id="comment-{reply.pk}"'.encode() in page.content


def page_urls() -> dict[str, str]:
    """The pinned pages of tests/articles/test_queries.py, pointed at generated data."""
    article = most_commented()
    tag = article.tags.first()
    fill = {"author": article.byline_authors[0].slug, "article": article.get_absolute_url()}
    urls = {}
    for url in [*PAGES, *FEEDS_AND_SITEMAPS]:
        urls[url] = (
            url.format(**fill)
            .replace("/section/s0/", f"/section/{article.section.slug}/")
            .replace("/tag/tag0/", f"/tag/{tag.slug}/")
        )
    return urls


def test_public_pages_answer_on_generated_data(client, generated):
    article = most_commented()
    deep = f"{article.section.get_absolute_url()}?page=4"
    for url in ["/", deep, "/search/?q=council", "/feed/", "/sitemap.xml", *page_urls().values()]:
        assert client.get(url).status_code == 200, url
    page = client.get(article.get_absolute_url()).content.decode()
    shown = article.comments.approved().filter(depth=0).first()
    assert shown.body.split(".")[0] in page


def test_query_counts_stay_pinned_on_generated_data(client, generated):
    pinned = PAGES | FEEDS_AND_SITEMAPS
    for key, url in page_urls().items():
        assert count_queries(client, url) == pinned[key] + PAGE_CACHE_BOUND, url


def test_refuses_to_add_to_generated_data_unless_appending(generated):
    with pytest.raises(CommandError, match="--append"):
        generate()
    assert Article.objects.count() == SIZE["articles"]
    generate(append=True, comments=10, subscribers=5)
    assert Article.objects.count() == 2 * SIZE["articles"]
    assert Comment.objects.count() == SIZE["comments"] + 10
    assert Subscriber.objects.count() == SIZE["subscribers"] + 5


def test_refuses_the_production_settings_unless_forced(db):
    small = {"articles": 3, "comments": 2, "subscribers": 1}
    with override_settings(SETTINGS_MODULE="newsroom.settings.production"):
        with pytest.raises(CommandError, match="production"):
            generate(**small)
        assert not Article.objects.exists()
        generate(force=True, **small)
    assert Article.objects.count() == 3


def test_the_same_seed_gives_the_same_data(db):
    def snapshot():
        return (
            list(Article.objects.order_by("pk").values_list("slug", "status", "section__slug")),
            list(Comment.objects.order_by("pk").values_list("name", "body", "status", "depth")),
            list(Subscriber.objects.order_by("pk").values_list("email", "status", "key")),
        )

    generate(seed=11)
    first = snapshot()
    Comment.objects.all().delete()
    Article.objects.all().delete()
    Subscriber.objects.all().delete()
    generate(seed=11)
    assert snapshot() == first


@postgres_only
def test_search_vectors_are_filled_on_postgres(generated):
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert Article.objects.published().search("council").exists()
