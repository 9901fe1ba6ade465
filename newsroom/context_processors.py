from django.conf import settings

from articles.models import Section
from newsletter.forms import CONSENT_LINE
from newsletter.models import NewsletterList


def site(request):
    """What every public page needs: the outlet's name, its sections and the
    newsletter lists offered in the footer.

    The querysets are evaluated lazily, so pages that do not show the
    navigation (the admin) do not pay for the query.
    """
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": Section.objects.in_navigation(),
        "newsletter_lists": NewsletterList.objects.for_signup(),
        "newsletter_consent_line": CONSENT_LINE,
    }
