"""The article admin's forms: the article itself and its preview links."""

from datetime import timedelta

from django import forms
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.models import Tag

from .. import services
from ..models import Article, PreviewLink
from ..sanitize import images_without_alt, sanitize_html
from ..slugs import slugify_headline

# What the body editor offers; nh3 (articles/sanitize.py) still decides on save.
BODY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "HardBreak": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Image": True,
        "Figure": True,
        "Caption": True,
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "History": True,
        "SpecialCharacters": True,
    }
}


TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class ArticleAdminForm(forms.ModelForm):
    body = ProseEditorFormField(
        label=_("Body"),
        required=False,
        config=BODY_EDITOR,
        sanitize=sanitize_html,
        widget=AdminProseEditorWidget,
    )
    # The version the editor started from: a save from an older one is refused.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    transition_note = forms.CharField(
        label=_("Note for the workflow step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 90}),
        help_text=_("Required when sending an article back; shown in the audit trail."),
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {
            "headline": forms.TextInput(attrs={"size": 90}),
            "slug": forms.TextInput(attrs={"size": 90}),
            "standfirst": forms.Textarea(attrs={"rows": 3, "cols": 90}),
            "lead_image_alt": forms.TextInput(attrs={"size": 90}),
            "lead_image_caption": forms.TextInput(attrs={"size": 90}),
            "seo_title": forms.TextInput(attrs={"size": 70}),
            "seo_description": forms.Textarea(attrs={"rows": 2, "cols": 90}),
        }

    # The workflow move the form is saved for (the button pressed), set by the admin.
    action: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["edit_version"] = self.instance.version
        slug = self.fields.get("slug")
        if slug is not None:
            # Left blank (the browser fills it from the headline, unless its script
            # did not run), it is made from the headline on save: services.save_article.
            slug.required = False
            slug.help_text = _(
                "The last part of the article's address. Keep it short. Left blank, "
                "it is made from the headline."
            )
            # clean_slug says what is wrong, and offers a slug that would do.
            slug.validators.remove(validate_slug)
        language = self.fields.get("language")
        if language is not None:
            # A browser always sends the select's choice; a client that leaves
            # it out keeps the article's language (the default for a new one).
            language.required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        # Judged on what will be saved: images the sanitiser drops need no alt text.
        if images_without_alt(sanitize_html(body)):
            raise forms.ValidationError(
                _(
                    "Every image in the body needs alt text: describe what it shows "
                    "for readers who cannot see it."
                ),
                code="image_without_alt",
            )
        return body

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "").strip()
        if not slug:
            return slug
        try:
            validate_slug(slug)
        except forms.ValidationError:
            # Refused rather than rewritten: the address is the editor's choice,
            # so the editor sees it before it is saved ("Şuşa" is offered as susa).
            suggestion = slugify_headline(slug)
            if not suggestion:
                raise forms.ValidationError(
                    _(
                        "Use only Latin letters (a–z), digits and hyphens in the slug, "
                        "or leave it blank to make it from the headline."
                    ),
                    code="invalid",
                ) from None
            raise forms.ValidationError(
                _(
                    "Use only Latin letters (a–z), digits and hyphens in the slug: "
                    "“%(suggestion)s”, for example, or leave it blank to make it "
                    "from the headline."
                ),
                code="invalid",
                params={"suggestion": suggestion},
            ) from None
        return slug

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        too_long = [tag for tag in tags if len(tag) > TAG_MAX_LENGTH]
        if too_long:
            # taggit's column holds 100 characters: PostgreSQL would refuse the row.
            raise forms.ValidationError(
                _("A tag can be at most %(max)d characters long: “%(tag)s…” is longer."),
                code="tag_too_long",
                params={"max": TAG_MAX_LENGTH, "tag": too_long[0][:40]},
            )
        return tags

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lead_image") and not cleaned.get("lead_image_alt", "").strip():
            # Next to the field it is about (the model's constraint would say it above the form).
            self.add_error("lead_image_alt", _("Describe the lead image in its alt text."))
        language = cleaned.get("language")
        if "language" in self.changed_data and language:
            # translation_key is not on the form, so the model's validation
            # leaves the one-version-per-language constraint to the database.
            clash = services.version_in(article=self.instance, language=language)
            if clash is not None:
                self.add_error(
                    "language",
                    _(
                        "This story already has a version in that language: “%(headline)s”. "
                        "Choose another language, or edit that version."
                    )
                    % {"headline": clash.headline},
                )
        errors = services.time_edit_errors(
            article=self.instance,
            changed=set(self.changed_data),
            published_at=cleaned.get("published_at"),
            expires_at=cleaned.get("expires_at"),
            scheduling=self.action == "schedule",
        )
        for field, message in errors:
            self.add_error(field, message)
        if self.instance.pk:
            services.check_version(article=self.instance, started=cleaned.get("edit_version"))
        return cleaned


PREVIEW_LINK_MAX_DAYS = 30


class PreviewLinkForm(forms.ModelForm):
    revoke = forms.BooleanField(label=_("revoke"), required=False)

    class Meta:
        model = PreviewLink
        fields = ["expires_at"]

    def has_changed(self):
        # The inline offers no empty row (extra = 0): a new row is one the editor
        # added with "Add another". Left at its default expiry it would equal
        # its initial value when saved in the same second, and the formset
        # would skip it as untouched: the link silently not made (issue 11).
        return self.instance.pk is None or super().has_changed()

    def clean_expires_at(self):
        expires = self.cleaned_data["expires_at"]
        if self.instance.pk and "expires_at" not in self.changed_data:
            return expires
        now = timezone.now()
        if expires <= now:
            raise forms.ValidationError(_("Choose a time in the future."), code="past")
        if expires > now + timedelta(days=PREVIEW_LINK_MAX_DAYS):
            # A link outside the newsroom should not outlive the review it was made for.
            raise forms.ValidationError(
                _("A preview link can work for at most %(days)d days."),
                code="too_long",
                params={"days": PREVIEW_LINK_MAX_DAYS},
            )
        return expires

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and not self.instance.revoked_at:
            self.instance.revoked_at = timezone.now()
        return super().save(commit)
