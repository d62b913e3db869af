from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "plan", "role", "organisation"]
    list_filter = ["role", "plan"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user"]
