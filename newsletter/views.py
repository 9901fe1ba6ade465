import functools

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from newsroom import ratelimit
from newsroom.http import personal
from newsroom.origin import same_origin_required

from . import signup, tasks, tokens
from .forms import PreferencesForm, SignupForm, consent_text
from .models import NewsletterList, Subscriber

SOURCES = {"footer", "newsletter-page"}


@require_safe
def index(request):
    """The lists with their descriptions and a sign-up form (a shared page)."""
    return _index(request, signup=None)


def _index(request, *, signup, status=200):
    lists = NewsletterList.objects.for_signup()
    context = {"signup": signup, "newsletter_lists": lists}
    return render(request, "newsletter/index.html", context, status=status)


@same_origin_required
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        # The address a sign-up error leaves in the address bar: reloading it
        # leads to the sign-up page, not to an empty 405 (issue 11).
        return redirect("newsletter:index")
    form = SignupForm(request.POST)
    if not form.is_valid():
        return _index(request, signup=form, status=400)
    if form.cleaned_data["website"]:
        # A bot filled the honeypot: answer as for anyone, do nothing.
        return redirect("newsletter:check_inbox")
    ip = ratelimit.client_ip(request)
    if not ratelimit.allow(
        "newsletter-signup",
        ip or "unknown",
        limit=settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR,
        period=3600,
    ):
        form.add_error(
            None, _("Too many sign-ups from your network in the last hour. Please try later.")
        )
        return _index(request, signup=form, status=429)
    source = form.cleaned_data["source"]
    tasks.sign_up(
        email=form.cleaned_data["email"],
        lists=form.cleaned_data["lists"],
        source=source if source in SOURCES else "newsletter-page",
        ip=ip,
        consent_text=consent_text(),
    )
    return redirect("newsletter:check_inbox")


@require_safe
def check_inbox(request):
    return render(request, "newsletter/check_inbox.html")


def _personal_page(request, template, context=None, *, status=200):
    """A page reached from a personal link: never cached, never leaks its token."""
    return personal(render(request, template, context, status=status))


def _invalid_link(request, *, status=400):
    return _personal_page(request, "newsletter/invalid_link.html", status=status)


@never_cache
@require_safe
def confirm(request, token):
    try:
        key = tokens.read_confirm_token(token)
    except tokens.ExpiredLink:
        return _personal_page(request, "newsletter/expired_link.html", {"token": token})
    except tokens.InvalidLink:
        return _invalid_link(request)
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:
        return _invalid_link(request)
    if subscriber.status not in (Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED):
        return _invalid_link(request, status=410)
    if request.method == "HEAD":
        # Link checkers probe with HEAD: only a GET, a person opening the link, confirms.
        return personal(HttpResponse())
    result = signup.confirm(key=key)
    return _personal_page(
        request,
        "newsletter/confirmed.html",
        {
            "subscriber": result.subscriber,
            "lists": result.subscriber.lists.all(),
            "preferences_url": tokens.preferences_url(result.subscriber),
        },
    )


@same_origin_required
@require_POST
def resend(request, token):
    try:
        tokens.read_confirm_token(token)
    except tokens.ExpiredLink as expired:
        tasks.resend_confirmation(key=expired.key)
        return redirect("newsletter:check_inbox")
    except tokens.InvalidLink:
        return _invalid_link(request)
    return redirect("newsletter:confirm", token=token)


def _from_manage_link(view):
    """For the unsubscribe and preferences links: the view gets the subscriber
    their signed token names; a bad token, or a subscriber since erased, gets
    the invalid-link page."""

    @functools.wraps(view)
    def wrapped(request, token):
        try:
            key = tokens.read_manage_token(token)
        except tokens.InvalidLink:
            return _invalid_link(request)
        subscriber = Subscriber.objects.filter(key=key).first()
        if subscriber is None:
            return _invalid_link(request)
        return view(request, subscriber)

    return wrapped


# The signed token is the authority here, not a cookie: RFC 8058 one-click
# POSTs come from mail clients, with no session and no Origin of ours.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@_from_manage_link
def unsubscribe(request, subscriber):
    context = {"subscriber": subscriber, "preferences_url": tokens.preferences_url(subscriber)}
    if request.method == "POST":
        signup.unsubscribe(subscriber=subscriber)
        return _personal_page(request, "newsletter/unsubscribed.html", context)
    # GET only shows a button: mail scanners that follow links unsubscribe nobody.
    return _personal_page(request, "newsletter/unsubscribe.html", context)


@same_origin_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@_from_manage_link
def preferences(request, subscriber):
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            signup.update_preferences(subscriber=subscriber, lists=form.cleaned_data["lists"])
            subscriber.refresh_from_db()
            saved = True
            form = PreferencesForm(initial={"lists": _current_lists(subscriber)})
    else:
        form = PreferencesForm(initial={"lists": _current_lists(subscriber)})
    status = 400 if form.errors else 200
    return _personal_page(
        request,
        "newsletter/preferences.html",
        {"form": form, "subscriber": subscriber, "saved": saved},
        status=status,
    )


def _current_lists(subscriber: Subscriber) -> list[NewsletterList]:
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return []
    return list(subscriber.lists.all())
