"""Login, second factor and password reset: the writes behind the account views."""

import time
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib.auth import get_user_model, user_login_failed
from django.contrib.auth import login as auth_login
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.module_loading import import_string
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.lockout import account_key
from accounts.permissions import requires_two_factor
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


def has_confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


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
