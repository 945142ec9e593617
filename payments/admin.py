"""Payments in the admin, read-only: the orders with their events, every gateway message with
its verdict, and the daily reconciliation. The system administrator and the operations
centre's operators read them; nobody edits them here (orders change only through
payments/actions.py; a refund made outside a gateway is recorded with `manage.py record_refund`)."""

from __future__ import annotations

from django.contrib import admin

from accounts.admin_site import PolicyAdminMixin
from accounts.permissions import register_action
from accounts.roles import SYSTEM_ADMIN, Role
from payments.models import Payment, PaymentCallback, PaymentEvent, Reconciliation

register_action("payment.audit", [SYSTEM_ADMIN, Role.OPERATOR])


class ReadOnly(PolicyAdminMixin, admin.ModelAdmin):
    view_action = "payment.audit"
    agency_lookup = None

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


class EventInline(admin.TabularInline):
    model = PaymentEvent
    fields = ("seq", "at", "action", "from_state", "to_state", "actor_name", "data")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ("order_ref", "dossier", "purpose", "amount", "gateway", "state", "created_at", "paid_at",
                    "receipt_no", "refund_requested_at")
    list_filter = ("state", "gateway", "purpose")
    search_fields = ("order_ref", "transaction_no", "dossier__code", "receipt_no")
    date_hierarchy = "created_at"
    list_select_related = ("dossier",)
    inlines = [EventInline]


@admin.register(PaymentCallback)
class PaymentCallbackAdmin(ReadOnly):
    list_display = ("at", "gateway", "kind", "order_ref", "verdict", "reason", "remote_addr")
    list_filter = ("verdict", "kind", "gateway", "reason")
    search_fields = ("order_ref",)
    date_hierarchy = "at"


@admin.register(Reconciliation)
class ReconciliationAdmin(ReadOnly):
    list_display = ("day", "gateway", "paid_count", "paid_total", "confirmed_count", "confirmed_total",
                    "settled_pending", "balanced")
    list_filter = ("gateway",)
    date_hierarchy = "day"

    @admin.display(boolean=True, description="khớp")
    def balanced(self, obj):
        return obj.balanced
