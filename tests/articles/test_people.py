"""Adding a person to the newsroom in one step (account, role, staff status,
byline) and everyone on the desk keeping their own byline (issue 11)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client

from articles import services
from articles.models import Author
from newsroom.models import AuditEntry
from tests.articles.helpers import change_url, draft_by, login, text
from tests.factories import AuthorFactory
from tests.forms import form_fields

User = get_user_model()
ADD = "/admin/auth/user/add/"
USERS = "/admin/auth/user/"
MINE = "/admin/articles/author/mine/"
PASSWORD = "river-bridge-at-dawn-42"


def add_person(client, **changes):
    """Open "Add a person", type a reporter's details, change ``changes``, submit."""
    data = form_fields(client.get(ADD), "person_form")
    data.update(
        first_name="Nigar",
        last_name="Abbasova",
        username="nigar",
        email="nigar@example.org",
        password1=PASSWORD,
        password2=PASSWORD,
        bio="Covers the regions.",
    )
    data.update(changes)
    return client.post(ADD, data)


def field_errors(response, name) -> list[str]:
    return list(response.context["form"].errors.get(name, []))


def test_adding_a_reporter_in_one_step_gives_a_staff_account_with_a_byline(users, section):
    chief = login(users["chief"])
    response = add_person(chief)

    nigar = User.objects.get(username="nigar")
    assert response.status_code == 302
    assert response["Location"] == f"{USERS}{nigar.pk}/change/"
    assert nigar.is_staff and not nigar.is_superuser
    assert list(nigar.groups.values_list("name", flat=True)) == ["Reporter"]
    assert nigar.author_profile.display_name == "Nigar Abbasova"
    assert nigar.author_profile.slug == "nigar-abbasova"
    assert nigar.author_profile.bio == "Covers the regions."
    assert AuditEntry.objects.filter(action="auth.role_change", object_id=str(nigar.pk)).exists()

    # She signs in with the password typed for her, and a story with her
    # byline is one of hers on the desk.
    story = draft_by(users["editor"], section, headline="Shaki silk harvest")
    story.authors.add(nigar.author_profile)
    client = Client()
    signed_in = client.post("/admin/login/", {"username": "nigar", "password": PASSWORD})
    assert signed_in.status_code == 302
    dashboard = text(client.get("/admin/"))
    assert "Shaki silk harvest" in dashboard.split("My drafts")[1].split("Awaiting review")[0]
    assert 'name="headline"' in text(client.get(change_url(story)))


def test_the_users_page_says_what_the_role_gives_and_links_the_byline(users):
    chief = login(users["chief"])
    page = text(chief.get(add_person(chief)["Location"]))
    author = Author.objects.get(slug="nigar-abbasova")
    assert "writes articles, edits their own drafts" in page
    assert f'href="/admin/articles/author/{author.pk}/change/"' in page
    assert 'href="/author/nigar-abbasova/"' in page


def test_a_role_is_required(users):
    response = add_person(login(users["chief"]), role="")
    assert response.status_code == 200
    assert field_errors(response, "role") == ["This field is required."]
    assert not User.objects.filter(username="nigar").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "rena", "A user with that username already exists."),
        ("email", "RENA@example.org", "Someone in the newsroom already has this e-mail address."),
        ("slug", "leyla-hasanova", "Author with this Slug already exists."),
    ],
)
def test_a_taken_name_is_refused_next_to_its_field_keeping_the_input(
    users, author, field, value, message
):
    response = add_person(login(users["chief"]), **{field: value})
    assert response.status_code == 200
    assert field_errors(response, field) == [message]
    # What was typed is still there; nothing was saved.
    assert form_fields(response, "person_form")["first_name"] == "Nigar"
    assert form_fields(response, "person_form")[field] == value
    assert not User.objects.filter(first_name="Nigar").exists()


def test_mismatched_passwords_are_refused_next_to_the_field(users):
    response = add_person(login(users["chief"]), password2="something-else-77")
    assert field_errors(response, "password2") == ["The two passwords differ."]
    assert not User.objects.filter(username="nigar").exists()


def test_an_existing_byline_without_an_account_can_be_linked(users, author):
    response = add_person(login(users["chief"]), byline="existing", author=str(author.pk))
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.user.username == "nigar"


def test_no_byline_adds_a_staff_account_without_one(users):
    add_person(login(users["chief"]), role="Newsletter manager", byline="none")
    manager = User.objects.get(username="nigar")
    assert manager.is_staff
    assert not Author.objects.filter(user=manager).exists()


