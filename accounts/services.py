"""Login, second factor, password reset and the accounts page: the writes behind the account views."""

import hashlib
import secrets
import time
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib.auth import get_user_model, user_login_failed
from django.contrib.auth import login as auth_login
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.lockout import account_key
from accounts.models import Invitation, User
from accounts.permissions import has_confirmed_device, requires_two_factor
from accounts.signals import announce
from mail.services import queue_mail

PENDING_KEY = "accounts_pending_login"
SETUP_KEY = "accounts_totp_setup"
RECOVERY_CODES_KEY = "accounts_recovery_codes_once"
PENDING_MAX_AGE = 10 * 60  # seconds between password and code
SETUP_MAX_AGE = 24 * 60 * 60  # an unconfirmed app key older than this belongs to an abandoned set-up
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator-App"
RECOVERY_DEVICE_NAME = "Wiederherstellungscodes"


# --- The step between password and code ---------------------------------------------
def start_pending_login(request, user):
    """Remember who passed the password check; they are not logged in until the code is right."""
    request.session.cycle_key()  # a new session id before anything is granted (fixation)
    request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "at": int(time.time())}


def pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_MAX_AGE:
        request.session.pop(PENDING_KEY, None)
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def cancel_pending_login(request):
    request.session.pop(PENDING_KEY, None)


@transaction.atomic
def complete_login(*, request, user, device=None):
    """Log the user in for real (after the code, where one is needed) and record it."""
    request.session.pop(PENDING_KEY, None)
    auth_login(request, user)
    reset_lockout(username=account_key(user.email))
    if device is not None:
        otp_login(request, device)
    if settings.STAFF_SESSION_EXPIRE_AT_BROWSER_CLOSE and requires_two_factor(user):
        # Ends with the browser; the server still forgets it after SESSION_COOKIE_AGE.
        request.session.set_expiry(0)
    factor = "" if device is None else ("recovery_code" if isinstance(device, StaticDevice) else "totp")
    announce(actor=user, action="account.login", target=user, details={"second_factor": factor}, request=request)
    if factor == "recovery_code":
        announce(actor=user, action="account.recovery_code_used", target=user, request=request)


def record_failed_login(*, request, email):
    """A wrong password: logged against the account if it exists (its id, never the typed address)."""
    user = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    announce(actor=None, action="account.login_failed", target=user, details={"step": "password"}, request=request)


def login_allowed(request, user):
    """False while django-axes has locked the account or the address."""
    return AxesProxyHandler.is_allowed(request, {"username": user.email})


def verify_second_factor(*, request, user, code):
    """The device that accepts `code` (app or recovery code), or None.

    A wrong code counts as a failed login for django-axes (same limit and lock-out as
    passwords), on top of django-otp's growing wait per device.
    """
    device = None
    with transaction.atomic():
        for candidate in devices_for_user(user, for_verify=True):
            if candidate.verify_token(code):
                device = candidate
                break
    if device is None:
        announce(actor=None, action="account.otp_failed", target=user, request=request)
        user_login_failed.send(sender=__name__, credentials={"username": user.email}, request=request)
    return device


# --- Setting up the app and the recovery codes ---------------------------------------
def totp_device_for_setup(*, request, user):
    """This browser's own unconfirmed app device for `user`: a new key per set-up attempt.

    The key is bound to the session, so another session that also knows the password
    gets a key of its own and never sees this one; a reload keeps the key already scanned.
    """
    attempt = request.session.get(SETUP_KEY) or {}
    device = None
    if attempt.get("user") == user.pk:
        device = TOTPDevice.objects.filter(pk=attempt.get("device"), user=user, confirmed=False).first()
    if device is None:
        # Attempts abandoned long ago can no longer be finished (the pending login is long gone).
        stale = timezone.now() - timedelta(seconds=SETUP_MAX_AGE)
        TOTPDevice.objects.filter(user=user, confirmed=False, created_at__lt=stale).delete()
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        request.session[SETUP_KEY] = {"user": user.pk, "device": device.pk}
    return device


@transaction.atomic
def confirm_totp_device(*, request, user, device, code):
    """Confirm the app with a first code (only while no app is confirmed) and make recovery codes.

    Every other set-up attempt's key is deleted with it, so only this browser's app works.
    """
    # Serialises two browsers confirming at the same moment: the second then sees the first's app.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if device.user_id != user.pk or has_confirmed_device(user) or not device.verify_token(code):
        announce(actor=None, action="account.otp_failed", target=user, details={"step": "setup"}, request=request)
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    request.session.pop(SETUP_KEY, None)
    announce(actor=user, action="account.otp_confirmed", target=user, request=request)
    codes = create_recovery_codes(user=user, request=request)
    return device, codes


