"""What the accounts app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry


def _logged_in(user):
    return user.is_authenticated


MENU = [MenuEntry("account", _("Mein Konto"), "accounts:account", _logged_in, order=90)]
