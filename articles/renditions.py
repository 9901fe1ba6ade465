"""The task worker's side of uploaded images (``images.py`` has the web's):
publish a stashed upload, build its renditions, delete files nothing uses.

Each step reads the row again, and writes only under its lock and only if the
row still holds the image the step was asked about: a step run twice, or for an
image replaced in the meantime, changes nothing (it deletes what it wrote
itself, which nothing links).
"""

import contextlib
import os
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.fields.json import KT

from . import images
from .models import Article, ArticleRevision, Author, BodyImage


def _image(row, field: str) -> tuple[str, dict]:
    return getattr(row, field).name or "", getattr(row, f"{field}_renditions") or {}


def _locked(model: type[models.Model], pk: int):
    return model._default_manager.select_for_update().filter(pk=pk).first()


def publish_upload(*, model: type[models.Model], pk: int, field: str, incoming: str) -> str:
    """Re-encode a stashed upload into public storage and put it on the row in
    place of the previous image, whose files are deleted once that commits.
    Pages show the new original at once, at a safe size, until its renditions
    exist. Returns the published name ("" when there was nothing to do)."""
    row = model._default_manager.filter(pk=pk).first()
    if row is None or _image(row, field)[0] != incoming:
        return ""
    try:
        with images.incoming_storage().open(incoming) as source:
            result = images.reencode(source, PurePosixPath(incoming).name)
    except ValidationError as error:
        _keep_previous(model=model, pk=pk, field=field, incoming=incoming, error=error.messages[0])
        return ""
    with result.file:
        published = default_storage.save(
            getattr(row, field).field.generate_filename(row, result.filename), result.file
        )
    with transaction.atomic():
        row = _locked(model, pk)
        if row is None or _image(row, field)[0] != incoming:
            transaction.on_commit(lambda: delete_unused([published]))
            return ""
        obsolete = [*images.files_of("", _image(row, field)[1]), incoming]
        setattr(row, field, published)
        setattr(
            row,
            f"{field}_renditions",
            {"original": published, "width": result.width, "height": result.height, "sources": {}},
        )
        row.save(update_fields=[field, f"{field}_renditions"])
        transaction.on_commit(lambda: delete_unused(obsolete))
    return published


def _keep_previous(*, model, pk: int, field: str, incoming: str, error: str) -> None:
    """An upload that passed the web's header checks but does not decode: the
    row goes back to its previous image, and the admin shows why."""
    with transaction.atomic():
        row = _locked(model, pk)
        if row is None or _image(row, field)[0] != incoming:
            return
        previous = _image(row, field)[1]
        setattr(row, field, previous.get("original", ""))
        setattr(row, f"{field}_renditions", {**previous, "error": str(error)})
        row.save(update_fields=[field, f"{field}_renditions"])
        transaction.on_commit(lambda: delete_unused([incoming]))


def build_missing_renditions(*, model: type[models.Model], pk: int, field: str, name: str) -> bool:
    """Build the renditions of the row's stored original ``name``, unless it
    has them already or holds another image by now. True if it built them."""
    row = model._default_manager.filter(pk=pk).first()
    if row is None or _image(row, field)[0] != name or images.is_incoming(name):
        return False
    if (_image(row, field)[1].get("sources") or {}).get("jpeg"):
        return False
    try:
        built = images.build_renditions(name)
    except FileNotFoundError:
        return False  # replaced, and its files deleted, while this ran
    with transaction.atomic():
        row = _locked(model, pk)
        current_name, current = _image(row, field) if row else ("", {})
        if current_name != name or (current.get("sources") or {}).get("jpeg"):
            if current_name != name:
                made = images.files_of("", {"sources": built["sources"]})
                transaction.on_commit(lambda: delete_unused(made))
            return False
        setattr(row, f"{field}_renditions", built)
        row.save(update_fields=[f"{field}_renditions"])
    return True


def is_linked(fragment: str) -> bool:
    """Whether an article body links a stored file, now or in a revision:
    bodies link body images' renditions by address, and restoring a revision
    brings its body back. (A revision's lead image is recorded, never restored:
    see ``revisions.RECORDED_ONLY``.)"""
    return (
        Article.objects.filter(body__contains=fragment).exists()
        or ArticleRevision.objects.alias(body=KT("data__body"))
        .filter(body__contains=fragment)
        .exists()
    )


def in_use(name: str) -> bool:
    """Whether a row still shows the image ``name``: the versions of a story in
    several languages share their lead image's files (issue 12)."""
    return any(
        model._default_manager.filter(**{model.image_field: name}).exists()
        for model in (Article, Author, BodyImage)
    )


def delete_unused(names: list[str]) -> int:
    """Delete the files of one image that no row uses any more, unless a row
    still shows it or an article body links any of them: then they all stay (a
    body links the largest rendition and the page asks for every width; the
    original stays to rebuild them from). Returns how many were deleted."""
    incoming = images.incoming_storage()
    public = []
    for name in names:
        if images.is_incoming(name):
            incoming.delete(name)  # never served, so never linked
            _remove_empty_folder(incoming, str(PurePosixPath(name).parent))
        else:
            public.append(name)
    folders = {
        f"{PurePosixPath(name).parent}/" for name in public if name.startswith("renditions/")
    }
    fragments = folders | {name for name in public if not name.startswith("renditions/")}
    originals = [name for name in public if not name.startswith("renditions/")]
    if any(map(in_use, originals)) or any(is_linked(fragment) for fragment in sorted(fragments)):
        return 0
    for name in public:
        default_storage.delete(name)
    for folder in folders:
        _remove_empty_folder(default_storage, folder)
    return len(public)


def _remove_empty_folder(storage, folder: str) -> None:
    # Object storage has no folders, and its storage has no local path
    # (NotImplementedError); a folder still holding files is kept (OSError).
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(storage.path(folder))


def rows_needing_work():
    """(model, row) for every image the worker still has to publish or build."""
    for model in (Article, Author, BodyImage):
        field = model.image_field
        rows = model._default_manager.exclude(**{field: ""}).only(
            "pk", field, f"{field}_renditions"
        )
        for row in rows.iterator():
            name, state = _image(row, field)
            if images.is_incoming(name) or not (state.get("sources") or {}).get("jpeg"):
                yield model, row


def process_now(*, instance) -> None:
    """Do a row's image work here and now (the demo loader and
    ``manage.py process_images --now``: command-line work, not a request)."""
    model, field = type(instance), instance.image_field
    name = _image(instance, field)[0]
    if images.is_incoming(name):
        name = publish_upload(model=model, pk=instance.pk, field=field, incoming=name)
    if name:
        build_missing_renditions(model=model, pk=instance.pk, field=field, name=name)
    instance.refresh_from_db(fields=[field, f"{field}_renditions"])
