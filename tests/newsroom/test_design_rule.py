"""Every public page is the same bytes for every anonymous reader and sets no
cookie, so a shared cache can serve it."""

PAGES = {
    "/": 200,
    "{article}": 200,
    "/section/politics/": 200,
    "/section/politics/feed/": 200,
    "/tag/{tag}/": 200,
    "/author/{author}/": 200,
    "/search/?q=Baku": 200,
    "/search/?q=Baku&page=2": 404,
    "/feed/": 200,
    "/sitemap.xml": 200,
    "/sitemap-news.xml": 200,
    "/robots.txt": 200,
    "/favicon.ico": 301,
    "/newsletter/": 200,
    "/privacy/": 200,
    "/no/such/page/": 404,
}


def test_anonymous_pages_are_identical_and_cookie_free(demo, client):
    from django.test import Client

    from articles.models import Article

    article = Article.objects.published().first()
    fill = {
        "article": article.get_absolute_url(),
        "tag": article.tags.first().slug,
        "author": article.byline_authors[0].slug,
    }
    other_reader = Client(headers={"User-Agent": "Another reader", "Accept-Language": "az"})
    for page, status in PAGES.items():
        url = page.format(**fill)
        first, second = client.get(url), other_reader.get(url)
        assert first.status_code == second.status_code == status, url
        assert first.content == second.content, url
        assert not first.cookies and not second.cookies, url
        assert "csrfmiddlewaretoken" not in first.content.decode(), url
        # Nothing varies by reader: not the browser's language, and not the
        # cookie except on the article page, which shows a commenter (who holds
        # comment cookies) their pending comment: their browser must not show
        # its copy from before they commented (newsroom/http.py).
        vary = first.get("Vary", "")
        assert ("Cookie" in vary) == (page == "{article}"), url
        assert "Accept-Language" not in vary, url
    # The footer's reader form is part of that shared HTML: no per-reader token.
    html = client.get("/").content.decode()
    form = html[html.index('<form id="newsletter-signup"') :]
    form = form[: form.index("</form>")]
    assert 'name="email"' in form
    assert "csrf" not in form.lower()
