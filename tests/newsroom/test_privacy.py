"""Personal data export and erasure: each app's kind of data is handled only
by those allowed to handle it (newsroom/privacy.py, filled by the apps)."""

from django.contrib.auth.models import Group

from comments.models import Comment
from newsletter.models import Subscriber
from newsroom import roles
from newsroom.models import AuditEntry
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


def _person(django_user_model, username, role):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def test_newsletter_manager_cannot_reach_commenters_data_through_the_comments(
    client, django_user_model
):
    _commenter_and_subscriber("reader@example.org")
    comment = Comment.objects.get()
    client.force_login(_person(django_user_model, "nm", roles.NEWSLETTER_MANAGER))
    for action in ("export_data", "erase_data"):
        response = client.post(
            "/admin/comments/comment/", {"action": action, "_selected_action": [comment.pk]}
        )
        assert response.status_code == 403
    assert Comment.objects.get().email == "reader@example.org"
    assert not AuditEntry.objects.exists()


def test_chief_editor_exports_and_erases_comments_data_and_each_is_recorded(
    client, django_user_model
):
    _commenter_and_subscriber("reader@example.org")
    comment = Comment.objects.get()
    chief = _person(django_user_model, "chief", roles.CHIEF_EDITOR)
    client.force_login(chief)

    export = client.post(
        "/admin/comments/comment/?status=all",
        {"action": "export_data", "_selected_action": [comment.pk]},
    )
    data = export.json()["reader@example.org"]
    assert data["comments"][0]["ip"] == "192.0.2.7"
    assert data["newsletter"][0]["email"] == "reader@example.org"
    exported = AuditEntry.objects.get(action="privacy.export")
    assert exported.actor == chief
    assert exported.details == {"email": "reader@example.org", "kinds": ["comments", "newsletter"]}

    client.post(
        "/admin/comments/comment/?status=all",
        {"action": "erase_data", "_selected_action": [comment.pk]},
    )
    assert Comment.objects.get().email == ""
    assert not Subscriber.objects.exists()
    erased = AuditEntry.objects.get(action="privacy.erase")
    assert erased.actor == chief
    assert erased.object_repr == "reader@example.org"
    assert erased.details["erased"] == {"comments": 1, "newsletter": 1}


def test_a_newsletter_managers_export_and_erasure_record_the_kinds_they_covered(
    client, django_user_model
):
    subscriber = _commenter_and_subscriber("reader@example.org")
    manager = _person(django_user_model, "nm", roles.NEWSLETTER_MANAGER)
    client.force_login(manager)
    for action in ("export_personal_data", "erase_personal_data"):
        client.post(
            "/admin/newsletter/subscriber/",
            {"action": action, "_selected_action": [subscriber.pk]},
        )
    records = {entry.action: entry for entry in AuditEntry.objects.all()}
    assert set(records) == {"privacy.export", "privacy.erase"}
    for entry in records.values():
        assert entry.actor == manager
        assert entry.details["email"] == "reader@example.org"
        assert entry.details["kinds"] == ["newsletter"]
    # The chief editors read them in the admin.
    client.force_login(_person(django_user_model, "chief", roles.CHIEF_EDITOR))
    trail = client.get("/admin/newsroom/auditentry/?action=privacy.erase").content.decode()
    assert "reader@example.org" in trail
