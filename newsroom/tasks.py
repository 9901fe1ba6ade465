"""The site's periodic work, registered with django-crontask from the one
schedule in ``settings.PERIODIC_TASKS``.

``manage.py crontask`` imports every installed app's ``tasks`` module, this one
included, then enqueues each task on its crontab for the task worker to run.
The tasks are named by dotted path, so this package imports no app in its
code; the scheduler process loads them by name.
"""

from crontask import cron
from django.conf import settings
from django.tasks import Task
from django.utils.module_loading import import_string


def periodic_tasks() -> dict[Task, str]:
    """Each task of the schedule, with its crontab."""
    return {import_string(path): crontab for path, crontab in settings.PERIODIC_TASKS.items()}


def register_schedule() -> None:
    """Hand each task to crontask's scheduler on its crontab (once: at import)."""
    for periodic_task, crontab in periodic_tasks().items():
        cron(crontab)(periodic_task)


register_schedule()
