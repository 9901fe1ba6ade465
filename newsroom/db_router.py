"""Public pages read from a read replica (``DATABASE_REPLICA_URL``); everything
else, and anything that could see its own writes missing, uses the primary.

A replica lags its primary by a moment, so it may only answer reads that
nobody has just written: the public pages every anonymous reader gets alike
(the URL names in ``DATABASE_REPLICA_PAGES``). The middleware opens the
replica for such a request, and only a GET or HEAD that carries no cookie (a
signed-in editor's session, a commenter's cookies: people who have just
written and must see it). Within that request, a read inside a transaction
and every read after the request's first write (any statement but a SELECT
on the primary) go to the primary. The admin,
the task worker, the scheduler and management commands never open it.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"


@dataclass
class _Request:
    replica_allowed: bool = False
    wrote: bool = False


# The request being answered, if any (thread- and task-local).
_request: ContextVar[_Request | None] = ContextVar("replica_request", default=None)


class ReplicaRouter:
    """Reads to the replica while a public request allows it; writes, and
    every read that may follow one, to the primary."""

    def db_for_read(self, model, **hints):
        state = _request.get()
        if (
            state is None
            or not state.replica_allowed
            or state.wrote
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The same rows, whichever copy they were read from.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema by itself.
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Opens the replica to the reads of a public page requested without a
    cookie, until the request writes; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = _Request()
        token = _request.set(state)
        try:
            # Not db_for_write: that is asked by get_or_create() and others that
            # may only read. A statement other than SELECT on the primary is a write.
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(_WriteWatch(state)):
                return self.get_response(request)
        finally:
            _request.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        _request.get().replica_allowed = (
            request.method in ("GET", "HEAD")
            and not request.COOKIES
            and request.resolver_match.view_name in settings.DATABASE_REPLICA_PAGES
        )


class _WriteWatch:
    def __init__(self, state: _Request):
        self.state = state

    def __call__(self, execute, sql, params, many, context):
        if not self.state.wrote and sql.lstrip()[:6].upper() != "SELECT":
            self.state.wrote = True
        return execute(sql, params, many, context)