def test_a_byline_that_cannot_be_saved_leaves_no_account_behind(users, author):
    """The account is saved before the byline is checked: the transaction
    takes it back when the byline's slug is taken."""
    with pytest.raises(ValidationError) as raised:
        services.add_person(
            by=users["chief"],
            username="nigar",
            email="nigar@example.org",
            password=PASSWORD,
            role="Reporter",
            author=Author(display_name="Nigar Abbasova", slug=author.slug),
        )
    assert "slug" in raised.value.message_dict
    assert not User.objects.filter(username="nigar").exists()


def test_a_reporter_cannot_add_people(users):
    reporter = login(users["owner"])
    assert reporter.get(ADD).status_code == 403
    assert add_person_post(reporter).status_code == 403
    assert not User.objects.filter(username="nigar").exists()


def add_person_post(client):
    return client.post(
        ADD,
        {
            "first_name": "Nigar",
            "username": "nigar",
            "email": "nigar@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": "Chief editor",
            "byline": "none",
        },
    )


def test_giving_a_role_on_the_users_page_ticks_staff_status(users, django_user_model):
    person = django_user_model.objects.create_user("sabina", "sabina@example.org", "pw")
    chief = login(users["chief"])
    data = form_fields(chief.get(f"{USERS}{person.pk}/change/"), "user_form")
    data["groups"] = [str(users["owner"].groups.get().pk)]
    data.pop("is_staff", None)
    response = chief.post(f"{USERS}{person.pk}/change/", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_staff


def test_a_reporter_creates_and_edits_their_own_byline(users):
    reporter = login(users["owner"])
    page = reporter.get(MINE)
    assert "You have no author profile yet" in text(page)
    data = form_fields(page, "byline_form")
    data.update(display_name="Rena Aliyeva", bio="Schools and health.")
    assert reporter.post(MINE, data).status_code == 302
    mine = Author.objects.get(user=users["owner"])
    assert mine.slug == "rena-aliyeva"

    data = form_fields(reporter.get(MINE), "byline_form")
    data.update(bio="Schools, health and the capital.")
    assert reporter.post(MINE, data).status_code == 302
    mine.refresh_from_db()
    assert mine.bio == "Schools, health and the capital."
    assert Author.objects.filter(user=users["owner"]).count() == 1


def test_a_reporter_cannot_change_anyone_elses_byline(users):
    others = AuthorFactory(
        display_name="Tural Mammadov", slug="tural", user=users["other_reporter"]
    )
    reporter = login(users["owner"])
    assert (
        reporter.post(
            f"/admin/articles/author/{others.pk}/change/",
            {"display_name": "Hijacked", "slug": "tural"},
        ).status_code
        == 403
    )
    # "My byline" only ever opens one's own: a taken slug is refused, not taken over.
    data = form_fields(reporter.get(MINE), "byline_form")
    data.update(display_name="Rena Aliyeva", slug="tural")
    response = reporter.post(MINE, data)
    assert response.status_code == 200
    assert field_errors(response, "slug") == ["Author with this Slug already exists."]
    others.refresh_from_db()
    assert (others.display_name, others.user) == ("Tural Mammadov", users["other_reporter"])


def test_the_newsletter_manager_has_no_byline_page(db, django_user_model):
    manager = django_user_model.objects.create_user("leman", "leman@example.org", "pw")
    manager.groups.add(Group.objects.get(name="Newsletter manager"))
    manager.is_staff = True
    manager.save()
    assert login(manager).get(MINE).status_code == 403


def test_the_dashboard_links_my_byline_and_for_chief_editors_adding_people(users):
    chief = text(login(users["chief"]).get("/admin/"))
    reporter = text(login(users["owner"]).get("/admin/"))
    assert f'href="{MINE}"' in chief and f'href="{ADD}"' in chief
    assert f'href="{MINE}"' in reporter and f'href="{ADD}"' not in reporter


def test_a_bylines_slug_is_made_from_its_name_romanised_and_numbered_if_taken(users, author):
    AuthorFactory(display_name="Aytən Məmmədli", slug="aytan-mammadli")
    add_person(login(users["chief"]), first_name="Aytən", last_name="Məmmədli")
    assert User.objects.get(username="nigar").author_profile.slug == "aytan-mammadli-2"
