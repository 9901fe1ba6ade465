"""The site's periodic work runs from one declared schedule (PERIODIC_TASKS),
which django-crontask's scheduler loads through newsroom/tasks.py."""

from collections import Counter
from datetime import timedelta

import crontask
import pytest
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

import newsroom.tasks

EXPECTED = {
    "newsletter.tasks.send_due_digests",
    "newsletter.tasks.watch_sends",
    "newsletter.tasks.purge_pending_signups",
    "comments.tasks.erase_expired_ips",
    "comments.tasks.send_moderation_digests",
    "newsroom.maintenance.prune_task_results",
    "newsroom.maintenance.prune_sign_in_records",
}


def test_the_schedule_holds_all_the_periodic_work():
    assert set(settings.PERIODIC_TASKS) == EXPECTED


@pytest.mark.parametrize(("path", "crontab"), sorted(settings.PERIODIC_TASKS.items()))
def test_every_scheduled_path_is_a_task_and_every_crontab_parses(path, crontab):
    assert isinstance(import_string(path), Task)
    trigger = CronTrigger.from_crontab(crontab, timezone=timezone.get_default_timezone())
    assert trigger.get_next_fire_time(None, timezone.now()) is not None
    # crontask refuses numbered days of the week (their meaning depends on the locale).
    assert not any(char.isdigit() for char in crontab.split()[-1])


def test_the_scheduler_holds_each_task_once():
    assert newsroom.tasks.periodic_tasks().keys() == {
        import_string(path) for path in settings.PERIODIC_TASKS
    }
    jobs = Counter(job.name for job in crontask.scheduler.get_jobs())
    for path in settings.PERIODIC_TASKS:
        assert jobs[import_string(path).name] == 1, path


def test_the_digest_task_runs_every_minute_so_each_list_goes_out_at_its_own_time():
    job = next(j for j in crontask.scheduler.get_jobs() if j.name == "send_due_digests")
    first = job.trigger.get_next_fire_time(None, timezone.now())
    following = job.trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    assert following - first == timedelta(minutes=1)
