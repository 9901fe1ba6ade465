import re
import unicodedata

from django import forms
from django.conf import settings
from django.core.validators import EmailValidator
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.http import bounded_int
from newsroom.links import absolute_reverse
from newsroom.text import has_invisible

from .models import Issue, IssueArticle, NewsletterList

# Shown beside every sign-up form and stored, as shown, in the consent record.
CONSENT_LINE = _(
    "By subscribing you agree to receive our newsletters by email, and can leave at any time "
    "from any of them."
)


def consent_text() -> str:
    return f"{CONSENT_LINE} {_('Privacy notice')}: {absolute_reverse('privacy')}"


# One label of a domain name (RFC 1035 letters, digits, hyphens; IDNs in punycode).
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def validate_domain_shape(domain: str) -> None:
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise forms.ValidationError(_("The part after @ is not a valid domain name.")) from None
    labels = ascii_domain.rstrip(".").split(".")
    if (
        len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or not re.match(r"^(xn--[a-z0-9-]+|[a-z]{2,63})$", labels[-1])
    ):
        raise forms.ValidationError(
            _("The part after @ does not look like a real domain, e.g. example.com."),
            code="bad_domain",
        )


def clean_email_address(value: str) -> str:
    """The one spelling of an address that every lookup, throttle and the unique
    index use (issue 10: seven spellings of one mailbox made seven subscribers):

    - invisible characters (zero-width space, soft hyphen, word joiner, bidi
      controls: Unicode format characters) are refused, not dropped: the reader
      sees their address is not what it looks like;
    - compatibility forms are folded (NFKC: full-width "ｅｘａｍｐｌｅ" is
      "example"), as mail providers' sign-in pages do;
    - a quoted local part that needs no quotes loses them (RFC 5321 4.1.2:
      ``"victim"@example.com`` is ``victim@example.com``); one that needs them
      is refused, as no reader's real address does;
    - the domain is written in ASCII (IDNA, punycode for an international one)
      and lower case. The local part keeps the reader's letters (a mailbox
      may in theory tell them apart); lookups and the unique index ignore
      their case (``Subscriber.objects.with_email``).
    """
    email = unicodedata.normalize("NFKC", value.strip())
    if not email:
        raise forms.ValidationError(_("Enter your email address."), code="required")
    if any(char in email for char in "\r\n\0"):
        raise forms.ValidationError(
            _("An email address cannot contain line breaks."), code="header_injection"
        )
    if has_invisible(email):
        raise forms.ValidationError(
            _(
                "This address contains invisible characters (such as a zero-width space "
                "or a soft hyphen). Please type it again."
            ),
            code="invisible",
        )
    local, _at, domain = email.rpartition("@")
    if local.startswith('"') and local.endswith('"') and len(local) >= 2:
        local = local[1:-1]
        if not _DOT_ATOM.match(local):
            raise forms.ValidationError(
                _("Enter the address without quotation marks, like name@example.com."),
                code="quoted",
            )
    if len(email) > 254:
        raise forms.ValidationError(
            _("That address is too long (at most 254 characters)."), code="max_length"
        )
    EmailValidator(message=_("Enter a valid email address, like name@example.com."))(
        f"{local}@{domain}"
    )
    validate_domain_shape(domain)
    ascii_domain = domain.rstrip(".").encode("idna").decode("ascii")
    return f"{local}@{ascii_domain.lower()}"


# An unquoted local part (RFC 5322 dot-atom; letters beyond ASCII as RFC 6531 allows).
_DOT_ATOM = re.compile(r"^[\w!#$%&'*+/=?^`{|}~-]+(\.[\w!#$%&'*+/=?^`{|}~-]+)*\Z")


class ListChoiceField(forms.ModelMultipleChoiceField):
    """Newsletter lists by id; an id that is not a plausible number (one beyond
    64 bits overflows SQLite's integer) is an invalid choice, not a 500."""

    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value):
        for pk in value:
            if not re.fullmatch(r"\d{1,18}", str(pk)):
                raise forms.ValidationError(
                    _("Choose newsletters from the list (“%(value)s” is not one)."),
                    code="invalid_choice",
                    params={"value": str(pk)[:20]},
                )
        return super()._check_values(value)


