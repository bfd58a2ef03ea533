from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Protokoll")

    def ready(self):
        from accounts.signals import account_activity
        from audit.receivers import record_account_activity

        account_activity.connect(record_account_activity, dispatch_uid="audit.record_account_activity")
