from django.contrib import admin

from .models import Organisation, Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "period_start", "period_end", "status", "published"]
    search_fields = ["name", "slug", "region"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind"]
    search_fields = ["name", "short_name"]
