"""factory_boy factories for the comments app (see tests/factories.py for articles).

Comments made here skip the posting rules (the judge, the rate limit, the
mails): for tests whose subject is elsewhere, such as the moderation queue.
Tests of posting itself go through the form (conftest.post_comment).
"""

import factory

from comments.models import Comment, CommentReport
from comments.services import refresh_comment_count
from tests.factories import ArticleFactory


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment
        skip_postgeneration_save = True

    parent = None
    # A reply is on its parent's article, one level deeper.
    article = factory.Maybe(
        "parent",
        yes_declaration=factory.SelfAttribute("parent.article"),
        no_declaration=factory.SubFactory(ArticleFactory),
    )
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 0)
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = factory.Sequence(lambda n: f"Comment number {n}")
    status = Comment.Status.APPROVED
    fingerprint = factory.LazyAttribute(
        lambda c: Comment.make_fingerprint(email=c.email, body=c.body)
    )

    class Params:
        pending = factory.Trait(status=Comment.Status.PENDING, held_because="first comment")
        spam = factory.Trait(status=Comment.Status.SPAM)
        trashed = factory.Trait(status=Comment.Status.TRASH)

    @factory.post_generation
    def counted(self, create, extracted, **kwargs):
        """Keep the article's comment count right, as the services do."""
        if create and self.status == Comment.Status.APPROVED:
            refresh_comment_count(self.article_id)


class CommentReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentReport

    comment = factory.SubFactory(CommentFactory)
    reason = "Off topic"
