"""Crafted or careless input gets a clear answer, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsletter import tokens
from newsletter.models import Subscriber

from .conftest import SAME_ORIGIN, signup
from .factories import NewsletterListFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = "1" * 30


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chief", "c@example.org", "pw"))
    return client


def test_a_list_id_beyond_64_bits_is_an_invalid_choice_on_sign_up(client, daily, breaking):
    response = signup(client, "reader@example.org", choice="1", lists=[BEYOND_64_BITS])
    assert response.status_code == 400
    assert "Choose newsletters from the list" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_bad_list_id_is_shown_even_where_the_form_offers_no_choice(client, daily):
    """With one public list the form has no list checkboxes: the error still shows."""
    response = signup(client, "reader@example.org", lists=["x"])
    assert response.status_code == 400
    assert "Choose newsletters from the list" in response.content.decode()


def test_a_list_id_beyond_64_bits_is_an_invalid_choice_on_the_preferences_page(
    client, daily, breaking
):
    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily])
    response = client.post(
        f"/newsletter/preferences/{tokens.manage_token(subscriber.key)}/",
        {"lists": [BEYOND_64_BITS]},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 400
    assert "Choose newsletters from the list" in response.content.decode()
    assert list(subscriber.lists.all()) == [daily]


def test_preferences_keep_the_lists_the_page_does_not_offer(client, daily, breaking):
    members = NewsletterListFactory(name="Members", slug="members", is_public=False)
    subscriber = SubscriberFactory(email="reader@example.org", lists=[daily, members])
    client.post(
        f"/newsletter/preferences/{tokens.manage_token(subscriber.key)}/",
        {"lists": [breaking.pk]},
        headers=SAME_ORIGIN,
    )
    assert set(subscriber.lists.all()) == {breaking, members}


def import_csv(admin_client, content, daily):
    return admin_client.post(
        "/admin/newsletter/subscriber/import/",
        {
            "file": SimpleUploadedFile("list.csv", content, content_type="text/csv"),
            "lists": [daily.pk],
            "source": "Old list",
        },
    )


def test_a_csv_row_longer_than_its_header_is_reported(admin_client, daily):
    response = import_csv(
        admin_client, b"email\nfirst@example.org,Ali, Baku\nsecond@example.org\n", daily
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 added, 0 already present, 1 invalid." in html
    assert "more fields than the header row" in html
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["second@example.org"]


def test_a_csv_file_over_5_mb_is_refused_with_a_clear_error(admin_client, daily):
    row = b"reader@example.org\n"
    content = b"email\n" + row * (5 * 2**20 // len(row) + 1)
    response = import_csv(admin_client, content, daily)
    assert response.status_code == 200
    assert "import at most 5 MB at a time" in response.content.decode()
    assert not Subscriber.objects.exists()
