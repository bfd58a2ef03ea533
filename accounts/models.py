from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", User.Role.ADMIN)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    """Staff, trainers, partners and multipliers; participants never have accounts. Login by e-mail."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administration")
        TEAM = "team", _("Projektteam")
        TRAINER = "trainer", _("Referent_in")
        PARTNER = "partner", _("Partnerorganisation")
        MULTIPLIER = "multiplier", _("Multiplikator_in")

    username = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.TEAM)
    partner_organisation = models.ForeignKey(
        "events.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
        verbose_name=_("Partnerorganisation"),
        help_text=_("Nur für Konten mit der Rolle Partnerorganisation: sie sehen deren gemeinsame Veranstaltungen."),
    )

    # Raised by every change made on the accounts page: two admins never overwrite each other silently.
    version = models.PositiveIntegerField(default=1, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")

    def __str__(self):
        return self.get_full_name() or f"#{self.pk}"

    @property
    def status(self):
        """invited (no password chosen yet), active or deactivated: what the accounts page shows."""
        if not self.is_active:
            return "deactivated"
        return "active" if self.has_usable_password() else "invited"


class Invitation(models.Model):
    """A one-time, expiring link to choose the first password (invitations and the first admin).

    Only the SHA-256 of the token is stored; a new invitation for the same account deletes the older
    ones, so only the newest link works. `used_at` tells a used link from a tampered one.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")

    def __str__(self):
        return f"#{self.pk}"
