"""An anonymous visitor gets 404 from every address of a plan they may not read.

Pages that need a login send an anonymous visitor to the login page before the view
runs; for an unpublished plan that would tell the visitor the address is a plan's
(a missing plan's address answers 404). This runs before any view of an address with
a plan in it (the `slug` of the plans', importers' and follow-up URLs): a plan the
visitor may not read answers 404, as a plan that does not exist, and the 404 page
offers the login. Logged-in people are answered by the views' own guard
(plans/access.py), which takes the plan read here rather than reading it again.
"""

from django.http import Http404

from lanu.accounts.permissions import can_read

from .access import READ_PLAN
from .models import Plan


class HiddenPlanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("slug")
        if slug is None or request.user.is_authenticated:
            return None
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None or not can_read(request.user, plan):
            raise Http404
        setattr(request, READ_PLAN, plan)  # the view's guard reads it again from here
        return None
