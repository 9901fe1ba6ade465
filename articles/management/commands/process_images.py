"""Queue the image work nothing is doing: uploads still waiting for the task
worker and images without renditions (a worker stopped mid-task, or rows written
by a script). Safe to run at any time: each task checks the row first."""

from django.core.management.base import BaseCommand

from articles import images, renditions, tasks


class Command(BaseCommand):
    help = "Queue (or, with --now, do here) the image work that is missing."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="do the work in this process")

    def handle(self, *args, now, **options):
        count = 0
        for model, row in renditions.rows_needing_work():
            field = model.image_field
            name = getattr(row, field).name
            if now:
                renditions.process_now(instance=row)
            elif images.is_incoming(name):
                tasks.publish_image.enqueue(model._meta.label, row.pk, field, name)
            else:
                tasks.build_image_renditions.enqueue(model._meta.label, row.pk, field, name)
            count += 1
        verb = "processed" if now else "queued"
        self.stdout.write(f"{count} image(s) {verb}.")