@transaction.atomic
def create_recovery_codes(*, user, request=None):
    """Ten fresh single-use codes; the old ones stop working. Returned once, stored only as tokens."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    announce(actor=user, action="account.recovery_codes_created", target=user, request=request)
    if request is not None:
        # Shown on the next page and then forgotten (see views.recovery_codes).
        request.session[RECOVERY_CODES_KEY] = codes
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- Password reset ---------------------------------------------------------------------
def request_password_reset(*, email, language):
    """Take a reset request; the link itself is written by the job `accounts.tasks.send_password_reset`.

    The request does the same work whether or not the address has an account (one lookup, one
    job row with a possibly empty list of ids), so its answer and its timing tell nothing; the
    rendering, token and outbox row, which only a real account costs, happen in the worker.
    """
    user_ids = list(
        get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).values_list("pk", flat=True)
    )
    # By name: the task module imports this one, so imports run one way (tasks → services).
    import_string("accounts.tasks.send_password_reset").enqueue(user_ids=user_ids, language=language)


@transaction.atomic
def send_password_reset(*, user_ids, language):
    """The job's work: a reset link for each active account with a password (none for an unknown address)."""
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        if not user.has_usable_password():
            continue
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        send_password_reset_mail(
            user=user, to=user.email, uid=uid, token=default_token_generator.make_token(user), language=language
        )


def send_password_reset_mail(*, user, to, uid, token, language):
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    queue_mail(
        to=to,
        template="accounts/mail/password_reset",
        context={"reset_url": settings.SITE_URL + path, "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        language=language,
        # The link is a key to the account: keep it in the outbox only until it is sent.
        erase_body_after_send=True,
    )
    announce(actor=None, action="account.password_reset_requested", target=user)


# --- Invitations: one-time, expiring links to choose the first password ----------------------
class AccountChangeRefused(Exception):
    """A change the accounts page refuses; `str(error)` says why, for the person who tried."""


class LastAdminError(AccountChangeRefused):
    pass


class StaleAccountError(AccountChangeRefused):
    pass


class AdminExistsError(AccountChangeRefused):
    pass


class AccountExistsError(AccountChangeRefused):
    pass


def _token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_url(token):
    return settings.SITE_URL + reverse("accounts:accept_invitation", kwargs={"token": token})


def _new_invitation(*, user, created_by):
    """A fresh link for `user`; older links of the account stop working. Returns the raw token (shown once)."""
    Invitation.objects.filter(user=user).delete()
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        token_hash=_token_hash(token),
        created_by=created_by,
        expires_at=timezone.now() + timedelta(hours=settings.ACCOUNT_INVITATION_HOURS),
    )
    return token


def _send_invitation_mail(*, user, token, language):
    queue_mail(
        to=user.email,
        template="accounts/mail/invitation",
        context={
            "invitation_url": invitation_url(token),
            "valid_hours": settings.ACCOUNT_INVITATION_HOURS,
            "role": user.get_role_display(),
        },
        language=language,
        # The link is a key to the account: keep it in the outbox only until it is sent.
        erase_body_after_send=True,
    )


def active_admins():
    """Admins who can log in: active, a password chosen, role admin or superuser."""
    return User.objects.filter(Q(role=User.Role.ADMIN) | Q(is_superuser=True), is_active=True).exclude(
        password__startswith=UNUSABLE_PASSWORD_PREFIX
    )


@transaction.atomic
def create_first_admin(*, email, send=False, language=None):
    """The installation's first administrator, with a set-up link (printed or mailed); never a password.

    Refused while an admin who can log in exists. Run again for an address that was invited but
    never finished, it makes a new link (the old one stops working). Returns (user, url).
    """
    list(active_admins().select_for_update())
    if active_admins().exists():
        raise AdminExistsError(_("Es gibt schon ein aktives Administrationskonto."))
    email = User.objects.normalize_email(email.strip())
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email)
    elif user.status != "invited" or user.role != User.Role.ADMIN:
        # Never take over someone's working account (or a deactivated one) from the command line.
        raise AccountExistsError(_("Für diese Adresse gibt es schon ein Konto."))
    user.role, user.is_active, user.partner_organisation = User.Role.ADMIN, True, None
    user.set_unusable_password()
    creating = user.pk is None
    user.save()
    if not creating:
        User.objects.filter(pk=user.pk).update(version=F("version") + 1)
    token = _new_invitation(user=user, created_by=None)
    if send:
        _send_invitation_mail(user=user, token=token, language=language or settings.LANGUAGE_CODE)
    announce(actor=None, action="account.first_admin_created", target=user, details={"mailed": bool(send)})
    return user, invitation_url(token)


