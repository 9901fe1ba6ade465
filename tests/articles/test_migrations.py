"""Data migrations of the articles app, run on rows shaped as before them."""

import importlib

import pytest
from django.apps import apps

from articles.models import ArticleRevision
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

rename_snapshots = importlib.import_module("articles.migrations.0011_revision_snapshots_standfirst")


def test_old_revision_snapshots_get_the_standfirst_key_and_back(section):
    article = ArticleFactory(section=section)
    old = ArticleRevision.objects.create(
        article=article, data={"headline": "Harbour", "dek": "Ferries return."}
    )
    new = ArticleRevision.objects.create(
        article=article, data={"headline": "Harbour", "standfirst": "Already renamed."}
    )
    rename_snapshots.forwards(apps, None)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.data == {"headline": "Harbour", "standfirst": "Ferries return."}
    assert new.data == {"headline": "Harbour", "standfirst": "Already renamed."}
    rename_snapshots.backwards(apps, None)
    old.refresh_from_db()
    assert old.data == {"headline": "Harbour", "dek": "Ferries return."}
