"""Site-wide upkeep run on the periodic schedule (``PERIODIC_TASKS``)."""

from django.core.management import call_command
from django.tasks import task

# Finished task results are kept this long (for the admin's record), then pruned.
TASK_RESULTS_KEPT_DAYS = 14


@task
def prune_task_results() -> None:
    """Every task run leaves a row in the task backend's table (the digest check
    alone leaves 1,440 a day): keep two weeks of them."""
    call_command("prune_db_task_results", min_age_days=TASK_RESULTS_KEPT_DAYS, verbosity=0)
