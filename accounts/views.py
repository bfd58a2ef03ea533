import base64
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services
from accounts.decorators import login_completed_required
from accounts.forms import CodeForm, EmailAuthenticationForm, PasswordResetRequestForm, SetupCodeForm
from accounts.lockout import account_key
from accounts.permissions import has_completed_login, requires_two_factor
from accounts.signals import announce
from core import registry
from core.guards import over_limit


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name, request):
    return f"{reverse(name)}?{request.GET.urlencode()}" if request.GET.get("next") else reverse(name)


class LoginView(auth_views.LoginView):
    """Step 1: e-mail and password. Roles that see personal data continue to the code step."""

    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_completed_login(request.user):
            # A session without the second factor (e.g. from the old admin login) starts over.
            auth_logout(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        self.landing_user = user  # before the code step, request.user is still anonymous
        if not requires_two_factor(user):
            services.complete_login(request=self.request, user=user)
            return HttpResponseRedirect(self.get_success_url())
        services.start_pending_login(self.request, user)
        step = "accounts:verify" if services.has_confirmed_device(user) else "accounts:setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': self.get_success_url()})}")

    def get_default_redirect_url(self):
        """Without `next`: the back office, or the page an app names for an account with no
        back-office pages (hook `login_landing`, e.g. a multiplier's own page)."""
        user = getattr(self, "landing_user", self.request.user)
        landing = [url for url in registry.announce("login_landing", user=user) if url]
        return landing[0] if landing else super().get_default_redirect_url()

    def form_invalid(self, form):
        if form.data.get("username") and form.data.get("password"):
            services.record_failed_login(request=self.request, email=form.data.get("username"))
        return super().form_invalid(form)


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """Step 2: the code from the app (or a recovery code)."""
    user = services.pending_user(request)
    if user is None:
        messages.info(request, _("Bitte melden Sie sich zuerst mit E-Mail-Adresse und Passwort an."))
        return redirect(_with_next("accounts:login", request))
    if not services.login_allowed(request, user):
        services.cancel_pending_login(request)
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = services.verify_second_factor(request=request, user=user, code=form.cleaned_data["code"])
        if device is not None:
            services.complete_login(request=request, user=user, device=device)
            return redirect(_next_url(request))
        if not services.login_allowed(request, user):
            services.cancel_pending_login(request)
            return locked_out(request)
        form.add_error(
            "code",
            _(
                "Dieser Code passt nicht. Geben Sie den Code ein, den die App gerade anzeigt "
                "(er wechselt alle 30 Sekunden)."
            ),
        )
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


def _qr_svg(device):
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, svgclass="qr-code", lineclass=None)
    label = _("QR-Code zum Einrichten der Authenticator-App")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _grouped(base32_secret):
    return " ".join(base32_secret[i : i + 4] for i in range(0, len(base32_secret), 4))


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request):
    """First login of a role that needs 2FA, or an account that chose it (offer_setup): connect an
    authenticator app, confirm with a code."""
    user = services.pending_user(request)
    if user is None:
        messages.info(request, _("Bitte melden Sie sich zuerst mit E-Mail-Adresse und Passwort an."))
        return redirect(_with_next("accounts:login", request))
    if services.has_confirmed_device(user):
        # With a device in place, the password alone must never be enough to connect another app.
        return redirect(_with_next("accounts:verify", request))
    device = services.totp_device_for_setup(request=request, user=user)
    form = SetupCodeForm(request.POST or None)
    if form.is_valid():
        result = services.confirm_totp_device(request=request, user=user, device=device, code=form.cleaned_data["code"])
        if result is not None:
            confirmed, _codes = result
            services.complete_login(request=request, user=user, device=confirmed)
            return redirect(f"{reverse('accounts:recovery_codes')}?{urlencode({'next': _next_url(request)})}")
        form.add_error(
            "code",
            _(
                "Dieser Code passt nicht. Prüfen Sie, ob die Uhrzeit Ihres Telefons stimmt, "
                "und geben Sie den aktuellen Code ein."
            ),
        )
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "qr_svg": _qr_svg(device),
        "secret": _grouped(secret),
        "next": _next_url(request),
        "chosen": not requires_two_factor(user),
    }
    return render(request, "accounts/setup.html", context)


