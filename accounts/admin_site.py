"""The Django admin behind our own two-factor login (superusers only; the team uses /team/)."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login

from accounts.permissions import has_completed_login


class TwoFactorAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and has_completed_login(request.user)

    def login(self, request, extra_context=None):
        # The admin's own password-only form would bypass two-factor login.
        return redirect_to_login(request.GET.get("next") or request.path.replace("login/", ""))
