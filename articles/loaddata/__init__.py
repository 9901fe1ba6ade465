"""Generated articles for benchmarks and scale tests (`manage.py
generate_load_data`): the demo's sections, a few dozen authors, one to three
bylines, tags from a long-tailed vocabulary, publication times spread over
years with more recent stories, and a few scheduled, draft, in-review and
unpublished ones. No lead images: picture processing is not what is measured.

Generated articles end their slug in ``-g<number>``: that is how a second run
finds them (and numbers on after them with --append). On PostgreSQL the search
trigger (migration 0002) fills the search vector of every inserted row.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles.demo.content import SECTIONS
from articles.models import Article, Author, Byline, Section
from articles.slugs import slugify_headline
from newsroom.loaddata import (
    app_random,
    bulk_insert,
    pick,
    recent_moment,
    refuse_twice,
    zipf_weights,
)

from .words import FIRST_NAMES, PLACES, SURNAMES, Writer, tag_vocabulary

SLUG_MARK = r"-g[0-9]+$"
AUTHORS = 36
ARCHIVE = timedelta(days=365 * 6)
Status = Article.Status


def generate(*, now, seed: int, append: bool, batch_size: int, count: int) -> str:
    generated = Article.objects.filter(slug__regex=SLUG_MARK)
    refuse_twice(present=generated.exists(), what="articles", append=append)
    slugs = generated.values_list("slug", flat=True)
    start = 1 + max((int(slug.rsplit("-g", 1)[1]) for slug in slugs), default=0)
    rng = app_random(seed, "articles", start)
    sections = ensure_sections()
    authors = ensure_authors(sections)
    tags = ensure_tags()
    tag_weights = zipf_weights(len(tags))
    writer = Writer(rng)
    content_type = ContentType.objects.get_for_model(Article)
    made = bylines = tagged = 0
    for first in range(start, start + count, batch_size):
        numbers = range(first, min(first + batch_size, start + count))
        stories = [make_article(rng, writer, now, n, sections) for n in numbers]
        articles = [article for article, _place in stories]
        made += bulk_insert(Article, articles, batch_size=batch_size)
        bylines += bulk_insert(Byline, make_bylines(rng, articles, authors), batch_size=batch_size)
        tagged += bulk_insert(
            TaggedItem,
            make_tags(rng, stories, tags, tag_weights, content_type),
            batch_size=batch_size,
        )
    return f"{made} articles, {bylines} bylines, {tagged} tags on them"


def ensure_sections() -> list[Section]:
    """The demo's sections, created if missing (as the demo would)."""
    for order, data in enumerate(SECTIONS, start=1):
        Section.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data["description"], "order": order},
        )
    return list(Section.objects.filter(slug__in=[data["slug"] for data in SECTIONS]))


def ensure_authors(sections: list[Section]) -> dict[int, list[Author]]:
    """A few dozen reporters, each at home in one section (the same ones on every run)."""
    names = [f"{first} {last}" for last in SURNAMES for first in FIRST_NAMES][::7][:AUTHORS]
    by_section: dict[int, list[Author]] = {section.pk: [] for section in sections}
    for index, name in enumerate(names):
        author, _ = Author.objects.get_or_create(
            slug=slugify(name), defaults={"display_name": name, "bio": f"{name} reports."}
        )
        by_section[sections[index % len(sections)].pk].append(author)
    return by_section


def ensure_tags() -> list[Tag]:
    """The vocabulary's tags, most common first; ones already present are reused."""
    names = tag_vocabulary()
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name, slug=slugify(name)) for name in names if name not in existing]
    Tag.objects.bulk_create(missing)
    existing |= {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return [existing[name] for name in names]


def make_article(rng, writer: Writer, now, number: int, sections: list[Section]):
    """(article, the place it is about): the place is also its first tag."""
    section = rng.choice(sections)
    place = rng.choice(PLACES)
    headline, standfirst, body = writer.story(section.slug, place)
    status, published_at, planned_for = publication(rng, now)
    updated_at = None
    if published_at and published_at < now and rng.random() < 0.08:
        updated_at = min(now, published_at + timedelta(minutes=rng.randint(20, 2880)))
    recent = published_at is not None and now - timedelta(days=2) < published_at <= now
    created_at = (published_at or now) - timedelta(minutes=rng.randint(30, 4320))
    return Article(
        headline=headline,
        slug=f"{slugify_headline(headline, max_length=180)}-g{number}",
        standfirst=standfirst,
        body=body,
        section=section,
        status=status,
        published_at=published_at,
        updated_at=updated_at,
        planned_for=planned_for,
        is_featured=recent and rng.random() < 0.3,
        priority=rng.randint(0, 100) if recent else 0,
        comments_enabled=rng.random() < 0.97,
        created_at=min(created_at, now),
        modified_at=updated_at or published_at or now,
    ), place


def publication(rng, now):
    """(status, published_at, planned_for): mostly published stories, and a
    desk's worth of scheduled, draft, in-review and unpublished ones."""
    roll = rng.random()
    if roll < 0.005:  # scheduled: published, with a time still to come
        return Status.PUBLISHED, now + timedelta(minutes=5 * rng.randint(1, 2000)), None
    if roll < 0.015:
        planned = now + timedelta(hours=rng.randint(1, 240))
        return rng.choice([Status.DRAFT, Status.PLANNED, Status.REVIEW]), None, planned
    published_at = recent_moment(rng, now=now, span=ARCHIVE)
    if roll < 0.02:
        return Status.UNPUBLISHED, published_at, None
    return Status.PUBLISHED, published_at, None


def make_bylines(rng, articles, authors: dict[int, list[Author]]):
    everyone = [author for group in authors.values() for author in group]
    for article in articles:
        count = rng.choices([1, 2, 3], weights=[80, 18, 2])[0]
        # Mostly the section's own reporters, sometimes a colleague from another desk.
        pool = authors[article.section_id] if rng.random() < 0.7 else everyone
        chosen = rng.sample(pool, min(count, len(pool)))
        for position, author in enumerate(chosen):
            yield Byline(article=article, author=author, position=position)


def make_tags(rng, stories, tags: list[Tag], weights: list[float], content_type):
    by_name = {tag.name: tag for tag in tags}
    for article, place in stories:
        chosen = {by_name[place]}
        for _ in range(rng.randint(1, 3)):
            chosen.add(pick(rng, tags, weights))
        for tag in chosen:
            yield TaggedItem(tag=tag, content_type=content_type, object_id=article.pk)
