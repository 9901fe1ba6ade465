"""Two people, one article: the optimistic lock refuses a stale save and keeps
the typed text; the soft edit lock warns who else has the article open."""

import re
import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Correction
from tests.articles.helpers import (
    ADMIN,
    Status,
    bulk,
    change_url,
    draft_by,
    login,
    open_form,
    page_messages,
    public_status,
    save,
    text,
)
from tests.conftest import postgres_only
from tests.factories import ArticleFactory
from tests.forms import form_fields

pytestmark = pytest.mark.django_db


def test_stale_save_is_refused_and_keeps_the_typed_text(users, second_editor, section):
    article = ArticleFactory(
        section=section, headline="Metro line extension approved", slug="metro-extension"
    )
    first, second = login(users["editor"]), login(second_editor)

    first_page = first.get(change_url(article))
    first_form = form_fields(first_page)
    assert first_page.context["adminform"].form.initial["edit_version"] == article.version
    assert "is editing this article too" not in text(first_page)

    second_page = second.get(change_url(article))
    second_form = form_fields(second_page)
    assert second_page.context["adminform"].form.initial["edit_version"] == article.version
    assert first_form["edit_version"] == second_form["edit_version"] == str(article.version)
    warning = "Aynur Huseynova is editing this article too"
    assert any(warning in message for message in page_messages(second_page))
    assert warning in text(second_page)

    response = save(first, article, data=first_form, headline="Metro extension: four new stations")
    assert response.status_code == 302

    typed_body = "<p>The second editor's paragraph about the tunnel boring machine.</p>"
    response = save(
        second,
        article,
        data=second_form,
        headline="Metro extension gets its budget",
        body=typed_body,
    )
    assert response.status_code == 200
    page = text(response)
    assert (
        "Aynur Huseynova saved this article while you were editing it, so your changes "
        "were not saved." in page
    )
    errors = response.context["adminform"].form.non_field_errors()
    assert any("saved this article while you were editing it" in error for error in errors)
    # What the second editor typed is still in the form.
    kept = form_fields(response)
    assert kept["headline"] == "Metro extension gets its budget"
    assert kept["body"] == typed_body

    article.refresh_from_db()
    assert article.headline == "Metro extension: four new stations"
    assert "tunnel boring machine" not in article.body
    assert article.revisions.count() == 1


def test_reopened_form_saves_after_a_refused_stale_save(users, second_editor, section):
    article = ArticleFactory(section=section)
    first, second = login(users["editor"]), login(second_editor)
    stale = open_form(second, article)
    assert save(first, article, headline="First editor's headline").status_code == 302
    assert save(second, article, data=stale, headline="Second try").status_code == 200
    # Opening the article again gives the current version, which saves.
    assert save(second, article, headline="Second try").status_code == 302
    article.refresh_from_db()
    assert article.headline == "Second try"


def test_form_opened_before_a_bulk_publish_is_stale(users, second_editor, section):
    article = draft_by(users["owner"], section, status=Status.REVIEW)
    first, second = login(users["editor"]), login(second_editor)
    stale = open_form(first, article)
    response = bulk(second, [article], "publish_selected", follow=True)
    assert any(msg.startswith("1 article(s):") for msg in page_messages(response))

    response = save(first, article, data=stale, headline="Edited on the old form")
    assert response.status_code == 200
    assert "saved this article while you were editing it" in text(response)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert public_status(article) == 200


def test_a_save_without_the_version_it_started_from_is_refused(users, section):
    article = ArticleFactory(section=section, headline="Original headline")
    editor = login(users["editor"])
    data = open_form(editor, article)
    del data["edit_version"]
    response = save(editor, article, data=data, headline="Typed without a version")
    assert response.status_code == 200
    assert "does not say which version of the article it was opened from" in text(response)
    assert form_fields(response)["headline"] == "Typed without a version"
    article.refresh_from_db()
    assert article.headline == "Original headline"
    for empty in ("", "abc"):
        data = {**open_form(editor, article), "edit_version": empty}
        assert save(editor, article, data=data, headline="Still refused").status_code == 200
    article.refresh_from_db()
    assert article.headline == "Original headline"


@postgres_only
# serialized_rollback: the roles (groups) a data migration made are put back
# after another transactional test flushed the database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_from_the_same_version_at_once_keep_the_first(users, second_editor, section):
    """Two editors press Save on the same version at the same moment. The first
    is held between its version check and its write (a lock on the corrections
    table, which the admin reads only after validating the article), so the
    second is checked while the first has not written yet. The check and the
    write must be one step: the second is refused as stale, with its text."""
    article = ArticleFactory(section=section, headline="Airport road closes")
    Correction.objects.create(article=article, text="An earlier correction.")
    first, second = login(users["editor"]), login(second_editor)
    first_form, second_form = open_form(first, article), open_form(second, article)
    responses, errors = {}, []

    def press_save(name, client, form, headline):
        try:
            responses[name] = save(client, article, data=form, headline=headline)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def wait_for_waiters(count):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                if cursor.fetchone()[0] >= count:
                    return True
            time.sleep(0.05)
        return False

    threads = [
        threading.Thread(target=press_save, args=("first", first, first_form, "First: Friday")),
        threading.Thread(target=press_save, args=("second", second, second_form, "Second: Monday")),
    ]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Correction._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        threads[0].start()
        assert wait_for_waiters(1), (responses, errors)  # the first is checked, waits to write
        threads[1].start()
        assert wait_for_waiters(2)  # the second waits too
    for thread in threads:
        thread.join()

    assert errors == []
    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 200
    assert "saved this article while you were editing it" in text(responses["second"])
    assert form_fields(responses["second"])["headline"] == "Second: Monday"
    article.refresh_from_db()
    assert article.headline == "First: Friday"
    assert article.revisions.count() == 1


def test_read_only_view_does_not_take_the_edit_lock(users, section):
    article = ArticleFactory(section=section, created_by=users["owner"])
    # The reporter may look at the published article, not change it.
    page = login(users["other_reporter"]).get(change_url(article))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    editor_page = login(users["editor"]).get(change_url(article))
    assert "is editing this article too" not in text(editor_page)


def test_the_open_form_keeps_renewing_its_edit_lock(users, second_editor, section):
    article = ArticleFactory(section=section)
    first = login(users["editor"])
    opened = timezone.now()
    page = text(first.get(change_url(article)))
    lock_url = re.search(r'id="edit-lock" hidden data-url="([^"]+)"', page).group(1)
    assert lock_url == f"{ADMIN}{article.pk}/lock/"
    assert first.get(lock_url).status_code == 405
    # Without the heartbeat the lock runs out after ten minutes and the second
    # editor is not warned; with it (every few minutes), the lock holds.
    for minutes in (3, 6, 9, 12):
        with time_machine.travel(opened + timedelta(minutes=minutes), tick=False):
            assert first.post(lock_url).json() == {"other_editor": None}
    with time_machine.travel(opened + timedelta(minutes=14), tick=False):
        second_page = login(second_editor).get(change_url(article))
        assert any(
            "Aynur Huseynova is editing this article too" in msg
            for msg in page_messages(second_page)
        )
        # The second editor's page renews nothing: it learns who holds the lock.
        assert login(second_editor).post(lock_url).json() == {"other_editor": "Aynur Huseynova"}
    # Who may not edit the article cannot take its lock.
    assert login(users["other_reporter"]).post(lock_url).status_code == 403
