"""Site-wide records: the admin's security settings and two-factor recovery codes."""

import hmac
import secrets

from django.db import models
from django.utils.crypto import salted_hmac
from django_otp.models import Device


class SecuritySettings(models.Model):
    """One row, edited by chief editors in the admin."""

    require_two_factor = models.BooleanField(
        "require two-factor for those who publish or send newsletters",
        default=False,
        help_text=(
            "Editors, chief editors and newsletter managers (everyone who may publish or "
            "send newsletters) must then enrol an authenticator app before they can do "
            "anything else in the admin."
        ),
    )

    class Meta:
        verbose_name = verbose_name_plural = "security settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="security_settings_singleton")
        ]

    def __str__(self):
        return "Security settings"

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
