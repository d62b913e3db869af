from django.http import HttpResponse
def plan_list(request): return HttpResponse("")
plan_detail = subgoal_detail = organisation_detail = action_list = action_detail = export_json = export_csv = export_xlsx = plan_list
