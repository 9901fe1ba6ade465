"""The articles app's business rules: saving an article under the optimistic
lock, the editorial workflow (one table of moves, applied by one function, each
with its audit entry), plain edits of the publication times, corrections, and
adding a person to the newsroom with their role and byline.

The admin, its bulk actions and any future view or task call these functions,
so a rule holds whatever the client sends.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsroom import audit, roles

from . import cache_tags, edit_lock, images
from .models import Article, ArticleTransition, Author, Byline
from .permissions import can_edit, can_keep_own_byline, can_publish
from .sanitize import html_to_text
from .slugs import SLUG_MAX_LENGTH, slugify_headline, unique_slug

Status = Article.Status


class InvalidTransition(Exception):
    pass


def has_text(article: Article) -> bool:
    return bool(html_to_text(article.body).strip())


def initial_status(*, article: Article) -> str:
    """A new story with a planned time and no text yet is a planned story (shown
    on the calendar); anything else starts as a draft."""
    if article.planned_for is not None and not has_text(article):
        return Status.PLANNED
    return Status.DRAFT


# Saving under the optimistic lock ----------------------------------------------


def check_version(*, article: Article, started: int | None) -> None:
    """Refuse a save from a form opened on an older version of the article.

    Locking the row keeps it as read here until the caller's transaction (the
    admin's wraps validation and save) commits, so no other save can land in
    between. SQLite has no row locks, but its transactions start IMMEDIATE (see
    the settings), which serialises whole saves."""
    if started is None:
        raise ValidationError(
            _(
                "This form does not say which version of the article it was opened from, "
                "so it cannot be saved safely. Copy your changes, open the article again "
                "and apply them there."
            ),
            code="version_missing",
        )
    current = (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values_list("version", flat=True)
        .first()
    )
    if current is not None and started != current:
        last = article.revisions.select_related("user").first()
        who = (
            (last.user.get_full_name() or last.user.get_username())
            if last and last.user
            else _("someone")
        )
        raise ValidationError(
            _(
                "%(who)s saved this article while you were editing it, so your changes "
                "were not saved. They are still in the form below: copy what you need, "
                "open the article again in a new tab, and apply them there."
            ),
            code="stale",
            params={"who": who},
        )


def save_version(*, article: Article, update_fields: list[str] | None = None) -> None:
    """Save the article as a new version: forms opened before it become stale.

    An existing row's bump happens in the database (version = version + 1), so
    two saves landing at the same moment cannot share one version."""
    if article.pk is None:
        article.version = (article.version or 0) + 1
        article.save()
        return
    article.version = F("version") + 1
    if update_fields is not None:
        update_fields = [*update_fields, "version", "modified_at"]
    article.save(update_fields=update_fields)
    article.refresh_from_db(fields=["version"])


def save_article(*, article: Article, by) -> None:
    """An edit from the article form: a new story gets its writer and first
    state; a slug left blank is made from the headline (the browser makes one as
    the headline is typed, unless its script did not run); the writer's edit
    lock is released once it is saved."""
    made_slug = not article.slug
    if article.pk is None:
        article.created_by = by
        article.status = initial_status(article=article)
    if made_slug:
        save_with_made_slug(article=article)
    else:
        save_version(article=article)
    edit_lock.release(article=article, user=by)


SLUG_ATTEMPTS = 3


def save_with_made_slug(*, article: Article) -> None:
    """Save with a slug made from the headline. Another story saved at the same
    moment with the same headline may take the slug between the look-up and the
    write: the slug is then numbered on, rather than the save failing."""
    version = article.version
    for attempt in range(1, SLUG_ATTEMPTS + 1):
        article.slug = unique_slug(article.headline, exclude_pk=article.pk)
        try:
            with transaction.atomic():
                save_version(article=article)
            return
        except IntegrityError:
            article.version = version
            taken = Article.objects.filter(slug=article.slug).exclude(pk=article.pk).exists()
            if attempt == SLUG_ATTEMPTS or not taken:
                raise


def time_edit_errors(
    *,
    article: Article,
    changed: set[str],
    published_at: datetime | None,
    expires_at: datetime | None,
    scheduling: bool,
) -> list[tuple[str, str]]:
    """A plain edit of a time must not publish, hide or withdraw an article:
    those are workflow steps with an entry in the audit trail. The errors, as
    (field, message) pairs."""
    now = timezone.now()
    errors = []
    moved = article.pk and "published_at" in changed and published_at
    if moved and article.is_live and published_at > now:
        errors.append(
            (
                "published_at",
                _("This article is live. To take it down, use “Unpublish”; then schedule it."),
            )
        )
    if moved and article.is_scheduled and published_at <= now:
        errors.append(
            (
                "published_at",
                _(
                    "This article is scheduled: a time in the past would publish it now without "
                    "a record. To publish it now, use “Publish now”."
                ),
            )
        )
    if scheduling and published_at and published_at <= now:
        errors.append(("published_at", _("Choose a publication time in the future to schedule.")))
    if "expires_at" in changed and expires_at and expires_at <= now:
        errors.append(
            (
                "expires_at",
                _(
                    "“Unpublish at” must be in the future. To take the article down now, "
                    "use “Unpublish”."
                ),
            )
        )
    return errors


# The workflow --------------------------------------------------------------------

# Where an article stands, finer than its status: a published article is
# scheduled, live or past its "unpublish at" time.
SCHEDULED, LIVE, EXPIRED = "scheduled", "live", "expired"
NOT_LIVE = frozenset(
    {
        Status.PLANNED,
        Status.TRANSLATION,
        Status.DRAFT,
        Status.REVIEW,
        SCHEDULED,
        EXPIRED,
        Status.UNPUBLISHED,
    }
)


def stage(article: Article) -> str:
    if article.status != Status.PUBLISHED:
        return article.status
    if article.is_scheduled:
        return SCHEDULED
    return LIVE if article.is_live else EXPIRED


def _editor(user, article) -> bool:
    return can_publish(user)


def _has_text(article, note, when) -> None:
    if not has_text(article):
        raise InvalidTransition(
            _("Write the story first: an article without a body cannot be submitted for review.")
        )


def _has_note(article, note, when) -> None:
    if not note.strip():
        raise InvalidTransition(
            _("Say what needs doing: a note is required to send an article back.")
        )


def _in_the_future(article, note, when) -> None:
    if when is None or when <= timezone.now():
        raise InvalidTransition(_("Choose a publication time in the future to schedule."))


def _publish_now(article, when) -> list[str]:
    now = timezone.now()
    if article.published_at is None or article.published_at > now:
        article.published_at = now
    if article.updated_at and article.updated_at < article.published_at:
        article.updated_at = None
    if article.expires_at and article.expires_at <= now:
        article.expires_at = None  # publishing again lifts a past expiry
    return ["published_at", "updated_at", "expires_at"]


def _publish_at(article, when) -> list[str]:
    article.published_at = when
    return ["published_at"]


@dataclass(frozen=True)
class Move:
    sources: frozenset[str]  # the stages it starts from
    target: str  # the status it leaves the article in
    may: Callable  # (user, article) -> bool: who may make it
    check: Callable | None = None  # (article, note, when): raises InvalidTransition
    times: Callable | None = None  # (article, when) -> the time fields it set


IN_REVIEW = frozenset({Status.REVIEW})
DRAFTS = frozenset({Status.DRAFT, Status.PLANNED, Status.TRANSLATION})
PUBLISHED = frozenset({SCHEDULED, LIVE, EXPIRED})

# The workflow. The buttons (named "_<move>") and the audit trail name the moves
# by these keys; the buttons come in this order.
TRANSITIONS = {
    "submit": Move(DRAFTS, Status.REVIEW, can_edit, check=_has_text),
    "send_back": Move(IN_REVIEW, Status.DRAFT, _editor, check=_has_note),
    "publish": Move(NOT_LIVE, Status.PUBLISHED, _editor, times=_publish_now),
    "schedule": Move(NOT_LIVE, Status.PUBLISHED, _editor, check=_in_the_future, times=_publish_at),
    "unpublish": Move(PUBLISHED, Status.UNPUBLISHED, _editor),
}
# Why a move cannot start from the stage the article is at.
REFUSALS = {
    "submit": _("Only a draft can be submitted for review."),
    "send_back": _("Only an article in review can be sent back."),
    "publish": _("This article is already published."),
    "schedule": _("This article is already published."),
    "unpublish": _("Only a published or scheduled article can be unpublished."),
}


def may(action: str, user, article: Article | None) -> bool:
    """Whether this person may make the move at all (whatever the article's stage)."""
    return TRANSITIONS[action].may(user, article)


def available_actions(user, article: Article) -> list[str]:
    """The moves this person may make on the article now: its page's buttons."""
    current = stage(article)
    return [
        action
        for action, move in TRANSITIONS.items()
        if current in move.sources and move.may(user, article)
    ]


@transaction.atomic
def transition(
    *, article: Article, action: str, by, note: str = "", when: datetime | None = None
) -> None:
    """Make one move of the table, with its entry in the audit trail."""
    move = TRANSITIONS[action]
    if not move.may(by, article):
        raise PermissionDenied(_("You do not have permission to do that to this article."))
    if stage(article) not in move.sources:
        raise InvalidTransition(REFUSALS[action])
    if move.check:
        move.check(article, note, when)
    previous, article.status = article.status, move.target
    fields = ["status", *(move.times(article, when) if move.times else [])]
    save_version(article=article, update_fields=fields)
    ArticleTransition.objects.create(
        article=article,
        user=by,
        action=action,
        from_status=previous,
        to_status=article.status,
        # A move made for a time records that time unless a note says more.
        note=note or (when.isoformat() if when else ""),
    )


def submit_for_review(*, article: Article, by, note: str = "") -> None:
    transition(article=article, action="submit", by=by, note=note)


def send_back(*, article: Article, by, note: str) -> None:
    transition(article=article, action="send_back", by=by, note=note)


def publish(*, article: Article, by, note: str = "") -> None:
    transition(article=article, action="publish", by=by, note=note)


def schedule(*, article: Article, by, when: datetime | None, note: str = "") -> None:
    transition(article=article, action="schedule", by=by, note=note, when=when)


def unpublish(*, article: Article, by, note: str = "") -> None:
    transition(article=article, action="unpublish", by=by, note=note)


# Translations (issue 12) ----------------------------------------------------------


class TranslationRefused(Exception):
    pass


# What a translation takes over from the version it is made from: the text
# (to be translated in place), where it is filed and how it is shown.
COPIED_FIELDS = [
    "headline",
    "standfirst",
    "body",
    "section_id",
    "comments_enabled",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
    "seo_title",
    "seo_description",
]


def missing_languages(article: Article) -> list[tuple[str, str]]:
    """The enabled languages (code, name) the article's story has no version in."""
    taken = set(
        Article.objects.filter(translation_key=article.translation_key).values_list(
            "language", flat=True
        )
    )
    return [(code, name) for code, name in settings.LANGUAGES if code not in taken]


def lock_story(translation_key) -> None:
    """Hold the rows of a story's versions until the transaction ends: a
    language change and a new translation of the same story then wait for each
    other, so each one's check sees the other's outcome. (SQLite serialises
    whole writing transactions: see the settings.)"""
    list(
        Article.objects.select_for_update()
        .filter(translation_key=translation_key)
        .values_list("pk", flat=True)
    )


def version_in(*, article: Article, language: str) -> Article | None:
    """Another version of the article's story in ``language``, if there is
    one. Called from the article form's validation, inside the admin's
    transaction: the story stays locked until the save."""
    with transaction.atomic():
        lock_story(article.translation_key)
        return (
            Article.objects.filter(translation_key=article.translation_key, language=language)
            .exclude(pk=article.pk)
            .only("pk", "headline")
            .first()
        )


def translation_slug(article: Article, language: str) -> str:
    # Room for the language suffix and unique_slug's number.
    stem = slugify_headline(article.headline, SLUG_MAX_LENGTH - 16) or "article"
    return unique_slug(f"{stem}-{language}")


def create_translation(*, article: Article, language: str, by) -> Article:
    """A new version of ``article``'s story in ``language``, to be translated:
    the same story key, section, tags, byline and lead image (the same files:
    renditions.delete_unused keeps files another row still shows), its text
    copied as the text to translate, in the workflow as "Needs translation"
    and owned by ``by``. Raises TranslationRefused when the language is not
    enabled or the story already has a version in it."""
    if not by.has_perm("articles.add_article"):
        raise PermissionDenied(_("You do not have permission to add articles."))
    names = dict(settings.LANGUAGES)
    if language not in names:
        raise TranslationRefused(_("Articles cannot be written in that language here."))
    existing = Article.objects.filter(translation_key=article.translation_key, language=language)
    translation = Article(
        translation_key=article.translation_key,
        language=language,
        status=Status.TRANSLATION,
        is_featured=False,
        created_by=by,
        **{field: getattr(article, field) for field in COPIED_FIELDS},
    )
    lead_image = article.lead_image.name or ""
    if lead_image and not images.is_incoming(lead_image):
        # An upload still waiting for the worker is the source's alone (the
        # worker publishes it for that row only): the translation gets the
        # image once it is published, by the editor's choice.
        translation.lead_image = lead_image
        translation.lead_image_renditions = article.lead_image_renditions
    try:
        with transaction.atomic():
            lock_story(article.translation_key)
            if existing.exists():
                raise TranslationRefused(
                    _("This story already has a version in %(language)s.")
                    % {"language": names[language]}
                )
            translation.slug = translation_slug(article, language)
            save_version(article=translation)
            translation.tags.set(list(article.tags.all()))
            Byline.objects.bulk_create(
                Byline(article=translation, author_id=byline.author_id, position=byline.position)
                for byline in article.bylines.order_by("position", "pk")
            )
            ArticleTransition.objects.create(
                article=translation,
                user=by,
                action="translate",
                from_status="",
                to_status=Status.TRANSLATION,
                note=f"Created as a translation of #{article.pk} ({article.language})",
            )
    except IntegrityError as error:
        # Someone made the same translation (or took the slug) a moment ago:
        # the database's constraint is the last word.
        if existing.exists():
            raise TranslationRefused(
                _("This story already has a version in %(language)s.")
                % {"language": names[language]}
            ) from error
        raise TranslationRefused(
            _("Someone saved an article at the same moment. Try again.")
        ) from error
    return translation


# Corrections ---------------------------------------------------------------------


def note_corrections(*, article: Article) -> None:
    """A substantive correction or update moves the "Updated" time readers see
    (a minor one does not, nor one dated before the article was published)."""
    substantive = article.corrections.filter(substantive=True).order_by("-created_at").first()
    if (
        substantive
        and article.published_at
        and substantive.created_at >= article.published_at
        and (not article.updated_at or substantive.created_at > article.updated_at)
    ):
        Article.objects.filter(pk=article.pk).update(updated_at=substantive.created_at)
        cache_tags.article_changed(article)


# People: an account, its role and its byline in one step (issue 11). Here
# rather than in newsroom/, which imports no app, because a byline is an Author.


# The Azerbaijani letters that slugify() would drop (no ASCII decomposition),
# romanised as the outlet's bylines are: Məmmədov → Mammadov, Qılınc → Qilinc.
ROMANISE = str.maketrans({"ə": "a", "Ə": "A", "ı": "i"})


def unique_author_slug(display_name: str) -> str:
    """The slug a new byline gets when none is typed: its name's, numbered if taken."""
    base = slugify(display_name.translate(ROMANISE))[:110] or "author"
    slug, number = base, 2
    while Author.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def add_person(
    *,
    by,
    username: str,
    email: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    author: Author | None = None,
):
    """Create a staff account in ``role`` and, if ``author`` is given, give it
    that byline: an unsaved ``Author`` is created (slug from its name when
    blank), a saved one without an account is linked. All or nothing: a byline
    that cannot be saved leaves no account behind. Problems are raised as a
    ``ValidationError`` keyed by the field they concern."""
    if not by.has_perm("auth.add_user"):
        raise PermissionDenied
    if author is not None and author.pk is None and not by.has_perm("articles.add_author"):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return _add_person(
                by=by,
                username=username,
                email=email,
                password=password,
                role=role,
                first_name=first_name,
                last_name=last_name,
                author=author,
            )
    except IntegrityError as error:
        # Only two people adding the same name at the same moment get here:
        # the checks above ran before the other one's commit.
        raise ValidationError(
            _("Someone else has just saved this username or byline. Check and try again.")
        ) from error


def _add_person(*, by, username, email, password, role, first_name, last_name, author):
    User = get_user_model()
    group = Group.objects.filter(name=role).first() if role in roles.ALL else None
    # Staff status comes with the role: without it the admin refuses the role's holder.
    user = User(
        username=username, email=email, first_name=first_name, last_name=last_name, is_staff=True
    )
    user.set_password(password)
    errors = {}
    if group is None:
        errors["role"] = [_("Choose one of the newsroom's roles.")]
    try:
        user.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    if email and User.objects.filter(email__iexact=email).exists():
        errors.setdefault("email", []).append(
            _("Someone in the newsroom already has this e-mail address.")
        )
    if errors:
        raise ValidationError(errors)
    user.save()
    user.groups.add(group)
    if author is not None:
        if author.pk is not None and author.user_id is not None:
            raise ValidationError({"author": _("This author profile belongs to someone else.")})
        author.slug = author.slug or unique_author_slug(author.display_name)
        author.user = user
        author.full_clean()
        author.save()
    audit.record_role_change(actor=by, user=user, before=None)
    return user


def save_own_byline(*, author: Author, by) -> Author:
    """Create or change ``by``'s own author profile (their byline); never
    someone else's, whatever the form sent."""
    if not can_keep_own_byline(by) or author.user_id not in (None, by.pk):
        raise PermissionDenied
    author.user = by
    author.slug = author.slug or unique_author_slug(author.display_name)
    author.full_clean()
    author.save()
    return author
