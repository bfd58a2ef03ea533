from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MultipliersConfig(AppConfig):
    name = "multipliers"
    verbose_name = _("Multiplikator_innen")
