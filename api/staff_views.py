"""The tokens page (/team/api-tokens/): every back-office account makes and revokes its own API tokens."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from api import services
from api.queries import tokens_of
from api.scopes import all_scopes
from api.staff_forms import TokenForm


@require_safe
@role_required(can_use_back_office)
def token_list(request):
    labels = {scope.key: scope.label for scope in all_scopes()}
    tokens = list(tokens_of(request.user))
    context = {"tokens": tokens, "labels": labels, "nav": "api_tokens"}
    return render(request, "api/staff/token_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def token_create(request):
    form = TokenForm(request.POST or None, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        token, secret = services.create_token(
            actor=request.user, name=data["name"], scopes=data["scopes"], days=data["days"], request=request
        )
        # Shown once, on this answer only (never stored in clear, never in a redirect or message).
        return render(request, "api/staff/token_created.html", {"token": token, "secret": secret, "nav": "api_tokens"})
    return render(request, "api/staff/token_form.html", {"form": form, "nav": "api_tokens"})


@require_POST
@role_required(can_use_back_office)
def token_revoke(request, token_pk):
    token = get_object_or_404(tokens_of(request.user), pk=token_pk)
    if services.revoke_token(actor=request.user, token=token, request=request):
        messages.success(request, _("Der Token „%(name)s“ ist widerrufen.") % {"name": token.name})
    return redirect("api_staff:token_list")
