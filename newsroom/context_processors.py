from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# The defaults of SITE_NAME and SITE_TAGLINE (settings), for the catalogues: in
# another language the page shows their translations. A name set through the
# environment is shown as set.
DEFAULTS = (gettext_noop("Azerbaijan news"), gettext_noop("News from Baku and the regions"))


def site(request):
    """The outlet's name and address, which every page shows.

    What the apps add to pages (the section navigation, the newsletter sign-up
    form, the comment thread) comes from their own template tags.
    """
    return {
        "SITE_NAME": gettext(settings.SITE_NAME),
        "SITE_TAGLINE": gettext(settings.SITE_TAGLINE),
        "SITE_URL": settings.SITE_URL,
    }
