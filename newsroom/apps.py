from importlib import import_module

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig
from django_tasks_db.apps import TasksAppConfig
from taggit.apps import TaggitAppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import page_cache

        # A deploy migrates: pages stored by the previous code are not served by the new.
        post_migrate.connect(
            lambda **kwargs: page_cache.clear(), sender=self, dispatch_uid="clear-page-cache"
        )


class SiteAppConfig(AppConfig):
    """The AppConfig of each of the site's apps: how an app takes part in the
    site-wide commands without newsroom/ importing it.

    - ``manage.py load_demo``: the app's ``demo`` module, ``load(*, now)``.
    - ``manage.py generate_load_data``: the app's ``loaddata`` module,
      ``generate(*, now, seed, append, batch_size, count)``, given the count of
      the command's option named by ``load_data_option``.

    Each returns a one-line summary; an app without the module takes no part.
    """

    # Not an app's config itself: Django must not pick it from the apps.py
    # modules that import it (each app's own config sets default = True).
    default = False
    load_data_option: str | None = None

    def load_demo(self, *, now) -> str | None:
        if not module_has_submodule(self.module, "demo"):
            return None
        return import_module(f"{self.name}.demo").load(now=now)

    def generate_load_data(self, *, now, seed, append, batch_size, counts) -> str | None:
        if self.load_data_option is None:
            return None
        return import_module(f"{self.name}.loaddata").generate(
            now=now,
            seed=seed,
            append=append,
            batch_size=batch_size,
            count=counts[self.load_data_option],
        )


class TagsConfig(TaggitAppConfig):
    """taggit under the name the desk knows it by (the admin index said "Taggit")."""

    verbose_name = _("Tags")


class BackgroundTasksConfig(TasksAppConfig):
    """The task queue's results, named for the newsroom ("Tasks Database Backend"
    in the admin index otherwise). Same label: its migrations are unchanged."""

    verbose_name = _("Background tasks")


class SignInAttemptsConfig(AxesAppConfig):
    """django-axes's records of sign-ins ("Axes" in the admin index otherwise)."""

    verbose_name = _("Sign-in attempts")


class AuthenticatorAppsConfig(TOTPAppConfig):
    """django-otp's authenticator apps ("Otp_Totp" in the admin index otherwise)."""

    verbose_name = _("Two-factor devices")
