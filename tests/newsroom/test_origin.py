"""Reader forms carry no CSRF token (pages are shared); the browser's Fetch
metadata and Origin header decide instead (newsroom/origin.py)."""

import pytest

pytestmark = [pytest.mark.urls("tests.newsroom.urls"), pytest.mark.django_db]

URL = "/test-reader-form/"


def post(client, **headers):
    return client.post(URL, {"email": "reader@example.org"}, headers=headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver"},
        {"Origin": "http://127.0.0.1:8000"},  # SITE_URL
        {},  # not a browser: no ambient credentials to abuse
    ],
    ids=["fetch+origin", "fetch-only", "typed-by-user", "origin-only", "site-url", "header-less"],
)
def test_same_origin_posts_are_accepted_without_a_token(client, headers):
    response = post(client, **headers)
    assert response.status_code == 200
    assert response.content == b"accepted"


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://sub.testserver"},
        {"Sec-Fetch-Site": "cross-site"},
        # A cross-site request claiming our origin is still refused by Fetch metadata.
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
        {"Origin": "https://attacker.example"},
        {"Origin": "null"},
    ],
    ids=["cross-site", "same-site", "cross-no-origin", "lying-origin", "foreign-origin", "null"],
)
def test_cross_site_posts_are_refused_with_an_explanation(client, headers):
    response = post(client, **headers)
    assert response.status_code == 403
    assert "This form was not sent from our site" in response.content.decode()


def test_safe_methods_are_never_blocked(client):
    response = client.get(URL, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 200


def test_token_csrf_still_guards_the_admin(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
