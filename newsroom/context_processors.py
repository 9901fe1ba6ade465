from django.conf import settings


def site(request):
    """The outlet's name and address, which every page shows.

    What the apps add to pages (the section navigation, the newsletter sign-up
    form, the comment thread) comes from their own template tags.
    """
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_URL": settings.SITE_URL,
    }
