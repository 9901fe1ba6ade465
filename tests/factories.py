"""factory_boy factories for the articles app."""

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Byline, Section


def image_bytes(fmt="JPEG", size=(1200, 800), colour=(30, 90, 140), **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt, **save_options)
    return buffer.getvalue()


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    description = "Stories from around the country."
    order = factory.Sequence(lambda n: n)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    display_name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    bio = "Covers local government."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # A lead image is the task worker's once the row commits; the test's
        # transaction never does, so run that on-commit work as a commit would.
        with TestCase.captureOnCommitCallbacks(execute=True):
            article = super()._create(model_class, *args, **kwargs)
        article.refresh_from_db(fields=["lead_image", "lead_image_renditions"])
        return article

    headline = factory.Sequence(lambda n: f"Council approves plan number {n}")
    slug = factory.Sequence(lambda n: f"council-plan-{n}")
    standfirst = "The district council voted on Tuesday."
    body = (
        "<p>The council met on Tuesday.</p><blockquote><p>“We listened,” she said.</p></blockquote>"
    )
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
        )
        with_image = factory.Trait(
            lead_image=factory.LazyFunction(lambda: ContentFile(image_bytes(), name="lead.jpg")),
            lead_image_alt="Fishing boats in the harbour at dawn",
            lead_image_caption="The harbour at dawn.",
            lead_image_credit="Staff photographer",
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        Byline.objects.bulk_create(
            Byline(article=self, author=author, position=position)
            for position, author in enumerate(authors)
        )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
