"""Site-wide upkeep run on the periodic schedule (``PERIODIC_TASKS``)."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.management import call_command
from django.tasks import task
from django.utils import timezone

# Finished task results are kept this long (for the admin's record), then pruned.
TASK_RESULTS_KEPT_DAYS = 14


@task
def prune_task_results() -> None:
    """Every task run leaves a row in the task backend's table (the digest check
    alone leaves 1,440 a day): keep two weeks of them."""
    call_command("prune_db_task_results", min_age_days=TASK_RESULTS_KEPT_DAYS, verbosity=0)


@task
def prune_sign_in_records() -> None:
    """django-axes keeps a row per admin sign-in (who, when, from which address
    and browser) and per failing account and address: the sign-ins for
    LOGIN_LOG_RETENTION_DAYS, failures only while they can still count."""
    now = timezone.now()
    AccessLog.objects.filter(
        attempt_time__lt=now - timedelta(days=settings.LOGIN_LOG_RETENTION_DAYS)
    ).delete()
    AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME).delete()
