from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles import cache_tags
from articles.models import Article
from articles.views import render_article
from newsroom import page_cache, ratelimit
from newsroom.http import bounded_int, mark_personal, personal
from newsroom.origin import same_origin_required

from . import cookies, services, stop_links
from .forms import ReportForm
from .models import Comment

REPORTS_PER_IP_PER_HOUR = 5


@same_origin_required
@require_http_methods(["GET", "HEAD", "POST"])
def post(request):
    """Post a comment (the "Leave a Reply" form), then redirect back (PRG)."""
    if request.method != "POST":
        return _back_to_article(request)
    article_id = bounded_int(request.POST.get("article"))
    if article_id is None:
        raise Http404
    article = get_object_or_404(Article.objects.published().for_page(), pk=article_id)
    # What answers is about the article: in its language, whatever the address
    # the form was posted to (an old page's form, a hand-made POST).
    translation.activate(article.language)
    request.LANGUAGE_CODE = article.language
    try:
        posted = services.post_comment(
            article=article,
            data=request.POST,
            ip=ratelimit.client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            proof_keys=cookies.my_comment_keys(request),
        )
    except services.CommentsClosed:
        return render(request, "comments/closed.html", {"article": article}, status=403)
    except services.CaughtInHoneypot:
        # Look as if it worked, keep nothing.
        return redirect(article.get_absolute_url() + "#respond")
    except services.InvalidComment as refused:
        return _form_again(request, article, refused.form, status=400)
    except services.TooManyComments as refused:
        refused.form.add_error(
            None,
            _("You have posted several comments in a short time. Please wait and try again."),
        )
        return _form_again(request, article, refused.form, status=429)
    except services.ParentUnavailable as refused:
        # The comment answered was trashed, is still pending or is on another
        # article: say so and give the words back as a new comment.
        refused.form.add_error(
            None,
            _(
                "The comment you replied to is no longer available. Post again to add "
                "yours as a new comment."
            ),
        )
        return _form_again(request, article, refused.form, status=400)
    comment, data = posted.comment, posted.data
    if not posted.created:
        # Not remembered as this reader's: whoever re-posts the same words from the
        # same address must not get to see someone's pending comment.
        notice = "duplicate"
    else:
        notice = "pending" if comment.status != Comment.Status.APPROVED else "approved"
    # Land where the reader sees what happened: their comment (marked as awaiting
    # moderation) on the page of the discussion that holds it, or the notice
    # at the top of the comments.
    shown = posted.created and comment.status != Comment.Status.SPAM
    response = redirect(
        comment.url_under(posted.rules) if shown else article.get_absolute_url() + "#comments"
    )
    cookies.set_notice(response, notice)
    if shown:
        # Pending: shown to its author. Pending or approved: the proof, once a
        # moderator approves it, that this browser's next comments are a known
        # commenter's (services.is_known_commenter).
        cookies.remember_comment(request, response, comment.key.hex)
    if data["save_author"]:
        # After a double submit ``comment`` may be someone else's: what is saved stays.
        if posted.created:
            cookies.remember_author(response, comment_key=comment.key.hex)
    elif request.COOKIES.get(cookies.AUTHOR_COOKIE):
        cookies.forget_author(response)
    return response


def _back_to_article(request):
    """After a form error the address bar holds this address: reloading it
    leads back to the article (named in the form's action), not to an empty
    405 (issue 11)."""
    article_id = bounded_int(request.GET.get("article"))
    article = Article.objects.published().filter(pk=article_id).first() if article_id else None
    return redirect(article.get_absolute_url() + "#respond" if article else "articles:home")


def _form_again(request, article, form, *, status):
    """The article page with the reader's form, its errors and their words."""
    return render_article(request, article, extra_context={"comment_form": form}, status=status)


@same_origin_required
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, pk):
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article"),
        pk=pk,
        article__in=Article.objects.published(),
    )
    page_cache.depends_on(request, cache_tags.article(comment.article_id))
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        ip = ratelimit.client_ip(request)
        if ratelimit.allow(
            "comment-report", ip or "unknown", limit=REPORTS_PER_IP_PER_HOUR, period=3600
        ):
            services.report(comment=comment, reason=form.cleaned_data["reason"], ip=ip)
            return render(request, "comments/reported.html", {"comment": comment})
        form.add_error(None, _("You have sent several reports recently. Please try again later."))
        status = 429
    elif request.method == "POST":
        status = 400
    # The page may hold what this reader typed (a refused report).
    mark_personal(request)
    return render(
        request, "comments/report.html", {"comment": comment, "form": form}, status=status
    )


# The signed link is the authority (as for newsletter unsubscribes): a mail
# client's one-click POST has no cookie and no Origin of ours.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def stop_notifications(request, token):
    email = stop_links.read_stop_token(token)
    if email is None:
        return render(request, "comments/invalid_link.html", status=400)
    stopped = False
    if request.method == "POST":
        services.stop_reply_notifications(email=email)
        stopped = True
    # The address holds the reader's signed e-mail address.
    return personal(
        render(
            request,
            "comments/stop_notifications.html",
            {"stopped": stopped, "site_name": _(settings.SITE_NAME)},
        )
    )
