"""The audit log in the Wagtail admin (Settings > Audit log): read by superusers and officers,
changed by nobody. Rows are only ever written by engagement/audit.py."""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import AuditEvent


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Only "view" is ever granted (engagement.view_auditevent, or a superuser): no add, change
    or delete, not even for a superuser, so the admin offers no buttons for them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = "Audit log"
    add_to_settings_menu = True
    url_prefix = "audit-log"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_filter = ["kind", "created_at"]
    search_fields = ["email", "action"]
    list_display = [
        DateColumn("created_at", label="When"),
        Column("email", label="Who"),
        Column("get_kind_display", label="Kind"),
        Column("action", label="What"),
        Column("object_id", label="Object"),
    ]
    form_fields: list[str] = []  # never shown: nobody may add or change an event
    inspect_view_fields = ["created_at", "email", "kind", "action", "object_type", "object_id"]
