"""The error pages (issue 10, defect 9): a database that cannot be reached is
a styled 503 with Retry-After, and the 500 page promises that someone was told
only when error reports go somewhere (DJANGO_ADMINS)."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.urls("tests.newsroom.urls"), pytest.mark.django_db]


def test_an_unreachable_database_is_a_styled_503_with_retry_after(settings):
    settings.RETRY_AFTER_SECONDS = 45
    response = Client(raise_request_exception=False).get("/test-database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "45"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "We will be back in a moment" in body
    assert 'rel="stylesheet"' in body
    assert "OperationalError" not in body and "Traceback" not in body


def test_the_500_page_does_not_promise_a_report_nobody_receives(settings):
    settings.ADMINS = []
    response = Client(raise_request_exception=False).get("/test-server-error/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "We have been told" not in body


def test_the_500_page_says_the_team_was_told_when_reports_go_somewhere(settings):
    settings.ADMINS = ["desk@example.az"]
    response = Client(raise_request_exception=False).get("/test-server-error/")
    assert response.status_code == 500
    assert "We have been told about it" in response.content.decode()
