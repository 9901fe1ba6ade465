"""factory_boy factories for the newsletter app: lists, subscribers, issues."""

import factory
from django.utils import timezone

from newsletter.models import Issue, NewsletterList, Subscriber


class NewsletterListFactory(factory.django.DjangoModelFactory):
    """A list; with the slug of one the data migration creates, that one."""

    class Meta:
        model = NewsletterList
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"List {n}")
    slug = factory.Sequence(lambda n: f"list-{n}")
    order = factory.Sequence(lambda n: n)


class DailyBriefingFactory(NewsletterListFactory):
    """The list newsletter/migrations/0002_default_lists_and_group.py creates."""

    name = "Daily briefing"
    slug = "daily-briefing"
    description = (
        "The day's most important stories from Baku and the regions, every morning at seven."
    )
    is_default = True
    order = 1


class BreakingNewsFactory(NewsletterListFactory):
    """The list newsletter/migrations/0002_default_lists_and_group.py creates."""

    name = "Breaking news"
    slug = "breaking-news"
    description = "Only when something important happens: a few emails a month."
    order = 2


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber unless told otherwise; ``lists=[...]`` subscribes it."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True  # lists.set() saves what it changes

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyAttribute(
        lambda subscriber: (
            timezone.now() if subscriber.status == Subscriber.Status.CONFIRMED else None
        )
    )

    @factory.post_generation
    def lists(self, create, extracted, **kwargs):
        if create and extracted:
            self.lists.set(extracted)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    newsletter_list = factory.SubFactory(DailyBriefingFactory)
    subject = factory.Sequence(lambda n: f"Issue {n}")
