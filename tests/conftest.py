import os
import shutil

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, TestCase

from newsroom import page_cache
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES, reason="needs PostgreSQL: run with DATABASE_URL=postgres://..."
)


@pytest.fixture(autouse=True, scope="session")
def _clean_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.IMAGE_UPLOADS_ROOT, ignore_errors=True)


@pytest.fixture
def section(db):
    return SectionFactory(name="Economy", slug="economy")


@pytest.fixture
def author(db):
    return AuthorFactory(display_name="Leyla Hasanova", slug="leyla-hasanova")


@pytest.fixture
def article(db, section, author):
    return ArticleFactory(
        headline="Ganja opens its new river bridge",
        slug="ganja-river-bridge",
        section=section,
        authors=[author],
        tags=["Ganja", "Transport"],
    )


@pytest.fixture
def demo(db):
    """The demo outlet that `make run` shows."""
    call_command("load_demo", verbosity=0)


def require_browser():
    """Browser tests skip locally without Chromium, but fail in CI (a missing install step)."""
    if not os.path.exists("/usr/bin/chromium"):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install it")
        pytest.skip("needs Debian's chromium (apt-get install -y chromium)")


class CommittingClient(Client):
    """Runs on-commit callbacks at the end of each request, as a real commit
    would, although pytest-django's test transaction never commits (so tasks
    enqueued on commit, like e-mails, really run)."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


def committed():
    """Wrap direct service calls whose on-commit work (enqueuing tasks) must run."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and stored pages live in the caches: every test starts with none."""
    for alias in settings.CACHES:
        caches[alias].clear()
    page_cache.forget_recent()
    # Content types by id, cached per process: a transactional test's flush
    # (or its serialized rollback) may give them other ids, and a stale one
    # breaks the next test's first tag (taggit's foreign key to it).
    ContentType.objects.clear_cache()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()
    page_cache.forget_recent()
