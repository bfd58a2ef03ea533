from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Konten")


class TwoFactorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, but reachable only after our password + TOTP login."""

    default = False
    default_site = "accounts.admin_site.TwoFactorAdminSite"
