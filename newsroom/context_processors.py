from django.conf import settings

from articles.models import Section


def site(request):
    """What every public page needs: the outlet's name and its sections.

    The section list is evaluated lazily, so pages that do not show the
    navigation (the admin) do not pay for the query.
    """
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": Section.objects.in_navigation(),
    }
