from django.contrib import admin
from django.utils import timezone

from privacy.models import PrivacyNotice


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    list_display = ["version", "published_at", "changes"]

    def get_readonly_fields(self, request, obj=None):
        # A published version is what people agreed to: it must never change afterwards.
        if obj and obj.published_at <= timezone.now():
            return ["version", "text", "text_en", "changes", "published_at"]
        return []

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.published_at > timezone.now()
