from django.contrib import admin

from .models import FollowUpRound, ReminderSent


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(admin.ModelAdmin):
    list_display = ["plan", "year", "opens_on", "closes_on", "state", "imported"]
    list_filter = ["state", "imported"]
    search_fields = ["plan__name", "plan__slug"]
    readonly_fields = ["closed_at", "closed_by", "subgoals_at_closing"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """A record of e-mails sent: read, never written by hand."""

    list_display = ["round", "organisation", "email", "sent_at", "sent_by", "with_password_link"]
    list_filter = ["sent_on", "with_password_link"]
    search_fields = ["email", "organisation__name", "round__plan__name"]
    list_select_related = ["round__plan", "organisation", "sent_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
