"""Every public page is the same bytes for every anonymous reader and sets no
cookie, so a shared cache can serve it."""

PAGES = ["/", "{article}", "/section/politics/", "/search/?q=Baku", "/feed/", "/sitemap.xml"]


def test_anonymous_pages_are_identical_and_cookie_free(demo, client):
    from django.test import Client

    from articles.models import Article

    article_url = Article.objects.published().first().get_absolute_url()
    other_reader = Client(headers={"User-Agent": "Another reader", "Accept-Language": "az"})
    for page in PAGES:
        url = page.format(article=article_url)
        first, second = client.get(url), other_reader.get(url)
        assert first.status_code == second.status_code == 200, url
        assert first.content == second.content, url
        assert not first.cookies and not second.cookies, url
        assert "csrfmiddlewaretoken" not in first.content.decode(), url
        assert "Cookie" not in first.get("Vary", ""), url
    # The footer's reader form is part of that shared HTML: no per-reader token.
    html = client.get("/").content.decode()
    form = html[html.index('<form id="newsletter-signup"') :]
    form = form[: form.index("</form>")]
    assert 'name="email"' in form
    assert "csrf" not in form.lower()
