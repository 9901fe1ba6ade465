"""Helpers the apps' load-data generators share (`manage.py generate_load_data`):
fast inserts that keep the times the generator chose, times skewed towards the
present, a long-tailed choice, and the mark that tells generated rows apart.

Imports no app: each app generates its own rows in its own ``loaddata`` module.
"""

import math
import random
import uuid
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import batched

from django.core.management.base import CommandError
from django.db import connection, models

# Generated people write from this reserved domain (RFC 2606: `.example` never
# resolves), so generated comments and subscribers are found again by address
# and no mail ever reaches a real inbox.
GENERATED_DOMAIN = "generated.example"


def refuse_twice(*, present: bool, what: str, append: bool) -> None:
    """A second run piles a second data set on the first: only on purpose."""
    if present and not append:
        raise CommandError(
            f"The database already holds generated {what}: pass --append to add more."
        )


@contextmanager
def keeping_timestamps(model: type[models.Model]):
    """bulk_create() stamps auto_now/auto_now_add fields with the current time;
    generated rows need the times spread over years, so those fields take the
    value given for the duration (the fields are restored, whatever happens)."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    try:
        for field in fields:
            field.auto_now = field.auto_now_add = False
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def bulk_insert(model: type[models.Model], rows: Iterable, *, batch_size: int) -> int:
    """Insert model instances in batches, without save() or signals; returns the
    number inserted. Every instance gets its primary key, for rows that point at it.
    PostgreSQL takes them through COPY (row triggers still run: the search
    vector is filled); elsewhere bulk_create()."""
    total = 0
    with keeping_timestamps(model):
        for batch in batched(rows, batch_size):
            if connection.vendor == "postgresql":
                copy(model, batch)
            else:
                model.objects.bulk_create(batch)
            total += len(batch)
    return total


def copy(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """COPY the instances into the model's table (no SQL to build or parse for
    each batch), with primary keys drawn from the table's sequence first."""
    meta, quote = model._meta, connection.ops.quote_name
    fields = meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(meta.db_table), meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as stream:
            for obj in objs:
                # Takes the keys of related instances saved since they were assigned.
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
                stream.write_row([database_value(obj, field) for field in fields])


# Values COPY takes as they are; converting them through their field (a million
# calls for a million comments) was a third of the generator's time.
PLAIN = (str, int, float, bool, datetime, uuid.UUID, type(None))


def database_value(obj: models.Model, field: models.Field):
    value = getattr(obj, field.attname)
    return value if type(value) in PLAIN else field.get_db_prep_save(value, connection)


def recent_moment(rng: random.Random, *, now: datetime, span: timedelta) -> datetime:
    """A time within `span` before `now`, denser towards `now` (as a news
    archive is: each year holds more stories than the one before)."""
    return (now - span * rng.random() ** 2).replace(microsecond=0)


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    """Cumulative weights for rng.choices(): the first few items are common, the
    rest a long tail."""
    total, cumulative = 0.0, []
    for rank in range(1, count + 1):
        total += 1 / math.pow(rank, exponent)
        cumulative.append(total)
    return cumulative


def pick(rng: random.Random, items: Sequence, cum_weights: list[float]):
    return rng.choices(items, cum_weights=cum_weights)[0]


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from the generator, so that a seed repeats it."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def app_random(seed: int, label: str, start: int) -> random.Random:
    """Each app's own stream: the rows of one app do not change when another
    app is asked for more, and an appended run differs from the first."""
    return random.Random(f"{seed}:{label}:{start}")  # noqa: S311 (test data, not secrets)
