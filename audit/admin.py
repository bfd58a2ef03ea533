from django.contrib import admin

from audit.models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "actor_role", "action", "target_type", "target_id"]
    list_filter = ["action", "actor_role"]
    list_select_related = ["actor"]

    # The log is append-only, also for superusers.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
