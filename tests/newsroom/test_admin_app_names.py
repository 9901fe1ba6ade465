"""The admin index names the third-party apps as the newsroom knows them, not
"Taggit" and "Tasks Database Backend" (issue 11), with their labels (and so
their tables and migrations) unchanged."""

import re
from html import unescape

import pytest
from django.apps import apps

pytestmark = pytest.mark.django_db


def test_admin_index_names_tags_and_background_tasks(admin_client):
    html = unescape(admin_client.get("/admin/").content.decode())
    captions = {
        re.sub(r"<[^>]+>", "", caption).strip()
        for caption in re.findall(r"<caption>(.*?)</caption>", html, re.S)
    }
    assert {"Tags", "Background tasks", "Sign-in attempts", "Two-factor devices"} <= captions
    assert not {"Taggit", "Tasks Database Backend", "Axes", "Otp_Totp"} & captions


def test_renamed_apps_keep_their_labels():
    assert apps.get_app_config("taggit").name == "taggit"
    assert apps.get_app_config("django_tasks_database").name == "django_tasks_db"
    assert apps.get_app_config("axes").name == "axes"
    assert apps.get_app_config("otp_totp").name == "django_otp.plugins.otp_totp"
