"""Site-wide records: the admin's security settings, two-factor recovery codes
and the audit trail."""

import hmac
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class SecuritySettings(models.Model):
    """One row, edited by chief editors in the admin."""

    require_two_factor = models.BooleanField(
        _("require two-factor for those who publish or send newsletters"),
        default=False,
        help_text=_(
            "Editors, chief editors and newsletter managers (everyone who may publish or "
            "send newsletters) must then enrol an authenticator app before they can do "
            "anything else in the admin."
        ),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("security settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="security_settings_singleton")
        ]

    def __str__(self):
        return str(_("Security settings"))

    @classmethod
    def load(cls) -> "SecuritySettings":
        return cls.objects.get_or_create(pk=1)[0]


def hash_recovery_code(code: str) -> str:
    """Keyed with SECRET_KEY, so that a copy of the database alone cannot be
    searched for the codes; the codes are random enough (64 bits) for one hash."""
    normalised = code.strip().lower().replace("-", "").replace(" ", "")
    return salted_hmac("newsroom.recovery-code", normalised, algorithm="sha256").hexdigest()


class RecoveryCodeDevice(Device):
    """A django-otp device whose tokens are one-time recovery codes, stored
    hashed (django-otp's own static device keeps them readable)."""

    def generate_codes(self, count: int = 10) -> list[str]:
        """Replace this device's codes with new ones, returned once in clear."""
        codes = ["-".join(secrets.token_hex(2) for _ in range(4)) for _ in range(count)]
        self.codes.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=self, code_hash=hash_recovery_code(code)) for code in codes
        )
        return codes

    def verify_token(self, token) -> bool:
        digest = hash_recovery_code(str(token))
        for code in self.codes.all():
            if hmac.compare_digest(code.code_hash, digest):
                # Deleted by its key: of two requests using one code, one wins.
                return RecoveryCode.objects.filter(pk=code.pk).delete()[0] == 1
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["device", "code_hash"], name="recovery_code_unique")
        ]

    def __str__(self):
        return f"Recovery code of {self.device.user}"


class AuditEntry(models.Model):
    """The site-wide audit trail: who did what, when, to what, across the apps.

    Generic on purpose (newsroom/ imports no app): the apps record their own
    events through ``newsroom.audit.record`` from their services. Articles keep
    their own, richer trail of workflow steps (``articles.ArticleTransition``);
    this one does not repeat it."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # Kept when the account goes: the record says who it was by name too.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("who (name)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=60)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("what"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        indexes = [
            models.Index(fields=["action", "-created_at"], name="audit_action_idx"),
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name or '—'}: {self.action}"
