"""The roles' data migrations can be run again (tests do, after a flush)
without breaking Django's own creation of permissions."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group


def test_running_the_roles_migration_keeps_the_app_registry_whole(db):
    before = {config.label: config.models_module for config in apps.get_app_configs()}
    importlib.import_module("articles.migrations.0005_roles").forwards(apps, None)
    after = {config.label: config.models_module for config in apps.get_app_configs()}
    # Cleared, they would make post_migrate skip every app: no permissions, no
    # content types after the next flush.
    assert after == before
    assert Group.objects.get(name="Reporter").permissions.filter(codename="add_article").exists()
