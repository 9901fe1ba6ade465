"""The site's periodic work, registered with django-crontask from the one
schedule in ``settings.PERIODIC_TASKS``.

``manage.py crontask`` imports every installed app's ``tasks`` module, this one
included, then enqueues each task on its crontab for the task worker to run.
The tasks are named by dotted path, so this package imports no app.
"""

from crontask import cron
from django.conf import settings
from django.core.management import call_command
from django.tasks import Task, task
from django.utils.module_loading import import_string

# Finished task results are kept this long (for the admin's record), then pruned.
TASK_RESULTS_KEPT_DAYS = 14


@task
def prune_task_results() -> None:
    """Every task run leaves a row in the task backend's table (the digest check
    alone leaves 1,440 a day): keep two weeks of them."""
    call_command("prune_db_task_results", min_age_days=TASK_RESULTS_KEPT_DAYS, verbosity=0)


def periodic_tasks() -> dict[Task, str]:
    """Each task of the schedule, with its crontab."""
    return {import_string(path): crontab for path, crontab in settings.PERIODIC_TASKS.items()}


def register_schedule() -> None:
    """Hand each task to crontask's scheduler on its crontab (once: at import)."""
    for periodic_task, crontab in periodic_tasks().items():
        cron(crontab)(periodic_task)


register_schedule()