class SignupForm(forms.Form):
    email = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "max_length": _("That address is too long (at most 254 characters)."),
        },
    )
    lists = ListChoiceField(
        label=_("Newsletters"), queryset=NewsletterList.objects.none(), required=False
    )
    # A honeypot: hidden from people, filled in by form-filling bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    source = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The lists of the page's language (the one its address names), chosen
        # per request: a list of another language is not a choice here.
        self.fields["lists"].queryset = NewsletterList.objects.for_signup()

    def checked_ids(self) -> set[int]:
        """The list ids to show ticked when the form comes back with errors."""
        values = self.data.getlist("lists") if hasattr(self.data, "getlist") else []
        return {number for value in values if (number := bounded_int(value)) is not None}

    def clean_email(self):
        return clean_email_address(self.cleaned_data["email"])

    def clean_lists(self):
        chosen = list(self.cleaned_data["lists"])
        available = list(self.fields["lists"].queryset)
        if chosen:
            return chosen
        if len(available) == 1:
            return available
        defaults = [newsletter for newsletter in available if newsletter.is_default]
        if defaults and not self.data.get("choice"):
            # A form that offered no choice (no "choice" marker) means the default lists.
            return defaults
        raise forms.ValidationError(_("Choose at least one newsletter."), code="no_list")


class PreferencesForm(forms.Form):
    # Every language's lists: a reader may follow lists in several, and the
    # page must not drop those it would not show.
    lists = ListChoiceField(
        label=_("Newsletters"), queryset=NewsletterList.objects.public(), required=False
    )


MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One address per row in a column named “email”. An optional “lists” column "
            "holds list slugs separated by “;”. Everyone imported must have agreed to receive "
            "the newsletter."
        ),
    )
    lists = ListChoiceField(
        label=_("Add everyone to"), queryset=NewsletterList.objects.all(), required=False
    )
    source = forms.CharField(
        label=_("Where these addresses come from"),
        max_length=80,
        help_text=_("Recorded as the consent source, e.g. “Old WordPress list, 2026”."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)d MB; import at most %(max)d MB at a time."),
                code="too_big",
                params={"size": -(-upload.size // 2**20), "max": MAX_IMPORT_BYTES // 2**20},
            )
        return upload


class IssueAdminForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = "__all__"  # noqa: DJ007 - IssueAdmin.fields chooses what is shown and editable
        widgets = {
            "subject": forms.TextInput(attrs={"size": 80}),
            "preheader": forms.TextInput(attrs={"size": 80}),
        }

    def clean_scheduled_at(self):
        when = self.cleaned_data.get("scheduled_at")
        if (
            self.instance.status != Issue.Status.SCHEDULED
            or "scheduled_at" not in self.changed_data
        ):
            return when
        if when is None:
            raise forms.ValidationError(
                _("A scheduled issue needs a time; use “Unschedule” to make it a draft again.")
            )
        if when <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or use “Send now”."))
        return when


class IssueArticleForm(forms.ModelForm):
    """An article of an issue; one added without a position goes last."""

    position = forms.IntegerField(
        label=_("position"),
        required=False,
        min_value=1,
        max_value=10_000,
        widget=forms.NumberInput(attrs={"class": "position-input"}),
    )

    class Meta:
        model = IssueArticle
        fields = ["position", "article"]

    def save(self, commit=True):
        if self.cleaned_data.get("position") is None:
            last = self.instance.issue.article_links.aggregate(last=Max("position"))["last"]
            self.instance.position = (last or 0) + 1
        return super().save(commit)


class ScheduleForm(forms.Form):
    """The issue page's "Schedule": when to send the issue."""

    when = forms.DateTimeField(
        label=_("Send at"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "aria-describedby": "id_when_helptext"},
            format="%Y-%m-%dT%H:%M",
        ),
        error_messages={
            "required": _("Enter the date and time to send it at."),
            "invalid": _("Enter a date and time, like 2026-12-24 08:00."),
        },
    )

    def __init__(self, *args, issue: Issue, **kwargs):
        super().__init__(*args, **kwargs)
        if issue.scheduled_at and issue.scheduled_at > timezone.now():
            self.fields["when"].initial = timezone.localtime(issue.scheduled_at)

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError(
                _("That time has passed: choose a time in the future, or use “Send now”."),
                code="past",
            )
        return when


class IssueArticleFormSet(forms.BaseInlineFormSet):
    """The issue's articles. An issue is read in its list's language: its
    articles must be in it too (issue 12). The picker searches every language;
    each article of another says why, next to it."""

    def clean(self):
        super().clean()
        # The issue as its own form left it: the list just chosen, if one was.
        issue = self.instance
        if not issue.newsletter_list_id:
            return
        newsletter = issue.newsletter_list
        languages = dict(settings.LANGUAGES)
        for form in self.forms:
            article = getattr(form, "cleaned_data", {}).get("article")
            if article is None or self._should_delete_form(form):
                continue
            if article.language != newsletter.language:
                form.add_error(
                    "article",
                    forms.ValidationError(
                        _(
                            "“%(list)s” is in %(language)s; this article is in "
                            "%(article_language)s. Choose one in %(language)s."
                        ),
                        code="wrong_language",
                        params={
                            "list": newsletter.name,
                            "language": languages.get(newsletter.language, newsletter.language),
                            "article_language": languages.get(article.language, article.language),
                        },
                    ),
                )
