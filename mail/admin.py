from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mail.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only view of the outbox for the team: what went out, what is waiting, what failed."""

    list_display = ["id", "template", "language", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status", "template", "language"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    exclude = ["attachments"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Erneut versuchen (wartende und fehlgeschlagene)"), permissions=["view"])
    def retry_now(self, request, queryset):
        # The sweep enqueues a job for every due queued row within a minute.
        count = queryset.filter(status__in=[OutboxMessage.Status.QUEUED, OutboxMessage.Status.FAILED]).update(
            status=OutboxMessage.Status.QUEUED, next_attempt_at=timezone.now(), attempts=0
        )
        self.message_user(
            request,
            ngettext("%(count)d E-Mail wird erneut versucht.", "%(count)d E-Mails werden erneut versucht.", count)
            % {"count": count},
            messages.SUCCESS,
        )
