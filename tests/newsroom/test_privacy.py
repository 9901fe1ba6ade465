"""Personal data export and erasure: each app's kind of data is handled only
by those allowed to handle it (newsroom/privacy.py, filled by the apps)."""

from django.contrib.auth.models import Group

from comments.models import Comment
from newsletter.models import Subscriber
from newsroom import roles
from tests.factories import ArticleFactory


def _commenter_and_subscriber(email):
    article = ArticleFactory()
    Comment.objects.create(
        article=article,
        name="Reader",
        email=email,
        body="My words",
        ip="192.0.2.7",
        fingerprint=Comment.make_fingerprint(email=email, body="My words"),
    )
    return Subscriber.objects.create(email=email)


def test_newsletter_manager_exports_and_erases_newsletter_data_only(client, django_user_model):
    subscriber = _commenter_and_subscriber("reader@example.org")
    manager = django_user_model.objects.create_user("nm", "nm@example.org", "pw", is_staff=True)
    manager.groups.add(Group.objects.get(name=roles.NEWSLETTER_MANAGER))
    client.force_login(manager)

    export = client.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_personal_data", "_selected_action": [subscriber.pk]},
    )
    data = export.json()["reader@example.org"]
    assert data["newsletter"][0]["email"] == "reader@example.org"
    assert "comments" not in data

    erased = client.post(
        "/admin/newsletter/subscriber/",
        {"action": "erase_personal_data", "_selected_action": [subscriber.pk]},
        follow=True,
    )
    assert not Subscriber.objects.exists()
    assert Comment.objects.get().email == "reader@example.org"
    # What was left is said, not passed over in silence.
    said = [str(message) for message in erased.context["messages"]]
    assert any("Not erased" in line and "comments" in line for line in said), said


def test_superuser_export_covers_every_registered_kind(admin_client):
    subscriber = _commenter_and_subscriber("reader@example.org")
    export = admin_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_personal_data", "_selected_action": [subscriber.pk]},
    )
    data = export.json()["reader@example.org"]
    assert data["comments"][0]["ip"] == "192.0.2.7"
    assert data["newsletter"][0]["email"] == "reader@example.org"