class InvitationInvalid(Exception):
    """Why a set-up link does not work: `reason` is "invalid", "used" or "expired"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def invitation_for(token, *, lock=False):
    """The invitation behind `token` if it can still be used; else InvitationInvalid with the reason."""
    rows = Invitation.objects.select_related("user")
    if lock:
        rows = rows.select_for_update()
    invitation = rows.filter(token_hash=_token_hash(token or "")).first()
    if invitation is None or not invitation.user.is_active:
        raise InvitationInvalid("invalid")
    if invitation.used_at is not None:
        raise InvitationInvalid("used")
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid("expired")
    return invitation


@transaction.atomic
def accept_invitation(*, token, password, request=None):
    """Set the first password through a set-up link; the link then stops working."""
    invitation = invitation_for(token, lock=True)
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    announce(actor=None, action="account.invitation_accepted", target=user, request=request)
    return user


# --- The accounts page: invite, re-invite, role, deactivate, second factor ------------------
def _locked_account(user, expected_version):
    """The account, locked for this transaction, if nobody changed it since the form was shown."""
    current = User.objects.select_for_update().get(pk=user.pk)
    if current.version != expected_version:
        raise StaleAccountError(
            _(
                "Jemand anderes hat dieses Konto gerade geändert. Prüfen Sie den aktuellen Stand unten "
                "und versuchen Sie es dann noch einmal."
            )
        )
    return current


def _lock_admins():
    """Lock every admin who can log in, always first and in id order (so two removals never deadlock)."""
    return list(active_admins().select_for_update().order_by("pk").values_list("pk", flat=True))


def _refuse_removing_last_admin(account, admins):
    """Refused when `account` is the last admin who can log in (`admins`: from _lock_admins)."""
    if account.pk in admins and len(admins) <= 1:
        raise LastAdminError(
            _(
                "Das ist das letzte aktive Administrationskonto. Geben Sie zuerst einem anderen Konto "
                "die Rolle Administration, dann können Sie dieses ändern."
            )
        )


def _bump(account, **fields):
    fields["version"] = F("version") + 1
    User.objects.filter(pk=account.pk).update(**fields)
    account.refresh_from_db()


@transaction.atomic
def invite(*, actor, email, role, partner_organisation=None, first_name="", last_name="", language, request=None):
    """A new account without a password, and a mail with its one-time set-up link.

    Refused with `AccountExistsError` when the address has an account, also when two admins invite
    it at the same moment (the unique address decides; the second gets the message, not an error page).
    """
    email = User.objects.normalize_email(email.strip())
    if User.objects.filter(email__iexact=email).exists():
        raise AccountExistsError(_("Für diese Adresse gibt es schon ein Konto. Sie finden es in der Liste der Konten."))
    user = User(
        email=email,
        role=role,
        partner_organisation=partner_organisation if role == User.Role.PARTNER else None,
        first_name=first_name,
        last_name=last_name,
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise AccountExistsError(
            _("Für diese Adresse gibt es schon ein Konto. Sie finden es in der Liste der Konten.")
        ) from None
    token = _new_invitation(user=user, created_by=actor)
    _send_invitation_mail(user=user, token=token, language=language)
    announce(actor=actor, action="account.invited", target=user, details={"role": role}, request=request)
    return user


@transaction.atomic
def reinvite(*, actor, user, expected_version, language=None, request=None):
    """A new set-up link for an account that has not chosen a password yet; the old link stops working."""
    account = _locked_account(user, expected_version)
    if account.status != "invited":
        raise AccountChangeRefused(_("Dieses Konto hat schon ein Passwort; eine neue Einladung ist nicht nötig."))
    token = _new_invitation(user=account, created_by=actor)
    _send_invitation_mail(user=account, token=token, language=language or settings.LANGUAGE_CODE)
    _bump(account)
    announce(actor=actor, action="account.reinvited", target=account, request=request)
    return account


@transaction.atomic
def change_role(*, actor, user, role, partner_organisation, expected_version, request=None):
    admins = _lock_admins()
    account = _locked_account(user, expected_version)
    if role != User.Role.ADMIN and not account.is_superuser:
        _refuse_removing_last_admin(account, admins)
    old_role = account.role
    _bump(account, role=role, partner_organisation=partner_organisation if role == User.Role.PARTNER else None)
    details = {"from": old_role, "to": role}
    if account.partner_organisation_id:
        details["partner_organisation"] = account.partner_organisation_id
    announce(actor=actor, action="account.role_changed", target=account, details=details, request=request)
    return account


@transaction.atomic
def deactivate(*, actor, user, expected_version, request=None):
    """The account can no longer log in; its sessions end (Django refuses inactive accounts' sessions)."""
    admins = _lock_admins()
    account = _locked_account(user, expected_version)
    _refuse_removing_last_admin(account, admins)
    _bump(account, is_active=False)
    Invitation.objects.filter(user=account).delete()
    announce(actor=actor, action="account.deactivated", target=account, request=request)
    return account


@transaction.atomic
def reactivate(*, actor, user, expected_version, request=None):
    account = _locked_account(user, expected_version)
    _bump(account, is_active=True)
    announce(actor=actor, action="account.reactivated", target=account, request=request)
    return account


@transaction.atomic
def reset_second_factor(*, actor, user, expected_version, language=None, request=None):
    """Delete the app and the recovery codes: the next login asks for a new set-up. The person is told.

    A session confirmed with the deleted app is no longer verified, so it ends at the next request.
    """
    account = _locked_account(user, expected_version)
    TOTPDevice.objects.filter(user=account).delete()
    StaticDevice.objects.filter(user=account).delete()
    _bump(account)
    queue_mail(
        to=account.email,
        template="accounts/mail/second_factor_reset",
        context={"login_url": settings.SITE_URL + reverse("accounts:login")},
        language=language or settings.LANGUAGE_CODE,
    )
    announce(actor=actor, action="account.second_factor_reset", target=account, request=request)
    return account
