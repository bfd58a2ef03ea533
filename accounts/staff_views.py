"""The accounts page (/team/konten/, admin only): list, invite, re-invite, role, (de)activate, second factor."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import services
from accounts.decorators import role_required
from accounts.models import User
from accounts.permissions import is_admin
from accounts.signals import announce
from accounts.staff_forms import InviteForm, RoleForm, VersionForm
from core.exports import Column, download, export_format, export_links

STATUS_LABELS = {"invited": gettext_lazy("eingeladen"), "deactivated": gettext_lazy("deaktiviert")}
# The list's download (core.exports): what the table shows; on record through `account_activity`.
EXPORT_COLUMNS = [
    Column(gettext_lazy("Name"), lambda a: a.get_full_name()),
    Column(gettext_lazy("E-Mail-Adresse"), lambda a: a.email),
    Column(gettext_lazy("Rolle"), lambda a: a.get_role_display()),
    Column(
        gettext_lazy("Partnerorganisation"), lambda a: a.partner_organisation.name if a.partner_organisation else ""
    ),
    Column(gettext_lazy("Status"), lambda a: STATUS_LABELS.get(a.status, gettext_lazy("aktiv"))),
    Column(gettext_lazy("Letzte Anmeldung"), lambda a: a.last_login),
]


@require_safe
@role_required(is_admin)
def account_list(request):
    accounts = User.objects.select_related("partner_organisation").order_by("-is_active", "last_name", "email", "pk")
    fmt = export_format(request)
    if fmt:
        rows = list(accounts)
        details = {"format": fmt, "rows": len(rows)}
        announce(actor=request.user, action="account.list_exported", target=None, details=details, request=request)
        return download(fmt, EXPORT_COLUMNS, rows, filename="konten", sheet=_("Konten"))
    context = {"accounts": accounts, "nav": "accounts", "exports": export_links(request)}
    return render(request, "accounts/staff/account_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(is_admin)
def invite(request):
    form = InviteForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invite(
                actor=request.user,
                email=data["email"],
                role=data["role"],
                partner_organisation=data["partner_organisation"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=settings.LANGUAGE_CODE,
                request=request,
            )
        except services.AccountExistsError as exists:
            form.add_error("email", str(exists))
        else:
            messages.success(request, _("Die Einladung ist unterwegs an %(email)s.") % {"email": user.email})
            return redirect("accounts_staff:account_detail", account_pk=user.pk)
    context = {"form": form, "valid_hours": settings.ACCOUNT_INVITATION_HOURS, "nav": "accounts"}
    return render(request, "accounts/staff/invite.html", context)


def _detail(request, account, role_form=None):
    context = {
        "account": account,
        "role_form": role_form
        or RoleForm(
            initial={
                "role": account.role,
                "partner_organisation": account.partner_organisation_id,
                "version": account.version,
            },
            auto_id="id_role_%s",
            current_partner_id=account.partner_organisation_id,
        ),
        "has_second_factor": services.has_confirmed_device(account),
        "nav": "accounts",
    }
    return render(request, "accounts/staff/account_detail.html", context)


@require_safe
@role_required(is_admin)
def account_detail(request, account_pk):
    return _detail(request, get_object_or_404(User.objects.select_related("partner_organisation"), pk=account_pk))


@require_POST
@role_required(is_admin)
def change_role(request, account_pk):
    account = get_object_or_404(User, pk=account_pk)
    form = RoleForm(request.POST, auto_id="id_role_%s", current_partner_id=account.partner_organisation_id)
    if not form.is_valid():
        return _detail(request, account, role_form=form)
    data = form.cleaned_data
    return _run(
        request,
        account,
        lambda: services.change_role(
            actor=request.user,
            user=account,
            role=data["role"],
            partner_organisation=data["partner_organisation"],
            expected_version=data["version"],
            request=request,
        ),
        _("Die Rolle ist geändert."),
    )


def _action(change, done):
    """A button on the account page: POST with the version the page showed."""

    @require_POST
    @role_required(is_admin)
    def view(request, account_pk):
        account = get_object_or_404(User, pk=account_pk)
        form = VersionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."))
            return redirect("accounts_staff:account_detail", account_pk=account.pk)
        version = form.cleaned_data["version"]
        return _run(request, account, lambda: change(request, account, version), done)

    return view


def _run(request, account, change, done):
    try:
        change()
    except services.AccountChangeRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("accounts_staff:account_detail", account_pk=account.pk)


def _kwargs(request, account, version):
    return {"actor": request.user, "user": account, "expected_version": version, "request": request}


reinvite = _action(
    lambda request, account, version: services.reinvite(**_kwargs(request, account, version)),
    gettext_lazy("Eine neue Einladung ist unterwegs; der alte Link gilt nicht mehr."),
)
deactivate = _action(
    lambda request, account, version: services.deactivate(**_kwargs(request, account, version)),
    gettext_lazy("Das Konto ist deaktiviert. Es kann sich nicht mehr anmelden."),
)
reactivate = _action(
    lambda request, account, version: services.reactivate(**_kwargs(request, account, version)),
    gettext_lazy("Das Konto ist wieder aktiv."),
)
reset_second_factor = _action(
    lambda request, account, version: services.reset_second_factor(**_kwargs(request, account, version)),
    gettext_lazy(
        "Der zweite Faktor ist zurückgesetzt. Bei der nächsten Anmeldung richtet die Person ihn neu ein; "
        "sie wurde per E-Mail informiert."
    ),
)
