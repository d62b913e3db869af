from django.contrib import admin

from .models import Area, Indicator, Observation, PlanAreas, PlanIndicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "source", "unit", "direction", "sotkanet_id"]
    list_filter = ["direction"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "kind", "category", "sotkanet_id"]
    list_filter = ["kind"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    filter_horizontal = ["member_of"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "year", "gender", "group", "value", "absolute_value"]
    list_filter = ["gender", "year"]
    search_fields = ["indicator__code", "indicator__name_fi", "area__code", "area__name_fi"]
    list_select_related = ["indicator", "area"]
    raw_id_fields = ["indicator", "area"]


@admin.register(PlanIndicator)
class PlanIndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "plan",
        "number",
        "name",
        "indicator",
        "group",
        "sotkanet_match",
        "match_confirmed",
    ]
    list_filter = ["match_confirmed"]
    list_select_related = ["plan", "description", "indicator", "sotkanet_match"]
    raw_id_fields = ["plan", "description", "indicator", "sotkanet_match"]
    filter_horizontal = ["subgoals"]


@admin.register(PlanAreas)
class PlanAreasAdmin(admin.ModelAdmin):
    list_display = ["plan", "reference_area", "tolerance"]
    raw_id_fields = ["plan", "reference_area"]
    filter_horizontal = ["areas"]
