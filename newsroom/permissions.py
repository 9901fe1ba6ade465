"""Permissions for the data migrations that give the newsroom's roles theirs."""

from django.contrib.auth.management import create_permissions


def make_permissions(apps, *labels: str) -> None:
    """Create the permissions of these apps (all apps when none are named) now.

    Django creates permissions after the last migration (post_migrate), but a
    migration that grants them to a group needs them at once. create_permissions
    skips apps whose ``models_module`` is unset, as it is in a migration's app
    registry; it is set for the call and put back as it was, because tests call
    these migrations with the real registry, where clearing it would stop
    Django from ever creating permissions and content types again.
    """
    for app_config in apps.get_app_configs():
        if labels and app_config.label not in labels:
            continue
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = previous
