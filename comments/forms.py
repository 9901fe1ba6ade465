from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from newsroom.http import bounded_int
from newsroom.text import KEPT_IN_TEXT, strip_invisible

from .models import Comment, DiscussionSettings


class CommentForm(forms.Form):
    """The "Leave a Reply" form. Field names follow WordPress's, which readers'
    password managers and browsers already know."""

    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45}),
        error_messages={"required": _("Please write your comment.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        error_messages={
            "required": _("Please enter your email address. It will not be published."),
            "invalid": _("Enter a valid email address, like name@example.com."),
        },
    )
    url = forms.CharField(label=_("Website"), max_length=200, required=False)
    save_author = forms.BooleanField(
        label=_("Save my name, email, and website in this browser for the next time I comment."),
        required=False,
    )
    notify = forms.BooleanField(label=_("Notify me of replies by email"), required=False)
    # Hidden fields have nowhere to show an error, so garbage in them counts as
    # absent (see clean_parent and clean_elapsed) rather than a silent 400.
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    article = forms.IntegerField(widget=forms.HiddenInput)
    # Seconds between the page opening and the submit, filled in by site.js.
    elapsed = forms.CharField(required=False, widget=forms.HiddenInput)
    # A honeypot: hidden from people, filled in by form-filling bots. Its name
    # must mean nothing to browsers' autofill: Chrome fills a field called
    # "phone" for real readers, whose comments would then silently vanish.
    hp_trap = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, rules: DiscussionSettings, **kwargs):
        super().__init__(*args, **kwargs)
        # Kept with the form: the page showing it needs them too (the length
        # limit, whether replies are open), and they are loaded once per request.
        self.rules = rules
        self.max_length = rules.max_length
        self.fields["body"].widget.attrs["maxlength"] = rules.max_length

    @property
    def first_error_field(self) -> str:
        """The field to focus when the form comes back with errors."""
        if not self.is_bound:
            return ""
        return next((name for name in self.fields if name in self.errors), "")

    def clean_body(self):
        # Bidi overrides and zero-width characters would be shown raw (text that
        # reads backwards, words that dodge the word lists): dropped.
        body = strip_invisible(self.cleaned_data["body"], keep=KEPT_IN_TEXT).strip()
        if not body:
            raise forms.ValidationError(_("Please write your comment."), code="required")
        if len(body) > self.max_length:
            raise forms.ValidationError(
                _(
                    "Your comment is %(length)d characters long; the limit is %(limit)d. "
                    "Please shorten it."
                ),
                code="max_length",
                params={"length": len(body), "limit": self.max_length},
            )
        return body

    def clean_name(self):
        # A name of invisible characters only is no name; one with them inside
        # could pass for another commenter's.
        name = " ".join(strip_invisible(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Please enter your name."), code="required")
        return name

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if not url:
            return ""
        if "://" not in url:
            url = "https://" + url
        limit = Comment._meta.get_field("url").max_length
        if len(url) > limit:
            raise forms.ValidationError(
                _(
                    "This web address is too long: at most %(limit)d characters, "
                    "counting the https:// we add."
                ),
                code="max_length",
                params={"limit": limit},
            )
        try:
            URLValidator(schemes=["http", "https"])(url)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Enter a web address starting with http:// or https://, or leave it empty."),
                code="invalid_url",
            ) from None
        return url

    def clean_parent(self) -> int | None:
        return bounded_int(self.cleaned_data["parent"])

    def clean_elapsed(self) -> float | None:
        try:
            elapsed = float(self.cleaned_data["elapsed"])
        except ValueError:
            return None
        return elapsed if 0 <= elapsed < 10**7 else None


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please tell us briefly why you are reporting it.")},
    )


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 6, "cols": 80}))
