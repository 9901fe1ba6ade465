"""Work done by the task worker for articles: uploaded images (issue 9), so a
web worker never decodes a 40-megapixel picture. ``signals.py`` enqueues these
once the upload's transaction commits; ``manage.py process_images`` enqueues
whatever a lost task left undone. Each is safe to run twice."""

from functools import partial

from django.apps import apps
from django.db import transaction
from django.tasks import task

from . import renditions


@task
def publish_image(model_label: str, pk: int, field: str, incoming: str) -> str:
    """Re-encode a stashed upload and show it; then its renditions are built."""
    published = renditions.publish_upload(
        model=apps.get_model(model_label), pk=pk, field=field, incoming=incoming
    )
    if published:
        transaction.on_commit(
            partial(build_image_renditions.enqueue, model_label, pk, field, published)
        )
    return published


@task
def build_image_renditions(model_label: str, pk: int, field: str, name: str) -> bool:
    """The WebP and JPEG renditions of a published original, one at a time."""
    return renditions.build_missing_renditions(
        model=apps.get_model(model_label), pk=pk, field=field, name=name
    )


@task
def delete_image_files(names: list[str]) -> int:
    """Files a replaced or removed image left behind, unless a body links them."""
    return renditions.delete_unused(names)
