"""Site-wide views: health check, robots.txt, the favicon and error pages."""

import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Case, Count, Min, When
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

from . import faults, i18n
from .links import absolute_reverse


@never_cache
@require_safe
def healthz(request):
    """Each dependency's state, for load balancers and monitoring. 503 only when
    the site cannot serve (the database does not answer); a cache outage or a
    task backlog is "degraded", still 200: readers are served (README, "Faults")."""
    report = {"database": _database_state(), "cache": _cache_state()}
    if report["database"] == "error":
        return JsonResponse({"status": "unavailable", **report}, status=503)
    report["tasks"] = _task_backlog()
    backlog = report["tasks"]["oldest_ready_seconds"]
    degraded = report["cache"] == "error" or (
        backlog is not None and backlog > settings.HEALTHZ_TASK_BACKLOG_SECONDS
    )
    return JsonResponse({"status": "degraded" if degraded else "ok", **report})


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "error"
    return "ok"


def _cache_state() -> str:
    """Asks the cache itself, ignoring this process's cool-down (faults.py)."""
    try:
        cache.get("healthz")
    except faults.CACHE_ERRORS:
        return "error"
    return "ok"


def _task_backlog() -> dict:
    """How many tasks wait for a worker, and how long the oldest has waited
    since it became due: a stopped task worker shows here first (e-mails,
    confirmations and newsletters wait for it)."""
    due = Case(
        When(run_after=get_date_max(), then="enqueued_at"),
        default="run_after",
    )
    waiting = DBTaskResult.objects.ready().aggregate(count=Count("pk"), oldest=Min(due))
    oldest = waiting["oldest"]
    return {
        "ready": waiting["count"],
        "oldest_ready_seconds": (
            None if oldest is None else round((timezone.now() - oldest).total_seconds())
        ),
    }


@require_safe
def robots_txt(request):
    disallow, sitemaps = [], []
    # Each language has its own search pages and sitemaps (/ru/sitemap.xml...).
    for code in i18n.enabled_languages():
        with translation.override(code):
            disallow.append(f"Disallow: {reverse('articles:search')}")
            sitemaps += [
                f"Sitemap: {absolute_reverse('sitemap')}",
                f"Sitemap: {absolute_reverse('news_sitemap')}",
            ]
    lines = ["User-agent: *", "Disallow: /admin/", *disallow, "", *sitemaps, ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page's
    <link rel="icon"> says: send them to the icon (issue 11: it was a 404).
    Permanent, but only for as long as the page cache's headers allow, since
    the static address changes with the file's contents."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_safe
def privacy(request):
    return render(request, "privacy.html")


def server_error(request):
    """The error page, rendered without context processors or the database.

    A database that is down, refuses connections or does not answer in time
    (``faults.DATABASE_UNAVAILABLE``, from a view or a middleware alike) gets
    503 with Retry-After: the site is unavailable for a while, not broken.
    Pages the page cache holds are still served without reaching here."""
    error = sys.exc_info()[1]
    if isinstance(error, faults.DATABASE_UNAVAILABLE):
        response = HttpResponse(
            loader.get_template("503.html").render({"SITE_NAME": settings.SITE_NAME}),
            status=503,
        )
        response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    else:
        # Only promise that someone was told when error reports go somewhere.
        context = {"SITE_NAME": settings.SITE_NAME, "reported": bool(settings.ADMINS)}
        response = HttpResponse(loader.get_template("500.html").render(context), status=500)
    response["Cache-Control"] = "no-store"
    return response
