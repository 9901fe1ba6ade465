"""The sign-up form, offered by the newsletter app to any page (the footer of
every public page, the newsletter page)."""

from django import template

from newsletter.forms import CONSENT_LINE
from newsletter.models import NewsletterList

register = template.Library()


@register.inclusion_tag("newsletter/_signup_form.html", takes_context=True)
def signup_form(context, form_id, source, signup=None):
    """``signup`` is a bound SignupForm with errors (on /newsletter/subscribe/),
    else None. The lists are those the page already shows, if it shows them,
    so that the page asks the database once."""
    lists = context.get("newsletter_lists")
    return {
        "form_id": form_id,
        "source": source,
        "signup": signup,
        "newsletter_lists": NewsletterList.objects.for_signup() if lists is None else lists,
        "newsletter_consent_line": CONSENT_LINE,
    }