@never_cache
@login_completed_required
@require_POST
def offer_setup(request):
    """An account that may choose the second factor (a multiplier) sets it up from its own page:
    the same steps as a first login that needs one; from then on every login asks for the code."""
    if services.has_confirmed_device(request.user):
        return redirect(_next_url(request))
    user = request.user
    user.backend = request.session[BACKEND_SESSION_KEY]
    services.start_pending_login(request, user)
    return redirect(f"{reverse('accounts:setup')}?{urlencode({'next': _next_url(request)})}")


@never_cache
@login_completed_required
@require_http_methods(["GET", "HEAD", "POST"])
def recovery_codes(request):
    """Shows freshly made recovery codes exactly once; a POST makes new ones."""
    if request.method == "POST":
        services.create_recovery_codes(user=request.user, request=request)
        return redirect("accounts:recovery_codes")
    codes = request.session.pop(services.RECOVERY_CODES_KEY, None)
    context = {
        "codes": codes,
        "remaining": services.remaining_recovery_codes(request.user),
        "next": _next_url(request),
    }
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@login_completed_required
def account(request):
    context = {
        "remaining": services.remaining_recovery_codes(request.user),
        "has_device": services.has_confirmed_device(request.user),
        "nav": "account",
    }
    return render(request, "accounts/account.html", context)


@require_POST
def logout(request):
    if request.user.is_authenticated:
        announce(actor=request.user, action="account.logout", target=request.user, request=request)
    return auth_views.LogoutView.as_view()(request)


def locked_out(request, response=None, credentials=None):
    """django-axes' lock-out page (AXES_LOCKOUT_CALLABLE) and ours after too many wrong codes."""
    announce(actor=None, action="account.locked_out", target=None, request=request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def _reset_limit_error(request, email):
    """Counted per client address and per typed address (attempts, not accounts: it reveals nothing)."""
    if over_limit(request, group="accounts:password-reset:ip", key="ip", rate=settings.PASSWORD_RESET_RATE_PER_IP):
        return None, _("Von Ihrem Anschluss kamen gerade sehr viele Anfragen. Bitte warten Sie eine Stunde.")
    address = account_key(email)
    per_address = settings.PASSWORD_RESET_RATE_PER_EMAIL
    if over_limit(request, group="accounts:password-reset:email", key=lambda _g, _r: address, rate=per_address):
        return "email", _(
            "Für diese Adresse wurden gerade sehr viele Links angefordert. Gibt es ein Konto mit dieser "
            "Adresse, ist ein Link schon unterwegs: Schauen Sie auch im Spam-Ordner nach oder versuchen Sie "
            "es in einer Stunde noch einmal."
        )
    return None


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        limited = _reset_limit_error(self.request, email)
        if limited:
            form.add_error(*limited)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        services.request_password_reset(email=email, language=get_language())
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        announce(actor=None, action="account.password_reset_done", target=form.user, request=self.request)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Ihr Passwort ist geändert."))
        return super().form_valid(form)


# --- Invitation and first-admin set-up links ---------------------------------------------
INVITATION_PROBLEM_STATUS = {"invalid": 404, "used": 410, "expired": 410}


def _invitation_problem(request, reason):
    """A link that does not work says why and offers nothing else (no form)."""
    return render(
        request, "accounts/invitation_invalid.html", {"reason": reason}, status=INVITATION_PROBLEM_STATUS[reason]
    )


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def accept_invitation(request, token):
    """Choose the first password; then the normal login (with the second-factor set-up where needed)."""
    try:
        invitation = services.invitation_for(token)
    except services.InvitationInvalid as problem:
        return _invitation_problem(request, problem.reason)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if form.is_valid():
        try:
            services.accept_invitation(token=token, password=form.cleaned_data["new_password1"], request=request)
        except services.InvitationInvalid as problem:
            return _invitation_problem(request, problem.reason)
        auth_logout(request)  # whoever was logged in in this browser, the new account logs in next
        messages.success(
            request,
            _("Ihr Passwort ist gespeichert. Melden Sie sich jetzt mit Ihrer E-Mail-Adresse und dem Passwort an."),
        )
        return redirect("accounts:login")
    context = {"form": form, "account": invitation.user, "valid_hours": settings.ACCOUNT_INVITATION_HOURS}
    return render(request, "accounts/accept_invitation.html", context)
