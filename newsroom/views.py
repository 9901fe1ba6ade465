"""Site-wide views: health check, robots.txt and error pages."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .links import absolute_reverse


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute_reverse('sitemap')}",
        f"Sitemap: {absolute_reverse('news_sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def privacy(request):
    return render(request, "privacy.html")


def server_error(request):
    """Render 500.html without context processors: the database may be down."""
    template = loader.get_template("500.html")
    return HttpResponse(
        template.render({"SITE_NAME": settings.SITE_NAME}),
        status=500,
    )
