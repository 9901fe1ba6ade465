"""The site's icon, where browsers and feed readers look for it."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_icon_the_pages_name(client):
    """Issue 11: /favicon.ico answered 404; browsers ask for it whatever the
    page's <link rel="icon"> says."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = response["Location"]
    assert icon == static("img/favicon.svg")
    assert finders.find("img/favicon.svg"), "the icon the redirect names exists"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert client.head("/favicon.ico").status_code == 301
    home = client.get("/").content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)"', home)
    assert link and link.group(1) == icon
